"""People (organisers): invite judges and organisers, see everyone, deactivate accounts."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.invites import create_invite
from civic_challenge.services.people import deactivate_user, list_open_invites, list_people
from civic_challenge.ui import feedback, people, shell
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.links import base_url
from civic_challenge.ui.text import plain

FORM = "invite"
actor = shell.begin_page("People", signed_in=True)
st.header("Invite a judge or organiser")
with st.form(FORM, clear_on_submit=True):
    feedback.problem_summary(FORM)
    email = st.text_input(
        "Email address to invite",
        max_chars=254,
    )
    st.caption("The invite link only works for an account with this email.")
    feedback.field_problems(FORM, "email")
    role = st.radio(
        "Role",
        list(people.ROLE_CHOICES),
        format_func=people.ROLE_CHOICES.get,
        horizontal=True,
    )
    st.caption("Judges score proposals; organisers run the challenge.")
    submitted = st.form_submit_button("Send invite", type="primary")
if submitted:
    try:
        with db_session() as session:
            token = create_invite(
                session=session, actor=actor, email=email, role=role, now=now(), base_url=base_url()
            )
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems)
        st.rerun()
    feedback.clear_problems(FORM)
    st.session_state[people.LINK_KEY] = (email.strip().lower(), people.invite_link(token))
people.show_new_link()

with db_reader() as session:
    everyone = list_people(session=session, actor=actor)
    invites = list_open_invites(session=session, actor=actor, now=now())
st.header(f"Everyone ({len(everyone)})")
people.people_table(everyone)
st.caption(f"Open invites: {len(invites)}")

st.header("Deactivate an account")
choices = people.deactivation_choices(everyone, actor)
with st.form("deactivate"):
    chosen = st.selectbox(
        "Account",
        list(choices),
        format_func=choices.get,
        index=None,
        placeholder="Choose a person",
    )
    st.caption("They are signed out everywhere at once.")
    sure = st.checkbox("I understand they will no longer be able to sign in.")
    deactivate = st.form_submit_button("Deactivate")
if deactivate:
    if chosen is None or not sure:
        st.error("Choose an account and tick the box to confirm.", icon=":material/error:")
    else:
        try:
            with db_session() as session:
                deactivate_user(session=session, actor=actor, user_id=chosen)
            feedback.flash("success", f"Deactivated {plain(choices[chosen])}.")
            st.rerun()
        except ServiceError as error:
            st.error(str(error), icon=":material/error:")
