"""The few queries and bulk writes the demo seed needs, kept here because only db talks SQL."""

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from civic_challenge.db.models import Challenge


def challenge_exists(session: Session, slug: str) -> bool:
    return session.exec(select(Challenge.id).where(Challenge.slug == slug)).first() is not None


def add_rows(session: Session, rows: Sequence[SQLModel]) -> None:
    """Insert the rows and flush, so their ids are set; the caller commits."""
    session.add_all(rows)
    session.flush()


def count_rows(session: Session, table: type[SQLModel]) -> int:
    return session.exec(select(func.count()).select_from(table)).one()
