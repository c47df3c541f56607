"""Writes that must not lose updates under concurrency, done in one statement."""

from sqlalchemy import update
from sqlmodel import Session

from civic_challenge.db.models import Challenge


def bump_challenge_version(session: Session, challenge_id: int) -> int:
    """Add one to the challenge's version atomically and return the new version.

    One `UPDATE ... SET version = version + 1` cannot lose an increment, whatever the isolation
    level, unlike reading the row and writing it back.
    """
    statement = (
        update(Challenge)
        .where(Challenge.id == challenge_id)
        .values(version=Challenge.version + 1)
        .returning(Challenge.version)
    )
    return session.execute(statement).scalar_one()


def bump_data_version(session: Session, challenge_id: int) -> int:
    """Add one to the challenge's data version atomically and return the new one.

    The data version keys the results page's cache: everything a ranking depends on (a review
    submitted, edited or reset, an assignment published, a decision recorded) bumps it, so the
    next rerun recomputes instead of waiting for a timer. Same single UPDATE as above, so two
    writers never lose a bump.
    """
    statement = (
        update(Challenge)
        .where(Challenge.id == challenge_id)
        .values(data_version=Challenge.data_version + 1)
        .returning(Challenge.data_version)
    )
    return session.execute(statement).scalar_one()
