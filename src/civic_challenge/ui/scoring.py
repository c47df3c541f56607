"""The Score page's parts: the proposal (blind when set) and the scoring form."""

from dataclasses import dataclass

import streamlit as st

from civic_challenge.domain.money import rounded
from civic_challenge.domain.reviews import COMMENT_MAX, COMMENT_MIN, NOTE_MAX
from civic_challenge.services.queue import ProposalForJudge, ScoringSheet
from civic_challenge.ui import feedback
from civic_challenge.ui.text import plain, pounds, when

FORM = "score"
CONFIDENCE = {"low": "Low", "medium": "Medium", "high": "High"}
SECTIONS = (
    ("summary", "Summary"),
    ("problem", "The problem"),
    ("solution", "The solution"),
    ("impact", "Impact on Londoners"),
    ("milestones", "Pilot plan and milestones"),
)


@dataclass(frozen=True)
class ScoreForm:
    action: str | None  # "draft", "submit" or None
    scores: dict[int, int | None]
    confidence: str | None
    comment: str
    note: str


def drawn_key(proposal_id: int) -> str:
    """Where the review version the form was drawn from is kept between runs."""
    return f"civic_review_drawn_{proposal_id}"


def show_proposal(proposal: ProposalForJudge) -> None:
    st.subheader(f"{plain(proposal.reference)} · {plain(proposal.title or 'Untitled')}")
    facts = [f"**Challenge:** {plain(proposal.statement)}" if proposal.statement else ""]
    facts.append(f"**Themes:** {plain(', '.join(proposal.themes))}" if proposal.themes else "")
    if proposal.amount_requested_pence is not None:
        facts.append(f"**Requested:** {pounds(proposal.amount_requested_pence)}")
    st.markdown("  \n".join(f for f in facts if f))
    if proposal.blind:
        st.caption("Blind review: who applied is hidden from judges, and attachments are withheld.")
    else:
        who = [f"**Organisation:** {plain(proposal.organisation or '')}"]
        who += [f"**Website:** {plain(proposal.website)}"] if proposal.website else []
        who += [f"**Written by:** {plain(proposal.people)}"] if proposal.people else []
        who += [f"**Attachment:** {plain(proposal.attachment)}"] if proposal.attachment else []
        st.markdown("  \n".join(who))
    for field, label in SECTIONS:
        text = getattr(proposal, field)
        if text:
            st.markdown(f"**{label}**")
            st.text(text)


def others(sheet: ScoringSheet) -> None:
    if sheet.other_totals is None:
        return
    totals = [
        f"{rounded(t)}/100 ({c or 'no'} confidence)" for t, c in sheet.other_totals if t is not None
    ]
    st.caption("Other judges' submitted totals: " + ("; ".join(totals) if totals else "none yet."))


def scoring_form(sheet: ScoringSheet) -> ScoreForm:
    review, pid = sheet.review, sheet.proposal.id
    suffix = f"{pid}_{review.version}"
    with st.form(FORM):
        feedback.problem_summary(FORM)
        scores = {
            c.id: _criterion(c, review.scores.get(c.id), suffix, sheet.editable)
            for c in sheet.criteria
        }
        confidence = st.radio(
            "Your confidence in this review",
            list(CONFIDENCE),
            format_func=CONFIDENCE.get,
            index=list(CONFIDENCE).index(review.confidence) if review.confidence else None,
            horizontal=True,
            key=f"confidence_{suffix}",
            disabled=not sheet.editable,
            help="How well you know this field: it weighs nothing, but helps the panel.",
        )
        feedback.field_problems(FORM, "confidence")
        comment = st.text_area(
            "Comment for the applicant (required)",
            value=review.comment,
            max_chars=COMMENT_MAX,
            key=f"comment_{suffix}",
            disabled=not sheet.editable,
            help=f"At least {COMMENT_MIN} characters: what was strong, what could be better.",
        )
        feedback.field_problems(FORM, "comment")
        note = st.text_area(
            "Note for the panel (optional)",
            value=review.note,
            max_chars=NOTE_MAX,
            key=f"note_{suffix}",
            disabled=not sheet.editable,
            help="Only organisers and the panel read this; the applicant never does.",
        )
        feedback.field_problems(FORM, "note")
        action = _buttons(sheet)
    return ScoreForm(action, scores, confidence, comment, note)


def _criterion(criterion, current, suffix, editable):  # type: ignore[no-untyped-def]
    levels = list(range(criterion.scale_min, criterion.scale_max + 1))
    words = dict(zip(levels, criterion.descriptors, strict=False))
    counts = "" if criterion.counts_toward_total else ", does not count toward the total"
    value = st.radio(
        f"{criterion.name} (weight {criterion.weight:g}{counts})",
        levels,
        format_func=lambda v: f"{v}: {words.get(v, '')}",
        index=levels.index(current) if current in levels else None,
        key=f"score_{suffix}_{criterion.id}",
        disabled=not editable,
        help=criterion.guidance or None,
    )
    feedback.field_problems(FORM, f"score:{criterion.key}")
    return value


def _buttons(sheet: ScoringSheet) -> str | None:
    submitted = sheet.review.state.value == "submitted"
    left, right = st.columns(2)
    if submitted:
        save = left.form_submit_button("Save changes", type="primary", disabled=not sheet.editable)
        return "submit" if save else None
    draft = left.form_submit_button("Save draft", disabled=not sheet.editable)
    submit = right.form_submit_button("Submit review", type="primary", disabled=not sheet.editable)
    return "submit" if submit else "draft" if draft else None


def status(sheet: ScoringSheet) -> None:
    review = sheet.review
    if sheet.abstained:
        st.info("You abstained from this proposal.", icon=":material/info:")
    elif review.state.value == "submitted":
        total = f" Total {rounded(review.total)} out of 100." if review.total is not None else ""
        st.success(
            f"Submitted.{total} You can change it until judging closes.",
            icon=":material/check_circle:",
        )
    elif review.version:
        st.info(
            f"Draft saved at {when(review.updated_at)}. Submit when every criterion is scored.",
            icon=":material/edit_note:",
        )
    if not sheet.judging_open:
        st.warning("Judging is closed: this review is read-only.", icon=":material/lock:")
