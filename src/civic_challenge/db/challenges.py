"""Queries about the challenge and its themes and statements."""

from sqlmodel import Session, select

from civic_challenge.db.models import Challenge, ChallengeStatement, Theme


def current_challenge(session: Session) -> Challenge | None:
    """The newest challenge: the product runs one challenge at a time."""
    query = select(Challenge).order_by(Challenge.opens_at.desc(), Challenge.id.desc())
    return session.exec(query).first()


def themes_of(session: Session, challenge_id: int) -> list[Theme]:
    query = select(Theme).where(Theme.challenge_id == challenge_id).order_by(Theme.position)
    return list(session.exec(query).all())


def statements_of(session: Session, challenge_id: int) -> list[ChallengeStatement]:
    query = (
        select(ChallengeStatement)
        .where(ChallengeStatement.challenge_id == challenge_id)
        .order_by(ChallengeStatement.position)
    )
    return list(session.exec(query).all())
