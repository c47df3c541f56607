"""Proposals (organisers): every submitted proposal with its eligibility screening."""

import streamlit as st

from civic_challenge.services.screening import list_screening
from civic_challenge.ui import screening, shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Proposals", signed_in=True, needs_challenge=True)
with db_reader() as session:
    frame = list_screening(session=session, actor=actor)
if frame.empty:
    st.info("No proposal has been submitted yet.", icon=":material/info:")
    st.stop()
screening.counts(frame)
screening.table(frame)

screening.accept_all(actor, frame)

st.header("Screen one proposal")
screening.decision_section(actor, frame)
