"""The pages of email and account recovery through AppTest: Forgot your password, Choose a new
password, Confirm your email, the Outbox, and the reminders switch on Your account."""

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from pages_support import PASSWORD, app, make_person, texts
from sqlalchemy import select
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.db.accounts import find_user_by_email
from civic_challenge.db.models import OutboxMessage
from civic_challenge.domain.terms import Role
from civic_challenge.services.clock import now
from civic_challenge.services.database import open_database
from civic_challenge.services.mail.outbox import queue_message
from civic_challenge.ui.text import plain

NEW = "a brand new passphrase"


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("CIVIC_PUBLIC_URL", "https://challenge.example.org")
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    yield engine
    engine.dispose()


def outbox(engine, template):
    with Session(engine) as session:
        query = select(OutboxMessage).where(OutboxMessage.template == template)
        return list(session.execute(query).scalars())


def token_of(message: OutboxMessage) -> str:
    link = next(w for w in message.body_text.split() if "token=" in w)
    return parse_qs(urlsplit(link).query)["token"][0]


def ask_for_reset(email: str):
    at = app(page="pages/forgot_password.py")
    at.text_input[0].input(email)
    return at.button[0].click().run()


def test_sign_in_offers_the_way_to_a_new_password(engine):
    at = app(page="pages/sign_in.py")
    assert any("forgot_password" in link.proto.page for link in at.get("page_link"))


def test_forgot_password_answers_the_same_for_a_known_and_an_unknown_email(engine):
    make_person(engine, Role.APPLICANT, "ada@example.org", "Ada")
    known, unknown = ask_for_reset("ada@example.org"), ask_for_reset("zed@example.org")
    assert texts(known).replace("ada", "X") == texts(unknown).replace("zed", "X")
    assert f"If {plain('ada@example.org')} has an account" in texts(known)
    assert [m.recipient for m in outbox(engine, "password_reset")] == ["ada@example.org"]


def test_forgot_password_refuses_a_malformed_email_next_to_the_field(engine):
    at = ask_for_reset("not an email")
    assert "name@example.org" in texts(at)
    assert outbox(engine, "password_reset") == []


def test_a_new_password_is_chosen_from_the_emailed_link(engine):
    make_person(engine, Role.APPLICANT, "ada@example.org", "Ada")
    ask_for_reset("ada@example.org")
    (message,) = outbox(engine, "password_reset")
    assert "https://challenge.example.org/reset_password?token=" in message.body_text
    at = app()
    at.query_params["token"] = token_of(message)
    at.switch_page("pages/reset_password.py").run()
    at.text_input(key="reset_new").input("short")
    at.text_input(key="reset_repeat").input("short")
    at = at.button[0].click().run()
    assert "at least 10" in texts(at)
    at.text_input(key="reset_new").input(NEW)
    at.text_input(key="reset_repeat").input(NEW)
    at = at.button[0].click().run()
    assert not at.exception
    assert "Your password has been changed" in texts(at)
    with Session(engine) as session:
        user = find_user_by_email(session, "ada@example.org")
    from civic_challenge.domain.passwords import verify_password

    assert verify_password(user.password_hash, NEW)


def test_a_forged_reset_link_shows_no_form(engine):
    at = app()
    at.query_params["token"] = "forged"
    at.switch_page("pages/reset_password.py").run()
    assert "expired or was already used" in texts(at)
    assert not at.text_input


def test_the_confirmation_link_confirms_the_email(engine):
    at = app(page="pages/register.py")
    at.text_input(key="register_name").input("Bea")
    at.text_input(key="register_email").input("bea@example.org")
    at.text_input(key="register_password").input(PASSWORD)
    at.text_input(key="register_repeat").input(PASSWORD)
    at.button[0].click().run()
    (message,) = outbox(engine, "verify_email")
    confirm = app()
    confirm.query_params["token"] = token_of(message)
    confirm.switch_page("pages/verify_email.py").run()
    assert f"{plain('bea@example.org')} is confirmed" in texts(confirm)
    again = app()
    again.query_params["token"] = token_of(message)
    again.switch_page("pages/verify_email.py").run()
    assert "already used" in texts(again)


def test_the_outbox_lists_and_shows_messages_and_sends_held_notices(engine):
    organiser = make_person(engine, Role.ORGANISER, "olu@example.org", "Olu")
    at = app(organiser, "pages/people.py")
    at.text_input[0].input("new.judge@example.org")
    at.button[0].click().run()
    at = app(organiser, "pages/outbox.py")
    assert not at.exception
    assert "Nothing leaves this machine" in texts(at)
    assert "invited you" in texts(at)
    assert at.dataframe[0].value["recipient"].tolist() == ["new.judge@example.org"]
    with Session(engine) as session:
        queue_message(
            session,
            to="ada@example.org",
            template="decision_notice",
            context={
                "name": "Ada", "title": "Bikes", "reference": "CIC-2026-0001",
                "outcome_title": "awarded", "outcome_text": "Congratulations.", "link": None,
                "message": "",
            },
            now=now(),
            held=True,
        )  # fmt: skip
        session.commit()
    at = app(organiser, "pages/outbox.py")
    assert "1 decision notices are held" in texts(at)
    at = next(b for b in at.button if b.label == "Send the decision notices").click().run()
    assert "1 decision notices queued for sending" in texts(at)
    assert [m.state for m in outbox(engine, "decision_notice")] == ["queued"]


def test_reminders_can_be_turned_off_on_the_account_page(engine):
    judge = make_person(engine, Role.JUDGE, "jo@example.org", "Jo")
    at = app(judge, "pages/account.py")
    assert at.toggle[0].value is True
    at = at.toggle[0].set_value(False).run()
    assert "Reminders turned off" in texts(at)
    with Session(engine) as session:
        assert find_user_by_email(session, "jo@example.org").wants_reminders is False
