"""Abstaining from a proposal: a reason, then the assignment is freed for another judge."""

import streamlit as st

from civic_challenge.services.queue import ScoringSheet
from civic_challenge.ui import feedback

FORM = "abstain"


def form(sheet: ScoringSheet) -> str | None:
    """The reason when the judge abstains now, else None."""
    if not sheet.editable or sheet.review.state.value == "submitted":
        return None
    with st.expander("Abstain from this proposal"), st.form(FORM):
        feedback.problem_summary(FORM)
        reason = st.text_input(
            "Why you cannot judge it",
            max_chars=500,
        )
        st.caption("Organisers read this, and will assign the proposal to another judge.")
        feedback.field_problems(FORM, "reason")
        go = st.form_submit_button("Abstain", icon=":material/do_not_disturb_on:")
    return reason if go else None
