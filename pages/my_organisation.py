"""My organisation (applicants): the SME's profile, the eligibility check, co-applicants."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.organisations import (
    check_eligibility,
    invite_co_applicant,
    list_boroughs,
    list_members,
    my_organisation,
)
from civic_challenge.ui import feedback, organisation_form, organisation_saving, people, shell
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.links import base_url

user = shell.begin_page("My organisation", signed_in=True)
with db_reader() as session:
    current = my_organisation(session=session, actor=user)
    reasons = check_eligibility(session=session, actor=user)
    members = list_members(session=session, actor=user)
organisation_form.eligibility(reasons)
st.header("Profile" if current else "Tell us about your organisation")
organisation_form.load(current)
boroughs = list_boroughs()
typed = organisation_form.profile_form(current, boroughs)
organisation_saving.after_form(user, typed, boroughs)

if current:
    organisation_form.members(members)
    email = organisation_form.invite_form()
    if email is not None:
        try:
            with db_session() as session:
                token = invite_co_applicant(
                    session=session, actor=user, email=email, now=now(), base_url=base_url()
                )
        except InvalidInput as invalid:
            feedback.remember_problems("co_applicant", invalid.problems)
            st.rerun()
        feedback.clear_problems("co_applicant")
        st.session_state[people.LINK_KEY] = (email.strip().lower(), people.invite_link(token))
    people.show_new_link()
