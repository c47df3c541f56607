"""The Decisions page's parts: budget tracker, shortlist table, award form, slate, moderation,
publishing."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.services.awards import AwardsOverview, PublishCheck, SlateChoice, SlateView
from civic_challenge.ui import feedback
from civic_challenge.ui.text import plain, pounds

AWARD_FORM = "award"
MODERATE_FORM = "moderate"


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
    st.dataframe(shown.sort_values("Adjusted score", ascending=False), hide_index=True)


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


def slate_options() -> SlateChoice:
    with st.expander("Rules for the recommendation", expanded=False):
        factor = st.slider(
            "Priority minimums, as a share of each theme's target",
            0,
            100,
            50,
            step=5,
            format="%d%%",
            help="50% means each theme gets at least half its target share of the money awarded.",
        )
        max_awards = st.number_input(
            "At most this many awards (0: no limit)",
            min_value=0,
            max_value=200,
            value=0,
            help="Leave at 0 to let the budget decide.",
        )
        cover = st.checkbox(
            "At least one award per challenge statement where possible",
            value=True,
            help="Statements that cannot be covered are named below, with why.",
        )
        one_each = st.checkbox(
            "At most one award per organisation",
            value=True,
            help="An organisation with two shortlisted proposals wins at most once.",
        )
    return SlateChoice(factor / 100, int(max_awards) or None, cover, one_each)


def _selection_table(ids: tuple[int, ...], frame: pd.DataFrame, amounts: pd.Series) -> None:
    if not ids:
        st.caption("No proposal.")
        return
    rows = frame.set_index("proposal_id").loc[list(ids)]
    st.dataframe(
        pd.DataFrame(
            {
                "Reference": rows["reference"].to_numpy(),
                "Theme": rows["theme_name"].to_numpy(),
                "Amount": [pounds(int(amounts.get(i, 0))) for i in ids],
                "Score": rows["adjusted_score"].fillna(rows["raw_score"]).round(1).to_numpy(),
                "Title": rows["title"].to_numpy(),
            }
        ),
        hide_index=True,
    )


def slate(view: SlateView, overview: AwardsOverview) -> None:
    result = view.slate
    if view.minimums:
        st.caption("Minimums in force: " + plain("; ".join(view.minimums)) + ".")
    if not result.feasible:
        st.error(
            "No slate meets every rule:\n" + "\n".join(f"- {plain(p)}" for p in result.problems),
            icon=":material/error:",
        )
    elif result.problems:
        st.warning("\n".join(plain(p) for p in result.problems), icon=":material/warning:")
    left, right = st.columns(2)
    for column, title, selection in (
        (left, "Recommended slate", result.recommended),
        (right, "Plain top-N by score", result.top_n),
    ):
        with column:
            st.markdown(f"**{title}**")
            st.caption(
                f"{len(selection.proposal_ids)} awards, {pounds(selection.total_pence)}, "
                f"total score {selection.total_score:g}"
            )
            _selection_table(selection.proposal_ids, overview.candidates, view.amounts)
    if result.costs:
        st.markdown("**What each rule cost**")
        st.markdown("\n".join(f"- {plain(c.line)}" for c in result.costs))
    if result.uncovered:
        st.markdown("**Statements without a winner**")
        st.markdown("\n".join(f"- {plain(u.reason)}" for u in result.uncovered))
    if result.excluded:
        with st.expander(f"Left out of both lists ({len(result.excluded)})"):
            st.markdown("\n".join(f"- {plain(e.reason)}" for e in result.excluded))


@dataclass(frozen=True)
class Moderation:
    review_id: int | None
    text: str | None  # None: restore the judge's words
    version: int


def moderation(frame: pd.DataFrame) -> Moderation | None:
    if frame.empty:
        st.info("No reviews with feedback have been submitted yet.", icon=":material/info:")
        return None
    proposals = dict(
        zip(
            frame["proposal_id"],
            frame["reference"].fillna("") + " · " + frame["title"],
            strict=True,
        )
    )
    chosen = st.selectbox(
        "Proposal",
        list(proposals),
        format_func=proposals.get,
        help="The applicant reads these comments once decisions are published.",
        key="moderate_proposal",
    )
    feedback.problem_summary(MODERATE_FORM)
    for row in frame[frame["proposal_id"] == chosen].itertuples():
        with st.container(border=True):
            st.markdown(f"**{plain(row.judge)}** wrote:")
            st.text(row.comment_for_applicant or "(no comment)")
            current = row.moderated_comment
            state = "edited" if isinstance(current, str) else "as the judge wrote it"
            with st.form(f"moderate_{row.review_id}"):
                text = st.text_area(
                    f"What the applicant will read ({state})",
                    value=current if isinstance(current, str) else row.comment_for_applicant,
                    max_chars=3000,
                    help="Edit out anything unkind or identifying. Empty hides the comment.",
                )
                feedback.field_problems(MODERATE_FORM, "comment")
                save = st.form_submit_button("Save wording")
                restore = st.form_submit_button("Restore the judge's words")
            if save or restore:
                return Moderation(int(row.review_id), None if restore else text, int(row.version))
    return None


def publish(check: PublishCheck) -> tuple[bool, bool]:
    """(clicked, confirmed)."""
    st.caption(f"{check.pending_decisions} decisions are waiting to be published.")
    for line in check.warnings:
        st.warning(line, icon=":material/warning:")
    confirm = False
    if check.warnings:
        confirm = st.checkbox(
            "Publish anyway",
            help="Publish although the problems above remain. This cannot be undone.",
        )
    clicked = st.button(
        "Publish decisions and feedback",
        type="primary",
        help="Applicants then see their outcome and the moderated feedback.",
    )
    return clicked, confirm
