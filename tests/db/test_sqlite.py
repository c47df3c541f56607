"""SQLite is set up for several writers: WAL, foreign keys, a busy timeout and BEGIN IMMEDIATE."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from factories import make_challenge
from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from civic_challenge.db.engine import make_engine, read_scope, session_scope
from civic_challenge.db.models import Challenge

THREADS = 20
INCREMENTS = 25


def _pragma(engine: Engine, name: str):
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def _create_challenge(engine: Engine) -> int:
    with session_scope(engine) as session:
        return make_challenge(session).id


def _impatient_engine(engine: Engine) -> Engine:
    """A second engine on the same file that gives up on a lock after 200 ms instead of 30 s."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    event.listen(other, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout=200"))
    return other


@pytest.mark.parametrize(
    ("pragma", "expected"), [("journal_mode", "wal"), ("foreign_keys", 1), ("synchronous", 1)]
)
def test_every_connection_gets_the_pragmas(sqlite_engine: Engine, pragma: str, expected):
    assert _pragma(sqlite_engine, pragma) == expected


def test_busy_timeout_is_set(sqlite_engine: Engine):
    assert _pragma(sqlite_engine, "busy_timeout") >= 5_000


def test_a_write_transaction_begins_immediate(sqlite_engine: Engine):
    statements: list[str] = []
    event.listen(
        sqlite_engine,
        "before_cursor_execute",
        lambda _conn, _cursor, sql, *_args: statements.append(sql),
    )
    with session_scope(sqlite_engine) as session:
        make_challenge(session)
    assert statements[0] == "BEGIN IMMEDIATE"


def test_read_modify_write_from_many_threads_loses_no_update(sqlite_engine: Engine):
    """Each transaction takes the write lock at BEGIN, so no thread reads a stale version."""
    challenge_id = _create_challenge(sqlite_engine)

    def increment_repeatedly(_: int) -> None:
        for _ in range(INCREMENTS):
            with session_scope(sqlite_engine) as session:
                challenge = session.get(Challenge, challenge_id)
                challenge.version = challenge.version + 1

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(increment_repeatedly, range(THREADS)))  # re-raises "database is locked"

    with Session(sqlite_engine) as session:
        assert session.get(Challenge, challenge_id).version == 1 + THREADS * INCREMENTS


def test_read_scope_reads_while_another_connection_holds_the_write_lock(sqlite_engine: Engine):
    challenge_id = _create_challenge(sqlite_engine)
    reader = _impatient_engine(sqlite_engine)
    try:
        with session_scope(sqlite_engine) as writer:
            writer.get(Challenge, challenge_id).version = 99
            writer.flush()
            with read_scope(reader) as session:
                assert session.get(Challenge, challenge_id).version == 1
    finally:
        reader.dispose()


def test_session_scope_waits_for_the_write_lock(sqlite_engine: Engine):
    """The counterpart of the read_scope test: a second writer cannot start while one is open."""
    reader = _impatient_engine(sqlite_engine)
    try:
        with session_scope(sqlite_engine) as writer:
            make_challenge(writer)
            with pytest.raises(OperationalError, match="database is locked"):  # noqa: SIM117
                with session_scope(reader) as second:
                    second.get(Challenge, 1)
    finally:
        reader.dispose()
