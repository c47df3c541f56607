"""The organisers' Proposals page parts: the screening table and the decision form, drawn
from each proposal's version (ui.form_versions)."""

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.domain.terms import FOUND_ELIGIBLE
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.screening import (
    REASON_MAX,
    accept_screening_suggestions,
    screen_proposal,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.proposal_links import OPEN_COLUMN, proposal_link

FORM = "screen"
STATUS_WORDS = {"submitted": "Not screened", "eligible": "Eligible", "ineligible": "Ineligible"}
LABELS = {"decision": "Decision", "reason": "Reason"}


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


def accept_all(actor: UserView, frame: pd.DataFrame) -> None:
    """Accept the check's suggestion for every proposal not screened yet; the decision form
    below is then drawn afresh from the new table."""
    waiting = int((frame.status == "submitted").sum())
    if not waiting:
        return
    if st.button(f"Accept the check's suggestion for the {waiting} not yet screened"):

        def accept(session: Any) -> int:
            screened = accept_screening_suggestions(session=session, actor=actor, now=now())
            versions.redraw(FORM)
            return screened

        attempt(
            "accept_all",
            accept,
            lambda n: f"Screened {n} proposals as the eligibility check suggested.",
        )


@dataclass(frozen=True)
class Decision:
    submitted: bool
    proposal_id: int | None
    eligible: bool
    reason: str


def _rows(frame: pd.DataFrame) -> dict[int, versions.Drawn]:
    """Each proposal's version and what the form compares: its decision and reason."""
    return {
        int(r.id): versions.Drawn(
            int(r.version),
            {"decision": STATUS_WORDS.get(r.status, r.status), "reason": r.screening_reason or ""},
        )
        for r in frame.itertuples()
    }


def decision_form(frame: pd.DataFrame) -> Decision:
    """The decision as typed; kept on a refusal, cleared once it is recorded."""
    versions.remember(FORM, versions.Drawn(0, _rows(frame)))
    key = lambda field: versions.key(FORM, field)  # noqa: E731
    choices = {
        int(r.id): f"{r.reference or r.id} · {r.title} ({STATUS_WORDS.get(r.status, r.status)})"
        for r in frame.itertuples()
    }
    with st.form(FORM):
        feedback.problem_summary(FORM)
        chosen = st.selectbox(
            "Proposal",
            list(choices),
            format_func=choices.get,
            index=None,
            placeholder="Choose a proposal",
            key=key("proposal"),
        )
        st.caption("Every submitted proposal, oldest first.")
        feedback.field_problems(FORM, "proposal", chosen)
        eligible = st.radio(
            "Decision",
            [True, False],
            format_func={True: "Eligible", False: "Ineligible"}.get,
            horizontal=True,
            key=key("eligible"),
        )
        st.caption("Only eligible proposals are assigned to judges.")
        reason = limited_text.text_area(
            "Reason",
            limit=REASON_MAX,
            help="Needed to mark a proposal ineligible, or to go against the eligibility check.",
            key=key("reason"),
        )
        feedback.field_problems(FORM, "reason", reason)
        submitted = st.form_submit_button("Record decision", type="primary")
    return Decision(submitted, chosen, bool(eligible), reason)


def decision_section(actor: UserView, frame: pd.DataFrame) -> None:
    """The form; a decision is recorded against the proposal as it was when the form was
    drawn (refused beside the button if someone screened it meanwhile)."""
    form = decision_form(frame)
    if form.submitted and form.proposal_id is None:
        feedback.remember_problems(
            FORM, {"proposal": ["Choose a proposal first."]}, {"proposal": None}
        )
        feedback.say_here(FORM, "error", "Not recorded: choose a proposal first.")
        st.rerun()
    rows = _rows(frame)
    chosen = form.proposal_id if form.proposal_id in rows else None
    if chosen is None:
        feedback.show_here(FORM)
        return
    stored = rows[chosen]
    drawn = versions.drawn_values(FORM).get(chosen, stored)
    mine = {"decision": "Eligible" if form.eligible else "Ineligible", "reason": form.reason}

    def record(session: Any, version: int) -> None:
        screen_proposal(
            session=session,
            actor=actor,
            proposal_id=chosen,
            eligible=form.eligible,
            reason=form.reason,
            version=version,
            now=now(),
        )

    state = versions.FormState(
        stored, mine, LABELS, record, _recorded(frame, chosen, form.eligible),
        problem_values={"reason": form.reason},
    )  # fmt: skip
    versions.finish(FORM, form.submitted, state, drawn)


def _recorded(frame: pd.DataFrame, chosen: int, eligible: bool) -> str:
    row = frame[frame["id"] == chosen].iloc[0]
    decided = "eligible" if eligible else "ineligible"
    return f"Decision recorded: {row.reference or chosen} is {decided}."
