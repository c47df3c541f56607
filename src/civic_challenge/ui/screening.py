"""The organisers' Proposals page parts: the screening table and the decision form."""

import pandas as pd
import streamlit as st

from civic_challenge.domain.terms import FOUND_ELIGIBLE
from civic_challenge.ui import feedback
from civic_challenge.ui.proposal_links import OPEN_COLUMN, proposal_link

FORM = "screen"
STATUS_WORDS = {"submitted": "Not screened", "eligible": "Eligible", "ineligible": "Ineligible"}


def table(frame: pd.DataFrame) -> None:
    shown = pd.DataFrame(
        {
            "Reference": frame.reference,
            "Open": frame.id.map(proposal_link),
            "Title": frame.title,
            "Organisation": frame.organisation,
            "Check says": frame.suggested_eligible.map({True: "Eligible", False: "Ineligible"}),
            "Check's reasons": frame.suggested_reasons.map(" ".join),
            "Decision": frame.status.map(lambda s: STATUS_WORDS.get(s, s.capitalize())),
            "Decision's reason": frame.screening_reason,
            "Screened by": frame.screened_by.fillna(""),
        }
    )
    st.dataframe(shown, hide_index=True, column_config={"Open": OPEN_COLUMN})


def counts(frame: pd.DataFrame) -> None:
    """Eligible counts every proposal found eligible, shortlisted or decided since, as the
    dashboard and Assignments do."""
    eligible = frame.status.isin([s.value for s in FOUND_ELIGIBLE])
    columns = st.columns(3)
    columns[0].metric(STATUS_WORDS["submitted"], int((frame.status == "submitted").sum()))
    columns[1].metric(STATUS_WORDS["eligible"], int(eligible.sum()))
    columns[2].metric(STATUS_WORDS["ineligible"], int((frame.status == "ineligible").sum()))


def decision_form(frame: pd.DataFrame) -> tuple[bool, int | None, bool, str]:
    """(submitted, proposal id, eligible, reason)."""
    choices = {
        int(r.id): f"{r.reference or r.id} · {r.title} ({STATUS_WORDS.get(r.status, r.status)})"
        for r in frame.itertuples()
    }
    with st.form(FORM, clear_on_submit=True):
        feedback.problem_summary(FORM)
        chosen = st.selectbox(
            "Proposal",
            list(choices),
            format_func=choices.get,
            index=None,
            placeholder="Choose a proposal",
            help="Every submitted proposal, oldest first.",
        )
        eligible = st.radio(
            "Decision",
            [True, False],
            format_func={True: "Eligible", False: "Ineligible"}.get,
            horizontal=True,
            help="Only eligible proposals are assigned to judges.",
        )
        reason = st.text_area(
            "Reason",
            max_chars=2000,
            help="Needed to mark a proposal ineligible, or to go against the eligibility check.",
        )
        feedback.field_problems(FORM, "reason")
        submitted = st.form_submit_button("Record decision", type="primary")
    return submitted, chosen, eligible, reason
