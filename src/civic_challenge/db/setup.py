"""Queries for setting up the challenge: rows to edit under a lock, what uses a theme or a
statement (before removing it), and the phase guards' counts."""

from sqlalchemy import func, select, text
from sqlmodel import Session

from civic_challenge.db.models import (
    Assignment,
    Challenge,
    ChallengeStatement,
    Proposal,
    ProposalTheme,
    Theme,
)
from civic_challenge.domain.terms import FOUND_ELIGIBLE, ProposalStatus


def lock_theme(session: Session, theme_id: int) -> Theme | None:
    return (
        session.execute(select(Theme).where(Theme.id == theme_id).with_for_update())
        .scalars()
        .first()
    )


def lock_statement(session: Session, statement_id: int) -> ChallengeStatement | None:
    query = select(ChallengeStatement).where(ChallengeStatement.id == statement_id)
    return session.execute(query.with_for_update()).scalars().first()


def add(session: Session, row: Challenge | Theme | ChallengeStatement) -> None:
    session.add(row)
    session.flush()


def remove(session: Session, row: Theme | ChallengeStatement) -> None:
    """Delete a theme or statement nothing uses (a judge's expertise in a theme goes with it)."""
    session.delete(row)
    session.flush()


def lock_challenges(session: Session) -> None:
    """Hold off anyone else creating a challenge until this transaction ends. SQLite's write
    transactions already run one at a time (BEGIN IMMEDIATE); PostgreSQL locks the table."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE challenge IN SHARE ROW EXCLUSIVE MODE"))


def proposals_tagged(session: Session, theme_id: int) -> int:
    """How many proposals, in any status (drafts too), carry the theme as a tag."""
    query = select(func.count(ProposalTheme.id)).where(ProposalTheme.theme_id == theme_id)
    return int(session.execute(query).scalar_one())


def statements_under(session: Session, theme_id: int) -> list[str]:
    query = (
        select(ChallengeStatement.title)
        .where(ChallengeStatement.theme_id == theme_id)
        .order_by(ChallengeStatement.position, ChallengeStatement.id)
    )
    return [str(title) for title in session.execute(query).scalars().all()]


def proposals_for_statement(session: Session, statement_id: int) -> dict[str, int]:
    """Proposals written for the statement, counted by status (drafts and withdrawn too)."""
    query = (
        select(Proposal.status, func.count(Proposal.id))
        .where(Proposal.statement_id == statement_id)
        .group_by(Proposal.status)
    )
    return {str(status): int(n) for status, n in session.execute(query).all()}


def unassigned_eligible(session: Session, challenge_id: int) -> list[str]:
    """References of eligible proposals with no published assignment."""
    assigned = select(Assignment.proposal_id).where(Assignment.published)
    query = (
        select(func.coalesce(Proposal.reference, func.cast(Proposal.id, Proposal.reference.type)))
        .where(
            Proposal.challenge_id == challenge_id,
            Proposal.status.in_([s.value for s in FOUND_ELIGIBLE]),
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


def drafts(session: Session, challenge_id: int) -> int:
    """Proposals still in draft: what closing submissions early would lock out."""
    query = select(func.count(Proposal.id)).where(
        Proposal.challenge_id == challenge_id, Proposal.status == ProposalStatus.DRAFT.value
    )
    return int(session.execute(query).scalar_one())
