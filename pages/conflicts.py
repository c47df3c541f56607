"""Conflicts (judges): declare conflicts of interest before seeing any proposal."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.conflicts import (
    confirm_declaration,
    declare_conflict,
    my_declaration,
)
from civic_challenge.ui import conflicts, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.text import plain

actor = shell.begin_page("Conflicts of interest", signed_in=True, needs_challenge=True)
with db_reader() as session:
    declaration = my_declaration(session=session, actor=actor)

if conflicts.confirmation_prompt(declaration.confirmed):
    attempt(
        "confirm_declaration",
        lambda s: confirm_declaration(session=s, actor=actor, now=now()),
        "Thank you. Your proposals are in My queue.",
    )

st.header("Declare a conflict")
submitted, organisation, reason = conflicts.declaration_form(declaration)
if submitted:
    attempt(
        conflicts.FORM,
        lambda s: declare_conflict(
            session=s, actor=actor, organisation_id=organisation, reason=reason, now=now()
        ),
        f"Declared: {plain(declaration.organisations.get(organisation or 0, ''))}. "
        "You will not be shown its proposals.",
    )
conflicts.declared_list(declaration)
