"""Queries for setting up the challenge: rows to edit under a lock, and the phase guards' counts."""

from sqlalchemy import func, select
from sqlmodel import Session

from civic_challenge.db.models import Assignment, ChallengeStatement, Proposal, Theme
from civic_challenge.domain.terms import ProposalStatus


def lock_theme(session: Session, theme_id: int) -> Theme | None:
    return (
        session.execute(select(Theme).where(Theme.id == theme_id).with_for_update())
        .scalars()
        .first()
    )


def lock_statement(session: Session, statement_id: int) -> ChallengeStatement | None:
    query = select(ChallengeStatement).where(ChallengeStatement.id == statement_id)
    return session.execute(query.with_for_update()).scalars().first()


def add(session: Session, row: Theme | ChallengeStatement) -> None:
    session.add(row)
    session.flush()


def unassigned_eligible(session: Session, challenge_id: int) -> list[str]:
    """References of eligible proposals with no published assignment."""
    assigned = select(Assignment.proposal_id).where(Assignment.published)
    query = (
        select(func.coalesce(Proposal.reference, func.cast(Proposal.id, Proposal.reference.type)))
        .where(
            Proposal.challenge_id == challenge_id,
            Proposal.status == ProposalStatus.ELIGIBLE.value,
            Proposal.id.not_in(assigned),
        )
        .order_by(Proposal.id)
    )
    return [str(r) for r in session.execute(query).scalars().all()]


def unscreened(session: Session, challenge_id: int) -> int:
    query = select(func.count(Proposal.id)).where(
        Proposal.challenge_id == challenge_id,
        Proposal.status == ProposalStatus.SUBMITTED.value,
    )
    return int(session.execute(query).scalar_one())
