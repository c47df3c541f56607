"""Register as an applicant: an SME owner creating an account to write proposals."""

import streamlit as st

from civic_challenge.services.accounts import register_applicant
from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.sessions import start_session
from civic_challenge.ui import auth, feedback, shell
from civic_challenge.ui.account_forms import account_fields
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain

FORM = "register"

shell.begin_page("Register your organisation")
st.markdown(
    "Create an account to write and submit proposals. You can save a draft at any time "
    "and come back to it later. Judges and organisers join through an invite instead."
)
with st.form(FORM):
    fields = account_fields(FORM)
    submitted = st.form_submit_button("Create account", type="primary")

if submitted:
    try:
        with db_session() as session:
            user = register_applicant(
                session=session,
                email=fields.email,
                name=fields.name,
                password=fields.password,
                repeat=fields.repeat,
            )
            token = start_session(session=session, user_id=user.id, now=now())
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    feedback.clear_problems(FORM)
    auth.sign_in_as(user, token)
    feedback.flash("success", f"Welcome, {plain(user.name)}. Your account is ready.")
    st.switch_page("pages/landing.py")

st.page_link("pages/sign_in.py", label="Already registered? Sign in", icon=":material/login:")
