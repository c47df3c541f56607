"""Forgot your password: ask for a link to choose a new one."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.registration import request_password_reset
from civic_challenge.ui import feedback, shell
from civic_challenge.ui.database import db_session
from civic_challenge.ui.links import base_url
from civic_challenge.ui.text import plain

FORM = "forgot_password"
SENT_KEY = "civic_reset_requested"

shell.begin_page("Forgot your password?")
sent = st.session_state.get(SENT_KEY)
if sent:
    st.success(
        f"If {plain(sent)} has an account here, we have sent it a link to choose a new "
        "password. The link works once, for a short while. No message? Check your spam folder, "
        "or ask again.",
        icon=":material/mark_email_read:",
    )
st.markdown("Enter the email address of your account and we will send you a link.")
with st.form(FORM):
    feedback.problem_summary(FORM)
    email = st.text_input(
        "Email",
        max_chars=254,
        autocomplete="email",
    )
    st.caption("The email address you registered with or were invited at.")
    feedback.field_problems(FORM, "email")
    submitted = st.form_submit_button("Send me a link", type="primary")
if submitted:
    try:
        with db_session() as session:
            request_password_reset(session=session, email=email, now=now(), base_url=base_url())
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    feedback.clear_problems(FORM)
    st.session_state[SENT_KEY] = email.strip().lower()
    st.rerun()
st.page_link("pages/sign_in.py", label="Back to Sign in", icon=":material/login:")
