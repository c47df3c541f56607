"""Restore drill, on SQLite and PostgreSQL: back up, change everything, restore, and find every
table as it was (row count and a checksum of its rows); a bad backup or a database in use is
refused with nothing changed."""

import hashlib
from pathlib import Path

import pytest
from factories import make_proposal, make_user
from sqlalchemy import Engine, MetaData, select
from sqlmodel import Session

from civic_challenge.cli import main
from civic_challenge.db.backup import restore_sqlite
from civic_challenge.db.engine import session_scope
from civic_challenge.db.models import Proposal
from civic_challenge.services.backup import backup_database, restore_database
from civic_challenge.services.errors import ServiceError


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def fingerprint(engine: Engine) -> dict[str, tuple[int, str]]:
    """Per table: (rows, sha256 of every row in primary-key order)."""
    tables = {}
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table).order_by(*order)).all()
            digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
            tables[name] = (len(rows), digest)
    return tables


def fill(engine: Engine) -> None:
    with session_scope(engine) as session:
        for number in range(3):
            make_proposal(session, title=f"Cargo bikes {number}")
        make_user(session, email="ada@example.org")


def change_everything(engine: Engine) -> None:
    with session_scope(engine) as session:
        make_user(session, email="late@example.org")
        make_proposal(session, title="Written after the backup")
        for proposal in session.scalars(select(Proposal)).all():
            proposal.title = "Changed after the backup"


def test_restore_brings_back_every_table_exactly(engine: Engine, tmp_path: Path):
    fill(engine)
    before = fingerprint(engine)
    assert sum(rows for rows, _ in before.values()) > 5
    backup = backup_database(url_of(engine), tmp_path / "civic.backup")

    change_everything(engine)
    changed = fingerprint(engine)
    assert changed != before

    engine.dispose()  # the app is stopped for a restore
    restore_database(url_of(engine), backup)
    after = fingerprint(engine)
    assert after == before
    with Session(engine) as session:  # and the app can write again
        make_user(session, email="after@example.org")
        session.commit()


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(engine: Engine, tmp_path):
    fill(engine)
    before = fingerprint(engine)
    bogus = tmp_path / "notes.backup"
    bogus.write_bytes(b"shopping list: bread, milk\n" * 100)
    engine.dispose()
    with pytest.raises((ServiceError, ValueError), match=r"not a|failed"):
        restore_database(url_of(engine), bogus)
    assert fingerprint(engine) == before


def test_a_missing_backup_is_refused(engine: Engine, tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no backup file"):
        restore_database(url_of(engine), tmp_path / "absent.backup")


def test_a_sqlite_database_in_use_is_refused_unless_forced(sqlite_engine: Engine, tmp_path):
    fill(sqlite_engine)
    backup = backup_database(url_of(sqlite_engine), tmp_path / "civic.backup")
    before = fingerprint(sqlite_engine)
    change_everything(sqlite_engine)
    changed = fingerprint(sqlite_engine)
    with sqlite_engine.connect():  # an app process holding the database open
        with pytest.raises(FileExistsError, match="looks in use"):
            restore_sqlite(url_of(sqlite_engine), backup)
        assert fingerprint(sqlite_engine) == changed
        restore_sqlite(url_of(sqlite_engine), backup, force=True)
    assert fingerprint(sqlite_engine) == before


def test_a_postgresql_backup_never_overwrites_a_file(postgres_engine: Engine, tmp_path: Path):
    existing = tmp_path / "kept.backup"
    existing.write_text("an earlier backup")
    with pytest.raises(FileExistsError, match="already exists"):
        backup_database(url_of(postgres_engine), existing)
    assert existing.read_text() == "an earlier backup"


def test_the_command_line_backs_up_and_restores(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    fill(engine)
    before = fingerprint(engine)
    monkeypatch.setenv("CIVIC_DATABASE_URL", url_of(engine))
    backup = tmp_path / "civic.backup"
    assert main(["backup", str(backup)]) == 0
    change_everything(engine)
    engine.dispose()
    assert main(["restore", str(backup)]) == 0
    assert "Restored from" in capsys.readouterr().out
    assert fingerprint(engine) == before
    assert main(["restore", str(tmp_path / "absent.backup")]) == 2
    assert "no backup file" in capsys.readouterr().err
