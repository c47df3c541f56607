"""A judge's work (judges only): their queue, one proposal with the scoring form, saving a
draft, submitting, editing until judging closes, abstaining.

Every function re-checks that the proposal is assigned and published to this judge, that no
blocking conflict stands between them, and that judging is open for writes. Saving is an upsert
with a version check behind a lock on the assignment row, so two saves of one review cannot
both win. `Review.total` is written here, at save time, by `domain.scoring.review_total` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import reviews as db_reviews
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Review, ReviewScore
from civic_challenge.domain.reviews import reason_problems, review_problems
from civic_challenge.domain.scoring import review_total
from civic_challenge.domain.terms import AssignmentState, ReviewState
from civic_challenge.services import autosave
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import PermissionDenied, ServiceError, raise_if_problems
from civic_challenge.services.judge_access import judge_access, refuse_unless_open
from civic_challenge.services.rubric import CriterionView

if TYPE_CHECKING:
    from sqlmodel import Session

STALE = "This review was changed elsewhere after you opened it, so nothing was saved."


@dataclass(frozen=True)
class ReviewView:
    scores: dict[int, int]  # criterion id -> score
    confidence: str | None
    comment: str
    note: str
    state: ReviewState
    total: float | None
    version: int
    updated_at: datetime | None


EMPTY = ReviewView({}, None, "", "", ReviewState.DRAFT, None, 0, None)


class ReviewChangedElsewhere(ServiceError):
    """The review's version is not the one the form was drawn from; `current` is what is stored
    now, so the form can show the judge's values beside it."""

    def __init__(self, current: ReviewView) -> None:
        super().__init__(STALE)
        self.current = current


def review_form(proposal_id: int) -> str:
    """The autosave store's name for a judge's review of one proposal."""
    return f"review:{proposal_id}"


def autosaved_values(
    scores: Mapping[int, int | None], confidence: str | None, comment: str, note: str
) -> dict:
    """A scoring form's values as the autosave store keeps them."""
    scored = {str(c): s for c, s in scores.items()}
    return {"scores": scored, "confidence": confidence, "comment": comment, "note": note}


def save_review(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int,
    scores: Mapping[int, int | None],
    confidence: str | None,
    comment: str,
    note: str,
    version: int,
    submit: bool,
    now: datetime,
) -> ReviewView:
    """Save a draft, or submit. `version` is the review's version the form showed (0 for none).

    A submitted review stays submitted: later saves are edits, checked as submissions and
    audited with their before and after values.
    """
    access = judge_access(session, actor, proposal_id, now, lock=True)
    refuse_unless_open(access, now)
    review = db_reviews.find_review(session, actor.id, proposal_id)
    if (review.version if review else 0) != version:
        raise ReviewChangedElsewhere(view_of(review, session))
    was_submitted = review is not None and review.state == ReviewState.SUBMITTED.value
    submitting = submit or was_submitted
    criteria = access.criteria
    by_id = {c.id: c for c in criteria}
    keyed = {
        (by_id[c].key if c in by_id else str(c)): s for c, s in scores.items() if s is not None
    }
    raise_if_problems(
        review_problems(
            keyed,
            [c.scale() for c in criteria],
            confidence=confidence,
            comment=comment,
            note=note,
            submitting=submitting,
        )
    )
    before = _audited(review, session) if was_submitted and review else None
    if review is None:
        review = Review(judge_id=actor.id, proposal_id=proposal_id, created_at=now, version=0)
        session.add(review)
    review.confidence = confidence
    review.comment_for_applicant = comment.strip()
    review.note_for_panel = note.strip()
    review.total = review_total(keyed, [c.scale() for c in criteria])
    review.updated_at = now
    review.version += 1
    if submitting and not was_submitted:
        review.state = ReviewState.SUBMITTED.value
        review.submitted_at = now
    session.flush()
    db_reviews.replace_scores(session, review.id, _score_rows(review.id, scores, by_id))
    access.assignment.state = (
        AssignmentState.SUBMITTED if submitting else AssignmentState.STARTED
    ).value
    access.assignment.version += 1
    session.flush()
    typed = autosaved_values(scores, confidence, comment, note)
    autosave.discard_if_saved(session, actor.id, review_form(proposal_id), typed)
    if submitting or was_submitted:
        rankings_changed(session, access.challenge.id)
    if submitting:
        action = "review.changed" if was_submitted else "review.submitted"
        record_event(
            session,
            actor_id=actor.id,
            action=action,
            object_type="review",
            object_id=review.id,
            before=before,
            after=_audited(review, session),
        )
    return view_of(review, session)


def _score_rows(review_id, scores, by_id: dict[int, CriterionView]) -> list[ReviewScore]:  # type: ignore[no-untyped-def]
    return [
        ReviewScore(
            review_id=review_id,
            criterion_id=criterion_id,
            scale_min=by_id[criterion_id].scale_min,
            scale_max=by_id[criterion_id].scale_max,
            score=int(score),
        )
        for criterion_id, score in sorted(scores.items())
        if score is not None and criterion_id in by_id
    ]


def view_of(review: Review | None, session: Session) -> ReviewView:
    if review is None or review.id is None:
        return EMPTY
    return ReviewView(
        db_reviews.scores_of(session, review.id),
        review.confidence,
        review.comment_for_applicant,
        review.note_for_panel,
        ReviewState(review.state),
        review.total,
        review.version,
        review.updated_at,
    )


def _audited(review: Review, session: Session) -> dict:
    return {
        "scores": db_reviews.scores_of(session, review.id) if review.id else {},
        "confidence": review.confidence,
        "comment_for_applicant": review.comment_for_applicant,
        "note_for_panel": review.note_for_panel,
        "total": review.total,
        "state": review.state,
    }


def abstain(
    *, session: Session, actor: UserView, proposal_id: int, reason: str, now: datetime
) -> None:
    """Step back from a proposal: the assignment is freed for another judge and organisers
    see the reason. A draft is discarded; a submitted review cannot be abstained from."""
    access = judge_access(session, actor, proposal_id, now, lock=True)
    refuse_unless_open(access, now)
    raise_if_problems({"reason": reason_problems(reason)})
    review = db_reviews.find_review(session, actor.id, proposal_id)
    if review is not None and review.state == ReviewState.SUBMITTED.value:
        raise ServiceError(
            "You have already submitted this review. Ask an organiser if it must be withdrawn."
        )
    if review is not None and review.id is not None:
        db_reviews.delete_review(session, review.id)
    autosave.discard(session, actor.id, review_form(proposal_id))
    access.assignment.state = AssignmentState.ABSTAINED.value
    access.assignment.abstain_reason = reason.strip()
    access.assignment.version += 1
    session.flush()
    rankings_changed(session, access.challenge.id)  # the reviews still owed changed
    record_event(
        session,
        actor_id=actor.id,
        action="assignment.abstained",
        object_type="assignment",
        object_id=access.assignment.id,
        after={"reason": reason.strip()},
    )


def download_attachment(
    *, session: Session, actor: UserView, proposal_id: int, now: datetime
) -> tuple[str, bytes]:
    """The proposal's PDF, never under blind review (it may name the applicant)."""
    access = judge_access(session, actor, proposal_id, now)
    if access.challenge.blind_review:
        raise PermissionDenied("Under blind review the attachment is withheld from judges.")
    found = db_reviews.attachment_of(session, proposal_id)
    if found is None:
        raise ServiceError("This proposal has no attachment.")
    return found
