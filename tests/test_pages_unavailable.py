"""A database that fails while an applicant writes: the typed values stay in the proposal form,
the message says so, and they are saved once the database is back."""

import shutil
import socket

import pytest
from applicant_world import NOW, good_organisation, make_open_challenge
from pages_support import app, make_person, texts
from sqlalchemy import create_engine, select
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from civic_challenge.config import get_settings
from civic_challenge.db.accounts import get_user
from civic_challenge.db.models import Proposal
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.database import open_database, transaction
from civic_challenge.services.organisations import save_organisation
from civic_challenge.ui import database, proposal_editing, proposal_saving
from civic_challenge.ui.shell import IN_APP_KEY

TITLE = "Warm homes for Hackney"
KEPT = "Your work is kept: what you typed is still in the form"
UNREACHABLE = "The database is unavailable just now, so this last step was not saved."
NOT_AUTOSAVED = "Not saved automatically: the database is unavailable just now."


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("CIVIC_NOW", NOW.isoformat())
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def writing(engine):
    """An applicant with an organisation on the proposal page of an open challenge."""
    ada = make_person(engine, Role.APPLICANT, "ada@example.org", "Ada")
    at = app(ada, "pages/proposal.py")
    with Session(engine, expire_on_commit=False) as session:
        make_open_challenge(session)
        session.commit()
        actor = UserView.of(get_user(session, ada.id))
        save_organisation(
            session=session, actor=actor, form=good_organisation(), expected_version=None, now=NOW
        )
        session.commit()
    at.run()
    return at


@pytest.fixture
def nowhere():
    """An engine on a port where nothing listens: every unit of work on it fails to connect."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    engine = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/civic")
    yield engine
    engine.dispose()


@pytest.fixture
def down(engine, nowhere, monkeypatch):
    """Turn the database off and on: every unit of work then meets a server that is not there."""

    def switch(off: bool) -> None:
        monkeypatch.setattr(database, "get_engine", lambda: nowhere if off else engine)

    return switch


@pytest.fixture
def writes_fail(nowhere, monkeypatch):
    """Only the proposal form's writes meet the missing server, as when the database goes down
    between the run's first reads and the form's save (AppTest reruns the whole app, which
    reads before the form is drawn)."""
    failing = lambda: transaction(nowhere)  # noqa: E731
    modules = (proposal_editing, proposal_saving)

    def switch(off: bool) -> None:
        for module in modules:
            monkeypatch.setattr(module, "db_session", failing if off else database.db_session)

    return switch


def said(at) -> str:
    """What the page says, Markdown escapes removed."""
    return texts(at).replace("\\", "")


def titles(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(Proposal.title)).scalars())


def test_a_failed_autosave_keeps_the_form_and_only_the_save_is_refused(
    engine, writing, writes_fail
):
    at, down = writing, writes_fail
    down(True)
    at.text_input(key="pf_title").input(TITLE).run()
    assert NOT_AUTOSAVED in said(at)
    at.button(key="proposal_save_draft").click().run()
    assert not at.exception
    assert UNREACHABLE in said(at) and KEPT in said(at)
    assert at.text_input(key="pf_title").value == TITLE
    assert titles(engine) == []

    down(False)
    at.button(key="civic_database_retry").click().run()
    assert at.text_input(key="pf_title").value == TITLE
    at.button(key="proposal_save_draft").click().run()
    assert "Draft saved" in said(at)
    assert titles(engine) == [TITLE]


def test_typing_survives_a_run_that_failed_before_the_form_was_drawn(engine, writing, down):
    """The sign-in check at the start of a run fails: the run draws no form at all, yet the
    typed title comes back with "Try again" and is saved."""
    at = writing
    at.text_input(key="pf_title").input(TITLE)
    down(True)
    in_app(at).run()
    assert UNREACHABLE in said(at) and KEPT in said(at)
    assert not at.text_input  # nothing of the form was drawn
    in_app(at).button(key="civic_database_retry").click().run()
    assert UNREACHABLE in said(at)  # still down: the same message

    down(False)
    in_app(at).button(key="civic_database_retry").click().run()
    assert at.text_input(key="pf_title").value == TITLE
    in_app(at).button(key="proposal_save_draft").click().run()
    assert "Draft saved" in said(at)
    assert titles(engine) == [TITLE]


def in_app(at: AppTest) -> AppTest:
    """The next run goes through app.py's frame (sign-in, the database message), as on a
    server: AppTest would otherwise run the page file on its own (see shell.begin_page)."""
    at.session_state[IN_APP_KEY] = False
    return at
