"""Your account: who you are signed in as, change your password, sign out."""

import streamlit as st

from civic_challenge.services.accounts import change_password
from civic_challenge.services.errors import InvalidInput
from civic_challenge.ui import auth, feedback, shell
from civic_challenge.ui.account_forms import PASSWORD_HELP, password_field
from civic_challenge.ui.account_settings import email_settings
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain

FORM = "change_password"
user = shell.begin_page("Your account", signed_in=True)
st.markdown(f"**{plain(user.name)}** · {plain(user.email)} · {shell.ROLE_NAMES[user.role]}")

st.header("Change your password")
with st.form(FORM, clear_on_submit=False):
    feedback.problem_summary(FORM)
    current = password_field(
        "Current password",
        key="current_password",
        new=False,
        help="The password you signed in with.",
    )
    feedback.field_problems(FORM, "current")
    new = password_field("New password", key="new_password", help=PASSWORD_HELP)
    feedback.field_problems(FORM, "new")
    repeat = password_field(
        "Repeat new password", key="repeat_password", help="Type the new password again."
    )
    submitted = st.form_submit_button("Change password", type="primary")

if submitted:
    try:
        with db_session() as session:
            change_password(
                session=session,
                actor=user,
                current=current,
                new=new,
                repeat=repeat,
                keep_session_token=auth.session_token(),
            )
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    feedback.clear_problems(FORM)
    feedback.flash(
        "success", "Your password has been changed. Every other session has been signed out."
    )
    st.rerun()

email_settings(user)

st.header("Sign out")
st.caption("Signing out ends this session on this device.")
if st.button("Sign out", icon=":material/logout:"):
    shell.sign_out_and_leave()
