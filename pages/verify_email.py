"""Confirm an email address from the link in the message sent on registration."""

import streamlit as st

from civic_challenge.services.account_tokens import LinkInvalid
from civic_challenge.services.clock import now
from civic_challenge.services.registration import confirm_email
from civic_challenge.ui import shell
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain

shell.begin_page("Confirm your email")
token = st.query_params.get("token", "")
try:
    with db_session() as session:
        email = confirm_email(session=session, token=token, now=now())
except LinkInvalid as invalid:
    st.error(str(invalid), icon=":material/error:")
    st.stop()
st.success(f"Thank you: {plain(email)} is confirmed.", icon=":material/check_circle:")
st.page_link("pages/sign_in.py", label="Sign in", icon=":material/login:")
