"""Decisions (organisers): awards within the budget, the recommended slate, feedback, and
releasing decisions in stages."""

import streamlit as st

from civic_challenge.services.award_overview import awards_overview
from civic_challenge.services.errors import NotFound
from civic_challenge.services.feedback_moderation import feedback_for_moderation
from civic_challenge.services.releases import list_releases, release_check
from civic_challenge.ui import (
    decisions,
    feedback_moderation,
    releases,
    shell,
    slate,
    slate_apply,
)
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Decisions", signed_in=True, needs_challenge=True)
try:
    with db_reader() as session:
        overview = awards_overview(session=session, actor=actor)
        check = release_check(session=session, actor=actor)
        released = list_releases(session=session, actor=actor)
        comments = feedback_for_moderation(session=session, actor=actor)
except NotFound as missing:
    st.info(str(missing), icon=":material/info:")
    st.stop()

st.header("Budget", divider="gray")
decisions.budget(overview)
st.header("Shortlist and awards", divider="gray")
decisions.shortlist(overview)
if not overview.candidates.empty:
    decisions.award_section(actor, overview)
    st.header("Recommended slate", divider="gray")
    slate_apply.controls(actor, slate.recommendation(actor, overview))

st.header("Feedback for applicants", divider="gray")
feedback_moderation.feedback_section(actor, comments)

st.header("Release to applicants", divider="gray")
releases.history(released)
releases.pending(actor, check)
