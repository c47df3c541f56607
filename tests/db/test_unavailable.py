"""Errors that mean "the database cannot serve just now" are told apart from bugs."""

import socket
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from civic_challenge.db.engine import unavailable_reason


def _error_from(engine: Engine, sql: str) -> BaseException:
    with pytest.raises(Exception) as caught, engine.begin() as connection:
        connection.execute(text(sql))
    return caught.value


def test_a_server_that_does_not_answer_is_unreachable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here
    engine = create_engine(f"postgresql://postgres@127.0.0.1:{port}/civic")
    assert unavailable_reason(_error_from(engine, "SELECT 1")) == "unreachable"


def test_a_read_only_sqlite_database_is_read_only(sqlite_engine: Engine):
    path = Path(sqlite_engine.url.database).resolve()
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    error = _error_from(engine, "CREATE TABLE t (x INTEGER)")
    assert unavailable_reason(error) == "read_only"
    engine.dispose()


def test_a_bug_is_not_called_unavailability(sqlite_engine: Engine):
    assert unavailable_reason(_error_from(sqlite_engine, "SELECT * FROM no_such_table")) is None
    assert unavailable_reason(ValueError("bad input")) is None
    assert unavailable_reason(_error_from(sqlite_engine, "SELEC 1")) is None
