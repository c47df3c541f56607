"""Opening the database for the app and the CLI: connect, migrate, units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from civic_challenge.db.engine import make_engine, read_scope, session_scope, unavailable_reason
from civic_challenge.db.migrate import migrate_to_head

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


def open_database(database_url: str) -> Engine:
    """An engine on a database migrated to the newest schema (created when missing)."""
    engine = make_engine(database_url)
    migrate_to_head(engine)
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A unit of work that commits on success and rolls back on any error."""
    with session_scope(engine) as session:
        yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A short read-only unit of work."""
    with read_scope(engine) as session:
        yield session


def database_unavailable(error: BaseException) -> str | None:
    """ "read_only", "full" or "unreachable" when `error` means the database cannot serve just
    now (not a bug in the app); otherwise None."""
    return unavailable_reason(error)
