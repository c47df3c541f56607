"""The judge's scoring form: saves itself while they work, never loses what they typed.

- Widget keys are fixed per proposal (never the review's version), so a click is never lost and
  the values live in session state: filled once from the autosave (or the stored review), left
  alone afterwards, so a refused save keeps every value.
- The form is a fragment: choosing a score reruns the form only, not the page.
- Each change is autosaved apart from the review (`services.review_drafts`): the review and
  its version are untouched, so a second tab is not made stale, and a submitted review stays
  as submitted until the judge clicks "Save changes".
- A save made against a version that changed elsewhere is refused next to the buttons, with
  the judge's values beside the stored ones (`ui.stale`).
"""

import streamlit as st

from civic_challenge.domain.reviews import COMMENT_MAX, COMMENT_MIN, NOTE_MAX
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.queue import ScoringSheet
from civic_challenge.services.review_drafts import (
    TypedReview,
    autosave_review,
    autosaved_review,
)
from civic_challenge.services.reviews import ReviewView
from civic_challenge.ui import feedback, limited_text, review_saving, stale, unload_guard
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.review_saving import FORM, SUBMITTED, key
from civic_challenge.ui.text import clock_time, plain
from civic_challenge.ui.unavailable import autosave_failure, guarded

CONFIDENCE = {"low": "Low", "medium": "Medium", "high": "High"}


def draw(actor: UserView, sheet: ScoringSheet) -> None:
    _load(actor, sheet)
    _form(actor, sheet)


def _widget_keys(sheet: ScoringSheet) -> list[str]:
    pid = sheet.proposal.id
    names = [f"score_{c.id}" for c in sheet.criteria] + ["confidence", "comment", "note"]
    return [key(pid, name) for name in names]


def _load(actor: UserView, sheet: ScoringSheet) -> None:
    """Fill the widgets when the form is first drawn in this session, or after its widgets were
    cleared (the judge went to another page): from the autosave if there is one."""
    pid, state = sheet.proposal.id, st.session_state
    if key(pid, "base") in state and all(k in state for k in _widget_keys(sheet)):
        return
    restored = None
    if sheet.editable:
        with db_reader() as session:
            restored = autosaved_review(session=session, actor=actor, proposal_id=pid, now=now())
    stored = typed_of(sheet.review)
    typed = restored.typed if restored else stored
    for criterion in sheet.criteria:
        state[key(pid, f"score_{criterion.id}")] = typed.scores.get(criterion.id)
    state[key(pid, "confidence")] = typed.confidence
    state[key(pid, "comment")] = typed.comment
    state[key(pid, "note")] = typed.note
    state[key(pid, "base")] = restored.base_version if restored else sheet.review.version
    state[key(pid, "autosaved")] = (typed, restored.saved_at if restored else None)
    state[key(pid, "stored_state")] = sheet.review.state
    stale.clear(FORM)
    if restored and restored.base_version != sheet.review.version:
        review_saving.refuse(sheet, typed, sheet.review)


def typed_of(review: ReviewView) -> TypedReview:
    return TypedReview(dict(review.scores), review.confidence, review.comment, review.note)


@st.fragment
@guarded
def _form(actor: UserView, sheet: ScoringSheet) -> None:
    pid, disabled = sheet.proposal.id, not sheet.editable
    feedback.problem_summary(FORM)
    scores = {c.id: _criterion(pid, c, disabled) for c in sheet.criteria}
    confidence = st.radio(
        "Your confidence in this review",
        list(CONFIDENCE),
        format_func=CONFIDENCE.get,
        horizontal=True,
        key=key(pid, "confidence"),
        disabled=disabled,
    )
    st.caption("How well you know this field: it weighs nothing, but helps the panel.")
    feedback.field_problems(FORM, "confidence", confidence)
    comment = limited_text.text_area(
        "Comment for the applicant (required)",
        key=key(pid, "comment"),
        limit=COMMENT_MAX,
        disabled=disabled,
        help=f"At least {COMMENT_MIN} characters: what was strong, what could be better.",
    )
    feedback.field_problems(FORM, "comment", comment)
    note = limited_text.text_area(
        "Note for the panel (optional)",
        key=key(pid, "note"),
        limit=NOTE_MAX,
        disabled=disabled,
        help="Only organisers and the panel read this; the applicant never does.",
    )
    feedback.field_problems(FORM, "note", note)
    typed = TypedReview(scores, confidence, comment, note)
    unsaved = _autosave(actor, sheet, typed) if sheet.editable else None
    _indicator(sheet, unsaved)
    action = _buttons(sheet)
    feedback.show_here(FORM)
    choice = stale.panel(FORM)
    unload_guard.guard(FORM, dirty=bool(unsaved) or stale.is_refused(FORM))
    if action == "draft" and review_saving.over_limit(typed):
        review_saving.kept_but_too_long(sheet, typed)
    elif action:
        review_saving.save(
            actor,
            sheet,
            typed,
            submit=action == "submit",
            version=st.session_state[key(pid, "base")],
        )
    elif choice == stale.KEEP:
        submit = st.session_state.get(key(pid, "attempt"), False)
        review_saving.save(
            actor, sheet, typed, submit=submit, version=stale.stored_version(FORM) or 0
        )
    elif choice == stale.USE_SAVED:
        review_saving.use_saved(actor, sheet)


def _criterion(pid: int, criterion, disabled: bool) -> int | None:  # type: ignore[no-untyped-def]
    levels = list(range(criterion.scale_min, criterion.scale_max + 1))
    words = dict(zip(levels, criterion.descriptors, strict=False))
    counts = "" if criterion.counts_toward_total else ", does not count toward the total"
    value = st.radio(
        f"{plain(criterion.name)} (weight {criterion.weight:g}{counts})",
        levels,
        format_func=lambda v: f"{v}: {plain(words.get(v, ''))}",
        key=key(pid, f"score_{criterion.id}"),
        disabled=disabled,
    )
    if criterion.guidance:
        st.caption(plain(criterion.guidance))
    feedback.field_problems(FORM, f"score:{criterion.key}", value)
    return value


def _autosave(actor: UserView, sheet: ScoringSheet, typed: TypedReview) -> str | None:
    """Keep what changed since the last autosave; a message when it could not be kept."""
    pid = sheet.proposal.id
    last, _ = st.session_state[key(pid, "autosaved")]
    if last == typed:
        return None
    try:
        with db_session() as session:
            saved_at = autosave_review(
                session=session,
                actor=actor,
                proposal_id=pid,
                base_version=st.session_state[key(pid, "base")],
                typed=typed,
                now=now(),
            )
    except ServiceError as refusal:
        return f"Not saved automatically: {refusal}"
    except Exception as error:
        failure = autosave_failure(error)
        if failure is None:
            raise
        return failure
    st.session_state[key(pid, "autosaved")] = (typed, saved_at)
    return None


def _indicator(sheet: ScoringSheet, unsaved: str | None) -> None:
    with st.container(key="civic_autosave_status"):
        if unsaved:
            st.warning(plain(unsaved), icon=":material/cloud_off:")
            return
        _, saved_at = st.session_state[key(sheet.proposal.id, "autosaved")]
        submitted = st.session_state[key(sheet.proposal.id, "stored_state")] == SUBMITTED
        if saved_at and submitted:
            st.caption(
                f":material/cloud_done: Changes saved at {clock_time(saved_at)} as a pending "
                "edit: your submitted review stays as it was until you click Save changes."
            )
        elif saved_at:
            st.caption(f":material/cloud_done: Draft saved at {clock_time(saved_at)}.")
        elif sheet.review.version and not submitted and sheet.review.updated_at:
            st.caption(
                f":material/cloud_done: Draft saved at {clock_time(sheet.review.updated_at)}."
            )
        elif sheet.editable:
            st.caption("Your work saves itself as a draft while you score.")


def _buttons(sheet: ScoringSheet) -> str | None:
    disabled = not sheet.editable
    left, right = st.columns(2)
    if st.session_state[key(sheet.proposal.id, "stored_state")] == SUBMITTED:
        save = left.button(
            "Save changes", key="score_save_changes", type="primary", disabled=disabled
        )
        return "submit" if save else None
    draft = left.button("Save draft", key="score_save_draft", disabled=disabled)
    submit = right.button("Submit review", key="score_submit", type="primary", disabled=disabled)
    return "submit" if submit else "draft" if draft else None
