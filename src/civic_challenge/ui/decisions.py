"""The Decisions page's parts: budget tracker, shortlist table, the award form and recording
its decision. Releases are in ui.releases. The slate is in ui.slate, feedback wording in
ui.feedback_moderation."""

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import AwardsOverview
from civic_challenge.services.awards import RATIONALE_MAX, decide_award
from civic_challenge.services.clock import now
from civic_challenge.ui import feedback, limited_text, stale
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.proposal_links import OPEN_COLUMN, proposal_link
from civic_challenge.ui.text import plain, pounds

AWARD_FORM = "award"
AWARD_LABELS = {"award": "Decision", "amount_pence": "Amount", "rationale": "Rationale"}


def budget(overview: AwardsOverview) -> None:
    left = overview.budget_pence - overview.awarded_pence
    columns = st.columns(3)
    columns[0].metric("Budget", pounds(overview.budget_pence))
    columns[1].metric(
        "Awarded so far",
        pounds(overview.awarded_pence),
    )
    columns[1].caption("Every award decision, pending or published.")
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


def shortlist_table(overview: AwardsOverview) -> pd.DataFrame:
    """The shortlist as the page shows it, best adjusted score first (built once per data
    version: see ui.decisions_data)."""
    frame = overview.candidates
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
            "Decision": frame.apply(_decision_words, axis=1) if len(frame) else [],
        }
    )
    return shown.sort_values("Adjusted score", ascending=False)


def shortlist(overview: AwardsOverview, table: pd.DataFrame) -> None:
    if overview.candidates.empty:
        st.info(
            "No proposal is shortlisted yet. Shortlist proposals on the Results page.",
            icon=":material/info:",
        )
        return
    st.caption(plain(overview.adjustment))
    st.dataframe(table, hide_index=True, column_config={"Open": OPEN_COLUMN})


@dataclass(frozen=True)
class AwardForm:
    submitted: bool
    proposal_id: int | None
    award: bool
    amount_pence: int | None
    rationale: str


def awards_drawn(frame: pd.DataFrame) -> dict[int, versions.Drawn]:
    """Each shortlisted proposal's award decision: its version (0: none yet) and values."""
    return {
        int(r.proposal_id): versions.Drawn(
            0 if pd.isna(r.award_version) else int(r.award_version),
            {
                "award": None if pd.isna(r.award_outcome) else r.award_outcome == "yes",
                "amount_pence": None if pd.isna(r.award_pence) else int(r.award_pence),
                "rationale": r.rationale if isinstance(r.rationale, str) else "",
            },
        )
        for r in frame.itertuples()
    }


def award_form(overview: AwardsOverview, rows: dict[int, versions.Drawn]) -> AwardForm:
    frame = overview.candidates
    versions.remember(AWARD_FORM, versions.Drawn(0, rows))
    key = lambda field: versions.key(AWARD_FORM, field)  # noqa: E731
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
            key=key("proposal"),
        )
        st.caption("Only shortlisted proposals can be awarded.")
        feedback.field_problems(AWARD_FORM, "proposal", chosen)
        award = st.radio(
            "Decision",
            [True, False],
            format_func={True: "Award", False: "Do not award"}.get,
            horizontal=True,
            key=key("award"),
        )
        st.caption("Stays pending, unseen by the applicant, until you publish the decisions.")
        amount = st.number_input(  # no min_value: a negative is refused in words, by us
            "Amount to award (£)",
            step=500,
            value=None,
            placeholder="Leave empty to award what was requested",
            key=key("amount"),
        )
        st.caption(
            "Whole pounds; at most what was requested and the award ceiling. "
            "Leave it empty to award the amount requested."
        )
        pence = None if amount is None else int(amount) * 100
        feedback.field_problems(AWARD_FORM, "amount", pence)
        rationale = limited_text.text_area(
            "Rationale",
            limit=RATIONALE_MAX,
            help="Why: kept for the panel and the audit log, not shown to the applicant.",
            key=key("rationale"),
        )
        feedback.field_problems(AWARD_FORM, "rationale", rationale)
        submitted = st.form_submit_button("Record decision")
    return AwardForm(submitted, chosen, bool(award), pence, rationale)


def award_section(
    actor: UserView, overview: AwardsOverview, rows: dict[int, versions.Drawn]
) -> None:
    """The award form; a decision is recorded (pending until published) against the proposal's
    award decision as it was when the form was drawn (`rows`: awards_drawn of the shortlist)."""
    form = award_form(overview, rows)
    if form.submitted and form.proposal_id is None:
        feedback.remember_problems(
            AWARD_FORM, {"proposal": ["Choose a proposal first."]}, {"proposal": None}
        )
        feedback.say_here(AWARD_FORM, "error", "Not recorded: choose a proposal first.")
        st.rerun()
    if form.proposal_id not in rows:
        feedback.show_here(AWARD_FORM)
        return
    stored = rows[form.proposal_id]
    drawn = versions.drawn_values(AWARD_FORM).get(form.proposal_id, stored)
    mine = {"award": form.award, "amount_pence": form.amount_pence, "rationale": form.rationale}

    def record(session: Any, version: int) -> None:
        decide_award(
            session=session,
            actor=actor,
            proposal_id=form.proposal_id,
            award=form.award,
            amount_pence=form.amount_pence if form.award else None,
            rationale=form.rationale,
            version=version,
            now=now(),
        )

    state = versions.FormState(
        stored,
        mine,
        AWARD_LABELS,
        record,
        "Decision recorded. It stays pending until you release the awards.",
        _award_shown,
        {"amount": form.amount_pence, "rationale": form.rationale},
    )
    versions.finish(AWARD_FORM, form.submitted, state, drawn)


def _award_shown(field: str, value: Any) -> str:
    if field == "award":
        return {True: "Award", False: "Do not award", None: "Not decided"}[value]
    if field == "amount_pence":
        return "(what was requested)" if value is None else pounds(int(value))
    return stale.shorten(value)
