"""Backups of the SQLite database: a faithful copy, never over an existing file."""

from pathlib import Path

import pytest
from factories import make_proposal, make_user
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from civic_challenge.db.backup import backup_sqlite
from civic_challenge.db.engine import make_engine, session_scope
from civic_challenge.db.models import Challenge, Proposal, User


def _count(engine: Engine, model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def stored(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as session:
        make_proposal(session, title="Cargo bikes for Hackney")
        make_user(session, email="ada@example.org")
    return sqlite_engine


@pytest.mark.parametrize("as_url", [False, True], ids=["engine", "url"])
def test_the_copy_opens_and_holds_the_same_rows(stored: Engine, tmp_path: Path, as_url: bool):
    source = stored.url.render_as_string(hide_password=False) if as_url else stored
    copy = backup_sqlite(source, tmp_path / "backups" / "civic-copy.db")

    restored = make_engine(f"sqlite:///{copy}")
    try:
        for model in (Challenge, Proposal, User):
            assert _count(restored, model) == _count(stored, model) == 1
        with Session(restored) as session:
            assert session.scalars(select(Proposal.title)).one() == "Cargo bikes for Hackney"
            assert session.scalars(select(User.email)).one() == "ada@example.org"
    finally:
        restored.dispose()


def test_the_copy_includes_writes_still_in_the_wal(stored: Engine, tmp_path: Path):
    with session_scope(stored) as session:
        make_user(session, email="late@example.org")
    assert Path(f"{stored.url.database}-wal").stat().st_size > 0  # not yet checkpointed
    copy = backup_sqlite(stored, tmp_path / "copy.db")
    restored = make_engine(f"sqlite:///{copy}")
    try:
        assert _count(restored, User) == 2
    finally:
        restored.dispose()


def test_an_existing_destination_is_refused_and_left_untouched(stored: Engine, tmp_path: Path):
    destination = tmp_path / "precious.db"
    destination.write_bytes(b"yesterday's backup")
    with pytest.raises(FileExistsError, match="already exists"):
        backup_sqlite(stored, destination)
    assert destination.read_bytes() == b"yesterday's backup"


def test_postgresql_is_refused_with_a_pointer_to_pg_dump(tmp_path: Path):
    destination = tmp_path / "copy.db"
    with pytest.raises(ValueError, match="pg_dump"):
        backup_sqlite("postgresql://postgres@127.0.0.1:5432/civic", destination)
    assert not destination.exists()


def test_a_missing_database_file_is_refused_and_not_created(tmp_path: Path):
    missing = tmp_path / "missing.db"
    with pytest.raises(FileNotFoundError):
        backup_sqlite(f"sqlite:///{missing}", tmp_path / "copy.db")
    assert not missing.exists()
    assert not (tmp_path / "copy.db").exists()
