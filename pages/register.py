"""Register as an applicant: an SME owner creating an account to write proposals."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.registration import register
from civic_challenge.ui import feedback, shell
from civic_challenge.ui.account_forms import account_fields
from civic_challenge.ui.database import db_session
from civic_challenge.ui.links import base_url
from civic_challenge.ui.text import plain

FORM = "register"
DONE_KEY = "civic_registered_email"

shell.begin_page("Register your organisation")
done = st.session_state.get(DONE_KEY)
if done:
    st.success(
        f"Thank you. We have sent a message to {plain(done)}: open the link in it to confirm "
        "your email address. Then sign in with this email and the password you chose. "
        "No message after a few minutes? Check your spam folder.",
        icon=":material/mark_email_read:",
    )
    st.page_link("pages/sign_in.py", label="Sign in", icon=":material/login:")
    st.stop()

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
            register(
                session=session,
                email=fields.email,
                name=fields.name,
                password=fields.password,
                repeat=fields.repeat,
                now=now(),
                base_url=base_url(),
            )
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    feedback.clear_problems(FORM)
    st.session_state[DONE_KEY] = fields.email.strip().lower()
    st.rerun()

st.page_link("pages/sign_in.py", label="Already registered? Sign in", icon=":material/login:")
