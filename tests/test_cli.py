"""The command line: migrate, the first organiser, the demo, backups; refusals in plain words."""

import io
import sqlite3
from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from civic_challenge.cli import main
from civic_challenge.config import get_settings
from civic_challenge.db.accounts import count_users, find_user_by_email
from civic_challenge.db.challenges import current_challenge
from civic_challenge.services.database import open_database


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "cli.db"
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    return path


def engine_for(path):
    return open_database(f"sqlite:///{path}")


def test_migrate_creates_the_database(database, capsys):
    assert main(["migrate"]) == 0
    assert "newest schema" in capsys.readouterr().out
    tables = sqlite3.connect(database).execute("select name from sqlite_master").fetchall()
    assert ("app_user",) in tables


def test_create_organiser_reads_the_password_from_standard_input(database, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["create-organiser", "--email", "Olu@Example.org", "--name", "Olu"]) == 0
    engine = engine_for(database)
    with Session(engine) as session:
        assert find_user_by_email(session, "olu@example.org").role == "organiser"
    engine.dispose()


def test_create_organiser_refuses_a_weak_password_and_stores_nothing(database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("password12\n"))
    assert main(["create-organiser", "--email", "olu@example.org", "--name", "Olu"]) == 2
    assert "commonly used" in capsys.readouterr().err
    engine = engine_for(database)
    with Session(engine) as session:
        assert count_users(session) == 0
    engine.dispose()


def test_seed_demo_is_refused_outside_demo_mode(database, capsys):
    assert main(["seed-demo"]) == 2
    assert "CIVIC_DEMO_MODE=true" in capsys.readouterr().err


def test_seed_demo_adds_the_demo_challenge_once(database, monkeypatch, capsys):
    monkeypatch.setenv("CIVIC_DEMO_MODE", "true")
    get_settings.cache_clear()
    assert main(["seed-demo"]) == 0
    assert main(["seed-demo"]) == 0
    out = capsys.readouterr().out
    assert "Demo challenge added." in out and "nothing added" in out
    engine = engine_for(database)
    with Session(engine) as session:
        assert current_challenge(session).slug == "civic-innovation-challenge-2018"
        assert count_users(session) == 14
    engine.dispose()


def test_backup_copies_the_database_and_refuses_to_overwrite(database, tmp_path, capsys):
    main(["migrate"])
    target = tmp_path / "copy.db"
    assert main(["backup", str(target)]) == 0
    assert target.exists()
    size = target.stat().st_size
    assert main(["backup", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.stat().st_size == size


def _queue_one(database, email="jo@example.org"):
    from civic_challenge.services.database import transaction
    from civic_challenge.services.mail.outbox import queue_message

    engine = engine_for(database)
    with transaction(engine) as session:
        queue_message(
            session,
            to=email,
            template="assignment_notice",
            context={"name": "Jo", "count": 2, "link": None},
            now=datetime.now(UTC),
        )
    engine.dispose()


def test_send_mail_without_a_server_sends_nothing_and_says_why(database, capsys):
    _queue_one(database)
    assert main(["send-mail"]) == 0
    assert "CIVIC_SMTP_HOST is not set" in capsys.readouterr().out


def test_send_mail_delivers_the_queue_to_the_mail_server(database, monkeypatch, capsys):
    from mail_server import MailServer

    server = MailServer().start()
    try:
        monkeypatch.setenv("CIVIC_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("CIVIC_SMTP_PORT", str(server.port))
        monkeypatch.setenv("CIVIC_SMTP_STARTTLS", "false")
        get_settings.cache_clear()
        _queue_one(database)
        assert main(["send-mail"]) == 0
        assert "Sent 1;" in capsys.readouterr().out
        (received,) = server.inbox.wait_for(1)
        assert received["To"] == "jo@example.org"
        assert "2 proposals to review" in received["Subject"]
    finally:
        server.stop()


def test_send_mail_reports_a_server_that_is_down(database, monkeypatch, capsys):
    monkeypatch.setenv("CIVIC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CIVIC_SMTP_PORT", "9")
    monkeypatch.setenv("CIVIC_SMTP_STARTTLS", "false")
    get_settings.cache_clear()
    _queue_one(database)
    assert main(["send-mail"]) == 1
    assert "to retry later 1" in capsys.readouterr().out
