"""Judging (organisers): settings, conflict suggestions and progress per judge."""

import streamlit as st

from civic_challenge.services.assignment_overview import judging_progress
from civic_challenge.services.clock import now
from civic_challenge.services.conflicts import (
    decide_conflict,
    list_conflicts,
    suggest_likely_conflicts,
)
from civic_challenge.services.judging_settings import get_judging_settings
from civic_challenge.ui import judging, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Judging", signed_in=True, needs_challenge=True)
with db_reader() as session:
    settings = get_judging_settings(session=session, actor=actor)
    conflicts = list_conflicts(session=session, actor=actor)
    per_judge, abstentions = judging_progress(session=session, actor=actor)

st.header("Progress per judge")
judging.progress(per_judge, abstentions)

st.header("Settings")
judging.settings_section(actor, settings)

st.header("Conflicts of interest")
if st.button("Suggest likely conflicts", help="Same email domain as a website, or a close name."):
    attempt(
        "suggest",
        lambda s: suggest_likely_conflicts(session=s, actor=actor, now=now()),
        lambda n: f"{n} new suggestions to confirm or dismiss.",
    )
judging.conflicts_table(conflicts)
chosen, confirm = judging.decision_form(conflicts)
if chosen is not None:
    attempt(
        "decide_conflict",
        lambda s: decide_conflict(
            session=s, actor=actor, conflict_id=chosen, confirm=confirm, now=now()
        ),
        "Conflict confirmed." if confirm else "Suggestion dismissed.",
    )
