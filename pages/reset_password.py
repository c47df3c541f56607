"""Choose a new password from the link in a reset message."""

import streamlit as st

from civic_challenge.services.account_tokens import LinkInvalid
from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.registration import reset_link_works, reset_password
from civic_challenge.ui import feedback, shell
from civic_challenge.ui.account_forms import PASSWORD_HELP, password_field
from civic_challenge.ui.database import db_reader, db_session

FORM = "reset_password"
INVALID = (
    "This link to choose a new password has expired or was already used. Ask for a new one below."
)

shell.begin_page("Choose a new password")
token = st.query_params.get("token", "")
with db_reader() as session:
    works = reset_link_works(session=session, token=token, now=now())
if not works:
    st.error(INVALID, icon=":material/error:")
    st.page_link("pages/forgot_password.py", label="Forgot your password?")
    st.stop()

with st.form(FORM):
    feedback.problem_summary(FORM)
    password = password_field("New password", key="reset_new", help=PASSWORD_HELP)
    feedback.field_problems(FORM, "password")
    repeat = password_field("Repeat new password", key="reset_repeat", help="Type it again.")
    submitted = st.form_submit_button("Save my new password", type="primary")
if submitted:
    try:
        with db_session() as session:
            reset_password(
                session=session, token=token, password=password, repeat=repeat, now=now()
            )
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    except LinkInvalid as invalid:
        st.error(str(invalid), icon=":material/error:")
        st.stop()
    feedback.clear_problems(FORM)
    st.query_params.clear()
    feedback.flash(
        "success", "Your password has been changed and you are signed out everywhere. Sign in now."
    )
    st.switch_page("pages/sign_in.py")
