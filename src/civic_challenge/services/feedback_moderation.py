"""Feedback moderation (organisers): every judge's comment for the applicant, and setting the
wording the applicant will read once decisions are published."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import decisions as db_decisions
from civic_challenge.db import feedback as db_feedback
from civic_challenge.db.audit import record_event
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import (
    ChangedElsewhere,
    InvalidInput,
    NotFound,
    ServiceError,
)
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

COMMENT_MAX = 3000


def feedback_for_moderation(*, session: Session, actor: UserView) -> pd.DataFrame:
    """Every submitted review's comment for the applicant, with the moderated wording if any."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return db_feedback.feedback_frame(session, challenge.id)  # type: ignore[arg-type]


def feedback_proposals(
    *, session: Session, actor: UserView, search: str = "", limit: int = 100
) -> tuple[dict[int, str], int]:
    """({proposal id: "reference · title"} of at most `limit` proposals with a submitted review,
    by reference, whose reference or title contains `search`; how many match in all)."""
    acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame, total = db_feedback.feedback_proposals(
        session,
        challenge.id,  # type: ignore[arg-type]
        search=search.strip(),
        limit=limit,
    )
    labels = frame["reference"].fillna("") + " · " + frame["title"]
    return dict(zip(frame["proposal_id"].astype(int), labels, strict=True)), total


def feedback_of_proposal(*, session: Session, actor: UserView, proposal_id: int) -> pd.DataFrame:
    """One proposal's submitted reviews' comments (db.feedback.FEEDBACK_COLUMNS)."""
    acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return db_feedback.feedback_frame(
        session,
        challenge.id,  # type: ignore[arg-type]
        proposal_id=proposal_id,
    )


def moderate_comment(
    *,
    session: Session,
    actor: UserView,
    review_id: int,
    text: str | None,
    version: int,
    now: datetime,
) -> None:
    """Set what the applicant will read of one judge's comment (None: the judge's own words;
    "" hides it). Refused once decisions are published, or if the review changed meanwhile."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    if Phase(challenge.phase) is Phase.PUBLISHED:
        raise ServiceError(
            "Feedback has been released with the decisions and can no longer be edited."
        )
    review = db_feedback.lock_review(session, review_id)
    proposal = (
        None if review is None else db_decisions.proposal_challenge(session, review.proposal_id)
    )
    if review is None or proposal is None or proposal.challenge_id != challenge.id:
        raise NotFound("That review no longer exists.")
    if review.version != version:
        raise ChangedElsewhere(
            "This comment was changed by someone else since you opened this page. Your wording "
            "is not saved yet."
        )
    wording = None if text is None else text.strip()
    if wording is not None and len(wording) > COMMENT_MAX:
        raise InvalidInput({"comment": [f"Keep the comment to {COMMENT_MAX} characters."]})
    if wording == review.comment_for_applicant.strip():
        wording = None
    before = {"moderated_comment": review.moderated_comment}
    review.moderated_comment = wording
    review.version += 1
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="review.feedback_moderated",
        object_type="review",
        object_id=review.id,
        before=before,
        after={"moderated_comment": wording, "at": now.isoformat()},
    )
