"""Decisions (organisers): awards within the budget, the recommended slate, feedback, and
releasing decisions in stages."""

import streamlit as st

from civic_challenge.services.errors import NotFound
from civic_challenge.ui import (
    decisions,
    feedback_moderation,
    releases,
    shell,
    slate,
    slate_apply,
)
from civic_challenge.ui.decisions_data import notice, page_data

actor = shell.begin_page("Decisions", signed_in=True, needs_challenge=True)
try:
    data = page_data(actor)
except NotFound as missing:
    st.info(str(missing), icon=":material/info:")
    st.stop()
overview = data.overview
notice(data)

st.header("Budget", divider="gray")
decisions.budget(overview)
st.header("Shortlist and awards", divider="gray")
decisions.shortlist(overview, data.shortlist_table)
if not overview.candidates.empty:
    decisions.award_section(actor, overview, data.awards)
    st.header("Recommended slate", divider="gray")
    slate_apply.controls(actor, slate.recommendation(actor, data))

st.header("Feedback for applicants", divider="gray")
feedback_moderation.feedback_section(actor, data.key)

st.header("Release to applicants", divider="gray")
releases.history(data.released)
releases.pending(actor, data.check)
