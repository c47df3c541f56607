"""The Decisions page's parts: budget tracker, shortlist table, the award form and recording
its decision. Releases are in ui.releases. The slate is in ui.slate, feedback wording in
ui.feedback_moderation."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import AwardsOverview
from civic_challenge.services.awards import decide_award
from civic_challenge.services.clock import now
from civic_challenge.ui import feedback
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.proposal_links import OPEN_COLUMN, proposal_link
from civic_challenge.ui.text import plain, pounds

AWARD_FORM = "award"


def budget(overview: AwardsOverview) -> None:
    left = overview.budget_pence - overview.awarded_pence
    columns = st.columns(3)
    columns[0].metric("Budget", pounds(overview.budget_pence))
    columns[1].metric(
        "Awarded so far",
        pounds(overview.awarded_pence),
        help="Every award decision, pending or published.",
    )
    columns[2].metric("Left to award", pounds(left))
    if overview.budget_pence:
        st.progress(
            min(overview.awarded_pence / overview.budget_pence, 1.0),
            text=f"{overview.awarded_pence / overview.budget_pence:.0%} of the budget awarded",
        )
    rows = [
        {
            "Theme": line.theme_name,
            "Awarded": pounds(line.awarded_pence),
            "Budget split (target)": pounds(line.target_pence),
            "Of the target": f"{line.awarded_pence / line.target_pence:.0%}"
            if line.target_pence
            else "no target",
        }
        for line in overview.budget
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def _decision_words(row: pd.Series) -> str:
    if pd.isna(row.award_outcome):
        return "Not decided"
    words = f"Award {pounds(int(row.award_pence))}" if row.award_outcome == "yes" else "No award"
    released = row.award_released_at is not None and not pd.isna(row.award_released_at)
    return words + (" (published)" if released else " (pending)")


def shortlist(overview: AwardsOverview) -> None:
    frame = overview.candidates
    if frame.empty:
        st.info(
            "No proposal is shortlisted yet. Shortlist proposals on the Results page.",
            icon=":material/info:",
        )
        return
    st.caption(plain(overview.adjustment))
    shown = pd.DataFrame(
        {
            "Reference": frame["reference"],
            "Open": frame["proposal_id"].map(proposal_link),
            "Title": frame["title"],
            "Organisation": frame["organisation"],
            "Theme": frame["theme_name"],
            "Statement": frame["statement_title"].fillna(""),
            "Requested": frame["requested_pence"].map(
                lambda p: "" if pd.isna(p) else pounds(int(p))
            ),
            "Ceiling": frame["ceiling_pence"].map(lambda p: "" if pd.isna(p) else pounds(int(p))),
            "Raw score": frame["raw_score"].round(1),
            "Adjusted score": frame["adjusted_score"].round(1),
            "Decision": frame.apply(_decision_words, axis=1),
        }
    )
    st.dataframe(
        shown.sort_values("Adjusted score", ascending=False),
        hide_index=True,
        column_config={"Open": OPEN_COLUMN},
    )


@dataclass(frozen=True)
class AwardForm:
    submitted: bool
    proposal_id: int | None
    award: bool
    amount_pence: int | None
    rationale: str


def award_form(overview: AwardsOverview) -> AwardForm:
    frame = overview.candidates
    choices = {
        int(r.proposal_id): f"{r.reference or r.proposal_id} · {r.title}"
        for r in frame.itertuples()
    }
    with st.form(AWARD_FORM):
        feedback.problem_summary(AWARD_FORM)
        chosen = st.selectbox(
            "Shortlisted proposal",
            list(choices),
            format_func=choices.get,
            index=None,
            placeholder="Choose a proposal",
            help="Only shortlisted proposals can be awarded.",
        )
        feedback.field_problems(AWARD_FORM, "proposal")
        award = st.radio(
            "Decision",
            [True, False],
            format_func={True: "Award", False: "Do not award"}.get,
            horizontal=True,
            help="Stays pending, unseen by the applicant, until you publish the decisions.",
        )
        amount = st.number_input(
            "Amount to award (£)",
            min_value=0,
            step=500,
            value=None,
            placeholder="Leave empty to award what was requested",
            help="Whole pounds; at most what was requested and the award ceiling. "
            "Leave it empty to award the amount requested.",
        )
        feedback.field_problems(AWARD_FORM, "amount")
        rationale = st.text_area(
            "Rationale",
            max_chars=3000,
            help="Why: kept for the panel and the audit log, not shown to the applicant.",
        )
        feedback.field_problems(AWARD_FORM, "rationale")
        submitted = st.form_submit_button("Record decision")
    pence = None if amount is None else int(amount) * 100
    return AwardForm(submitted, chosen, bool(award), pence, rationale)


def award_section(actor: UserView, overview: AwardsOverview) -> None:
    """The award form; a submitted decision is recorded (pending until published)."""
    form = award_form(overview)
    if form.submitted and form.proposal_id is None:
        st.error("Choose a proposal first.", icon=":material/error:")
    elif form.submitted:
        attempt(
            AWARD_FORM,
            lambda s: decide_award(
                session=s,
                actor=actor,
                proposal_id=form.proposal_id,
                award=form.award,
                amount_pence=form.amount_pence if form.award else None,
                rationale=form.rationale,
                now=now(),
            ),
            "Decision recorded. It stays pending until you release the awards.",
        )
