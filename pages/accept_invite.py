"""Accept an invite: a judge or organiser sets their name and password from a one-time link."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.invites import InviteInvalid, accept_invite, describe_invite
from civic_challenge.services.sessions import start_session
from civic_challenge.ui import auth, feedback, shell
from civic_challenge.ui.account_forms import account_fields
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain

FORM = "accept_invite"
ROLE_WORDS = {"judge": "a judge", "organiser": "an organiser", "applicant": "a co-applicant"}

shell.begin_page("Accept your invite")
token = st.query_params.get("token", "")
try:
    with db_session() as session:
        invite = describe_invite(session=session, token=token, now=now())
except InviteInvalid as invalid:
    st.error(str(invalid), icon=":material/error:")
    st.stop()

st.markdown(
    f"You have been invited to join as **{ROLE_WORDS[invite.role]}** with the email "
    f"**{plain(invite.email)}**. Choose your name as others will see it, and a password."
)
with st.form(FORM):
    fields = account_fields(FORM, email=invite.email)
    submitted = st.form_submit_button("Join", type="primary")

if submitted:
    try:
        with db_session() as session:
            user = accept_invite(
                session=session,
                token=token,
                name=fields.name,
                password=fields.password,
                repeat=fields.repeat,
                now=now(),
            )
            session_token = start_session(session=session, user_id=user.id, now=now())
    except InviteInvalid as invalid:
        st.error(str(invalid), icon=":material/error:")
        st.stop()
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    feedback.clear_problems(FORM)
    st.query_params.clear()
    auth.sign_in_as(user, session_token)
    feedback.flash("success", f"Welcome, {plain(user.name)}. You are signed in.")
    st.switch_page("pages/landing.py")
