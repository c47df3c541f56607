"""Saving the judge's scoring form: a draft, a submission or an edit; a refusal beside the
buttons when the review changed elsewhere (the judge's values beside the stored ones); a draft
with over-long text kept by the autosave and the judge told what to shorten."""

import streamlit as st

from civic_challenge.domain.money import rounded
from civic_challenge.domain.reviews import COMMENT_MAX, NOTE_MAX
from civic_challenge.domain.terms import ReviewState
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.queue import ScoringSheet
from civic_challenge.services.review_drafts import TypedReview, discard_review_autosave
from civic_challenge.services.reviews import ReviewChangedElsewhere, ReviewView, save_review
from civic_challenge.ui import feedback, limited_text, stale
from civic_challenge.ui.actions import not_saved
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import clock_time

FORM = "score"
SUBMITTED = ReviewState.SUBMITTED


def key(pid: int, name: str) -> str:
    """Where the form of proposal `pid` keeps `name` in session state (never with a version)."""
    return f"rv_{pid}_{name}"


def over_limit(typed: TypedReview) -> bool:
    return len(typed.comment) > COMMENT_MAX or len(typed.note) > NOTE_MAX


def kept_but_too_long(sheet: ScoringSheet, typed: TypedReview) -> None:
    """A draft with over-long text: kept by the autosave, and the judge told what to shorten."""
    _, saved_at = st.session_state[key(sheet.proposal.id, "autosaved")]
    problems = {}
    if len(typed.comment) > COMMENT_MAX:
        problems["comment"] = [
            f"Shorten this before you submit: {limited_text.counter(typed.comment, COMMENT_MAX)}."
        ]
    if len(typed.note) > NOTE_MAX:
        problems["note"] = [
            f"Shorten this before you submit: {limited_text.counter(typed.note, NOTE_MAX)}."
        ]
    feedback.remember_problems(FORM, problems, {"comment": typed.comment, "note": typed.note})
    at = clock_time(saved_at or now())
    feedback.say_here(
        FORM, "warning", f"Draft saved at {at}. Shorten the text marked above before you submit."
    )
    st.rerun()


def save(
    actor: UserView, sheet: ScoringSheet, typed: TypedReview, *, submit: bool, version: int
) -> None:
    pid, state = sheet.proposal.id, st.session_state
    state[key(pid, "attempt")] = submit
    try:
        with db_session() as session:
            view = save_review(
                session=session, actor=actor, proposal_id=pid, scores=typed.scores,
                confidence=typed.confidence, comment=typed.comment, note=typed.note,
                version=version, submit=submit, now=now(),
            )  # fmt: skip
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems, _field_values(sheet, typed))
        feedback.say_here(FORM, "error", not_saved(invalid.problems))
        st.rerun()
    except ReviewChangedElsewhere as changed:
        refuse(sheet, typed, changed.current)
        st.rerun()
    except ServiceError as refusal:
        feedback.say_here(FORM, "error", str(refusal))
        st.rerun()
    was_submitted = state[key(pid, "stored_state")] == SUBMITTED
    feedback.clear_problems(FORM)
    stale.clear(FORM)
    state[key(pid, "base")] = view.version
    state[key(pid, "autosaved")] = (typed, None)
    state[key(pid, "stored_state")] = view.state
    feedback.say_here(FORM, "success", _saved_words(view, was_submitted))
    st.rerun()


def _saved_words(view: ReviewView, was_submitted: bool) -> str:
    if view.state != SUBMITTED:
        return f"Draft saved at {clock_time(view.updated_at or now())}."
    if was_submitted:
        return "Changes to your submitted review saved."
    total = f" Total {rounded(view.total)} out of 100." if view.total is not None else ""
    return f"Review submitted. Thank you.{total}"


def refuse(sheet: ScoringSheet, typed: TypedReview, current: ReviewView) -> None:
    st.session_state[key(sheet.proposal.id, "stored_state")] = current.state
    stale.refuse(FORM, _differences(sheet, typed, current), current.version)


def _differences(sheet: ScoringSheet, typed: TypedReview, current: ReviewView) -> dict:
    labels = {f"score_{c.id}": c.name for c in sheet.criteria}
    labels |= {
        "confidence": "Confidence",
        "comment": "Comment for the applicant",
        "note": "Note for the panel",
    }
    mine = {f"score_{c}": s for c, s in typed.scores.items()}
    mine |= {"confidence": typed.confidence, "comment": typed.comment, "note": typed.note}
    stored = {f"score_{c}": s for c, s in current.scores.items()}
    stored |= {"confidence": current.confidence, "comment": current.comment, "note": current.note}
    found = {"Review": ("Your form (not saved)", _state_words(current))}
    return found | stale.differences(labels, mine, stored)


def _state_words(review: ReviewView) -> str:
    if review.version == 0:
        return "Not saved yet"
    at = f" at {clock_time(review.updated_at)}" if review.updated_at else ""
    return ("Submitted" if review.state == SUBMITTED else "Draft saved") + at


def _field_values(sheet: ScoringSheet, typed: TypedReview) -> dict:
    values = {f"score:{c.key}": typed.scores.get(c.id) for c in sheet.criteria}
    return values | {"confidence": typed.confidence, "comment": typed.comment, "note": typed.note}


def use_saved(actor: UserView, sheet: ScoringSheet) -> None:
    """Drop the judge's values for the stored review: forget the autosave, refill the form."""
    try:
        with db_session() as session:
            discard_review_autosave(
                session=session, actor=actor, proposal_id=sheet.proposal.id, now=now()
            )
    except ServiceError as refusal:
        feedback.say_here(FORM, "error", str(refusal))
        st.rerun()
    stale.clear(FORM)
    feedback.clear_problems(FORM)
    st.session_state.pop(key(sheet.proposal.id, "base"), None)
    feedback.say_here(FORM, "info", "The saved version is in the form now.")
    st.rerun()
