"""Proposals (organisers): every submitted proposal with its eligibility screening."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.screening import accept_screening_suggestions, list_screening
from civic_challenge.ui import screening, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Proposals", signed_in=True, needs_challenge=True)
with db_reader() as session:
    frame = list_screening(session=session, actor=actor)
if frame.empty:
    st.info("No proposal has been submitted yet.", icon=":material/info:")
    st.stop()
screening.counts(frame)
screening.table(frame)

waiting = int((frame.status == "submitted").sum())
if waiting and st.button(f"Accept the check's suggestion for the {waiting} not yet screened"):
    attempt(
        "accept_all",
        lambda s: accept_screening_suggestions(session=s, actor=actor, now=now()),
        lambda n: f"Screened {n} proposals as the eligibility check suggested.",
    )

st.subheader("Screen one proposal")
screening.decision_section(actor, frame)
