"""Queries for moderating the judges' feedback to applicants."""

import pandas as pd
from sqlalchemy import and_, func, select
from sqlmodel import Session

from civic_challenge.db.judging import NOT_ENTERED
from civic_challenge.db.models import Proposal, Review, User
from civic_challenge.domain.terms import ReviewState

FEEDBACK_COLUMNS = [
    "review_id",
    "proposal_id",
    "reference",
    "title",
    "judge",
    "comment_for_applicant",
    "moderated_comment",
    "version",
]


def _with_feedback(challenge_id: int):  # type: ignore[no-untyped-def]
    return and_(
        Proposal.challenge_id == challenge_id,
        Proposal.status.not_in(NOT_ENTERED),
        Review.state == ReviewState.SUBMITTED.value,
    )


def feedback_proposals(
    session: Session, challenge_id: int, *, search: str, limit: int
) -> tuple[pd.DataFrame, int]:
    """(proposal_id, reference, title of the first `limit` proposals by reference with a
    submitted review, whose reference or title contains `search`; how many match in all)."""
    reviewed = select(Review.proposal_id).where(Review.state == ReviewState.SUBMITTED.value)
    found = Proposal.id.in_(reviewed.scalar_subquery())
    where = [Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED), found]
    if search:
        wanted = search.lower()
        where.append(
            func.lower(Proposal.reference).contains(wanted, autoescape=True)
            | func.lower(Proposal.title).contains(wanted, autoescape=True)
        )
    query = (
        select(Proposal.id, Proposal.reference, Proposal.title)
        .where(*where)
        .order_by(Proposal.reference, Proposal.id)
        .limit(limit)
    )
    frame = pd.DataFrame(
        session.execute(query).all(), columns=["proposal_id", "reference", "title"]
    )
    total = session.execute(select(func.count()).select_from(Proposal).where(*where)).scalar_one()
    return frame, int(total)


def feedback_frame(
    session: Session, challenge_id: int, *, proposal_id: int | None = None
) -> pd.DataFrame:
    """Every submitted review's comment for the applicant (of one proposal when given), with its
    moderated wording if any."""
    where = [_with_feedback(challenge_id)]
    if proposal_id is not None:
        where.append(Review.proposal_id == proposal_id)
    query = (
        select(
            Review.id,
            Review.proposal_id,
            Proposal.reference,
            Proposal.title,
            User.name,
            Review.comment_for_applicant,
            Review.moderated_comment,
            Review.version,
        )
        .join(Proposal, Proposal.id == Review.proposal_id)
        .join(User, User.id == Review.judge_id)
        .where(*where)
        .order_by(Proposal.reference, Review.id)
    )
    return pd.DataFrame(session.execute(query).all(), columns=FEEDBACK_COLUMNS)


def lock_review(session: Session, review_id: int) -> Review | None:
    query = select(Review).where(Review.id == review_id).with_for_update()
    return session.execute(query).scalars().first()
