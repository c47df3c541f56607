"""Rubric (organisers): criteria with weights, scales and level descriptors."""

import streamlit as st

from civic_challenge.services.rubric import get_rubric
from civic_challenge.ui import rubric, shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Rubric", signed_in=True, needs_challenge=True)
with db_reader() as session:
    current = get_rubric(session=session, actor=actor)
rubric.show(current)

st.header("Reset a criterion" if current.locked else "Add or change a criterion")
rubric.criterion_section(actor, current, rubric.choose(current))
