"""Queries for reviews: a judge's queue, one review and its scores, totals written in bulk."""

import pandas as pd
from sqlalchemy import bindparam, delete, update
from sqlmodel import Session, select

from civic_challenge.db.models import (
    Assignment,
    Attachment,
    ChallengeStatement,
    Organisation,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.domain.terms import ReviewState


def find_review(session: Session, judge_id: int, proposal_id: int) -> Review | None:
    query = select(Review).where(Review.judge_id == judge_id, Review.proposal_id == proposal_id)
    return session.exec(query).first()


def scores_of(session: Session, review_id: int) -> dict[int, int]:
    query = select(ReviewScore.criterion_id, ReviewScore.score).where(
        ReviewScore.review_id == review_id
    )
    return dict(session.exec(query).all())


def replace_scores(session: Session, review_id: int, rows: list[ReviewScore]) -> None:
    session.exec(delete(ReviewScore).where(ReviewScore.review_id == review_id))
    session.add_all(rows)
    session.flush()


def delete_review(session: Session, review_id: int) -> None:
    session.exec(delete(ReviewScore).where(ReviewScore.review_id == review_id))
    session.exec(delete(Review).where(Review.id == review_id))


def challenge_scores_frame(session: Session, challenge_id: int) -> pd.DataFrame:
    """Every review of the challenge with its scores: review_id, criterion_id, score (the score
    columns are empty for a review with none)."""
    query = (
        select(Review.id, ReviewScore.criterion_id, ReviewScore.score)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .outerjoin(ReviewScore, ReviewScore.review_id == Review.id)
        .where(Proposal.challenge_id == challenge_id)
    )
    return pd.DataFrame(session.exec(query).all(), columns=["review_id", "criterion_id", "score"])


def write_totals(session: Session, totals: dict[int, float | None]) -> None:
    """Set Review.total for many reviews in one executemany (written by scoring.review_total)."""
    if not totals:
        return
    statement = (
        update(Review.__table__)
        .where(Review.__table__.c.id == bindparam("review_id"))
        .values(total=bindparam("new_total"))
    )
    rows = [{"review_id": rid, "new_total": total} for rid, total in totals.items()]
    session.connection().execute(statement, rows)


def queue_frame(session: Session, judge_id: int, challenge_id: int) -> pd.DataFrame:
    """The judge's published assignments with each proposal's reference, title (and its
    organisation's name, for redaction under blind review) and review."""
    query = (
        select(
            Assignment.proposal_id,
            Proposal.reference,
            Proposal.title,
            Proposal.organisation_id,
            Organisation.name,
            Assignment.state,
            Assignment.due_at,
            Review.state,
            Review.total,
        )
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(
            Review,
            (Review.judge_id == Assignment.judge_id)
            & (Review.proposal_id == Assignment.proposal_id),
        )
        .where(
            Assignment.judge_id == judge_id,
            Assignment.published,
            Proposal.challenge_id == challenge_id,
        )
        .order_by(Proposal.reference, Proposal.id)
    )
    columns = [
        "proposal_id",
        "reference",
        "title",
        "organisation_id",
        "organisation_name",
        "state",
        "due_at",
        "review_state",
        "total",
    ]
    return pd.DataFrame(session.exec(query).all(), columns=columns)


def proposal_parts(session: Session, proposal_id: int) -> tuple | None:
    """(proposal, organisation, statement title, theme names, pilot boroughs, attachment meta)."""
    row = session.exec(
        select(Proposal, Organisation)
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .where(Proposal.id == proposal_id)
    ).first()
    if row is None:
        return None
    proposal, organisation = row
    statement = session.exec(
        select(ChallengeStatement.title).where(ChallengeStatement.id == proposal.statement_id)
    ).first()
    themes = session.exec(
        select(Theme.name)
        .join(ProposalTheme, ProposalTheme.theme_id == Theme.id)
        .where(ProposalTheme.proposal_id == proposal_id)
        .order_by(ProposalTheme.is_primary.desc(), Theme.position)
    ).all()
    boroughs = session.exec(
        select(ProposalBorough.borough_code).where(ProposalBorough.proposal_id == proposal_id)
    ).all()
    attachment = session.exec(
        select(Attachment.filename, Attachment.size_bytes).where(
            Attachment.proposal_id == proposal_id
        )
    ).first()
    return proposal, organisation, statement or "", list(themes), list(boroughs), attachment


def attachment_of(session: Session, proposal_id: int) -> tuple[str, bytes] | None:
    query = select(Attachment.filename, Attachment.content).where(
        Attachment.proposal_id == proposal_id
    )
    row = session.exec(query).first()
    return None if row is None else (row[0], row[1])


def author_name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return session.exec(select(User.name).where(User.id == user_id)).first() or ""


def other_submitted_reviews(session: Session, proposal_id: int, judge_id: int) -> list[tuple]:
    """(total, confidence) of the other judges' submitted reviews of a proposal."""
    query = (
        select(Review.total, Review.confidence)
        .where(
            Review.proposal_id == proposal_id,
            Review.judge_id != judge_id,
            Review.state == ReviewState.SUBMITTED.value,
        )
        .order_by(Review.submitted_at, Review.id)
    )
    return [tuple(row) for row in session.exec(query).all()]
