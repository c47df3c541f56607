"""Engines and session scope: the one way into the database.

SQLite gets WAL, foreign keys, a busy timeout and `BEGIN IMMEDIATE` for every transaction, so
that concurrent read-modify-write takes the write lock first instead of losing updates or
failing at once with "database is locked".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlmodel import Session

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(database_url: str) -> Engine:
    """An engine for `database_url`; SQLite files get their folder created."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(database_url, url.database)
    return create_engine(database_url, pool_pre_ping=True)


def _sqlite_engine(database_url: str, path: str | None) -> Engine:
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        database_url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        read_only = connection.get_execution_options().get("civic_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A short read-only unit of work: on SQLite it does not take the write lock."""
    reader = engine.execution_options(civic_read_only=True)
    with Session(reader, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def unavailable_reason(error: BaseException) -> str | None:
    """Why the database cannot serve just now, when that is what `error` says: "read_only",
    "full" or "unreachable" (down, restarting, locked). None for any other error (a bug).

    SQLite reports a syntax error as an OperationalError too, so its messages decide."""
    invalidated = isinstance(error, DBAPIError) and error.connection_invalidated
    if not (isinstance(error, (OperationalError, InterfaceError)) or invalidated):
        return None
    said = str(getattr(error, "orig", None) or error).lower()
    if "readonly" in said or "read-only" in said:
        return "read_only"
    if "disk is full" in said or "no space left" in said:
        return "full"
    sqlite = type(getattr(error, "orig", None)).__module__.startswith("sqlite3")
    if sqlite and not any(s in said for s in ("locked", "unable to open", "disk i/o")):
        return None
    return "unreachable"
