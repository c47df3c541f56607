"""Registering, confirming an email and recovering a forgotten password: the same answer for
every email, single-use links with a short life, and sessions ended on a reset."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from civic_challenge.db.accounts import count_users, find_session, find_user_by_email
from civic_challenge.db.models import AccountToken, OutboxMessage
from civic_challenge.services.account_tokens import LinkInvalid
from civic_challenge.services.accounts import UserView, create_organiser
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.registration import (
    confirm_email,
    register,
    request_password_reset,
    resend_confirmation,
    reset_link_works,
    reset_password,
)
from civic_challenge.services.sessions import sign_in, token_hash

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
GOOD = "correct horse battery"
NEW = "a brand new passphrase"
BASE = "https://challenge.example.org/"


def sign_up(session, email="ada@example.org", name="Ada", password=GOOD, repeat=None):
    return register(
        session=session,
        email=email,
        name=name,
        password=password,
        repeat=password if repeat is None else repeat,
        now=NOW,
        base_url=BASE,
    )


def messages(session, template=None):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if template:
        query = query.where(OutboxMessage.template == template)
    return list(session.execute(query).scalars())


def token_in(message: OutboxMessage, page: str) -> str:
    link = next(w for w in message.body_text.split() if w.startswith(BASE + page))
    return parse_qs(urlsplit(link).query)["token"][0]


def test_registering_sends_a_link_that_confirms_the_email(session):
    assert sign_up(session) is None
    (message,) = messages(session, "verify_email")
    assert message.recipient == "ada@example.org"
    assert message.state == "queued"
    assert find_user_by_email(session, "ada@example.org").email_verified_at is None
    token = token_in(message, "verify_email")
    assert confirm_email(session=session, token=token, now=NOW) == "ada@example.org"
    assert find_user_by_email(session, "ada@example.org").email_verified_at == NOW
    with pytest.raises(LinkInvalid, match="already used"):
        confirm_email(session=session, token=token, now=NOW)


def test_registering_an_existing_email_answers_the_same_and_tells_the_owner(session):
    sign_up(session)
    assert sign_up(session, email="ADA@example.org", name="Someone", password=NEW) is None
    assert count_users(session) == 1
    (told,) = messages(session, "already_registered")
    assert told.recipient == "ada@example.org"
    assert "already have an account" in told.body_text
    assert BASE + "forgot_password" in told.body_text
    assert sign_in(session=session, email="ada@example.org", password=GOOD, now=NOW).user


def test_bad_registration_stores_no_account_and_no_message(session):
    with pytest.raises(InvalidInput):
        sign_up(session, email="<script>alert(1)</script>@x.com")
    assert count_users(session) == 0
    assert messages(session) == []


def test_a_forgotten_password_is_reset_once_through_the_emailed_link(session):
    sign_up(session)
    here = sign_in(session=session, email="ada@example.org", password=GOOD, now=NOW).token
    request_password_reset(session=session, email=" Ada@Example.org ", now=NOW, base_url=BASE)
    (message,) = messages(session, "password_reset")
    assert message.recipient == "ada@example.org"
    assert "30 minutes" in message.body_text
    token = token_in(message, "reset_password")
    stored = session.execute(select(AccountToken.token_hash)).scalars().all()
    assert token not in stored and token_hash(token) in stored  # only its hash is kept
    assert reset_link_works(session=session, token=token, now=NOW)
    ended = reset_password(session=session, token=token, password=NEW, repeat=NEW, now=NOW)
    assert ended == 1 and find_session(session, token_hash(here)) is None
    assert sign_in(session=session, email="ada@example.org", password=NEW, now=NOW).user
    assert not reset_link_works(session=session, token=token, now=NOW)
    with pytest.raises(LinkInvalid, match="already used"):
        reset_password(session=session, token=token, password=GOOD, repeat=GOOD, now=NOW)


def test_asking_for_a_reset_answers_the_same_for_an_unknown_email(session):
    sign_up(session)
    before = len(messages(session))
    assert request_password_reset(session=session, email="nobody@example.org", now=NOW) is None
    assert len(messages(session)) == before


def test_a_reset_link_expires_and_only_the_newest_works(session):
    sign_up(session)
    request_password_reset(session=session, email="ada@example.org", now=NOW, base_url=BASE)
    request_password_reset(session=session, email="ada@example.org", now=NOW, base_url=BASE)
    first, second = (token_in(m, "reset_password") for m in messages(session, "password_reset"))
    assert not reset_link_works(session=session, token=first, now=NOW)
    later = NOW + timedelta(minutes=30)
    assert not reset_link_works(session=session, token=second, now=later)
    with pytest.raises(LinkInvalid, match="expired"):
        reset_password(session=session, token=second, password=NEW, repeat=NEW, now=later)


@pytest.mark.parametrize("token", ["", "forged", "x" * 500])
def test_a_forged_reset_link_is_refused(session, token):
    assert not reset_link_works(session=session, token=token, now=NOW)
    with pytest.raises(LinkInvalid):
        reset_password(session=session, token=token, password=NEW, repeat=NEW, now=NOW)


@pytest.mark.parametrize(
    ("password", "repeat", "message"),
    [
        ("short", "short", "at least 10"),
        ("            ", "            ", "only spaces"),
        ("ada@example.org", "ada@example.org", "your email address or your name"),
        ("civic-demo-2018", "civic-demo-2018", "commonly used"),
        (NEW, NEW + "!", "do not match"),
    ],
)
def test_a_bad_new_password_is_refused_and_the_link_still_works(session, password, repeat, message):
    sign_up(session)
    request_password_reset(session=session, email="ada@example.org", now=NOW, base_url=BASE)
    token = token_in(messages(session, "password_reset")[0], "reset_password")
    session.commit()
    with pytest.raises(InvalidInput) as refused:
        reset_password(session=session, token=token, password=password, repeat=repeat, now=NOW)
    session.rollback()  # as the page's unit of work does
    assert message in " ".join(refused.value.problems["password"])
    assert reset_link_works(session=session, token=token, now=NOW)


@pytest.mark.parametrize("email", ["", "not an email", "<b>@x.com"])
def test_asking_for_a_reset_with_a_malformed_email_says_so(session, email):
    with pytest.raises(InvalidInput) as refused:
        request_password_reset(session=session, email=email, now=NOW)
    assert refused.value.problems["email"]


def test_deactivated_accounts_get_no_reset_link(session):
    create_organiser(session=session, email="olu@example.org", name="Olu", password=GOOD)
    find_user_by_email(session, "olu@example.org").is_active = False
    request_password_reset(session=session, email="olu@example.org", now=NOW, base_url=BASE)
    count = session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()
    assert count == 0


@pytest.mark.parametrize("token", ["", "forged", "x" * 500])
def test_a_forged_confirmation_link_is_refused(session, token):
    with pytest.raises(LinkInvalid):
        confirm_email(session=session, token=token, now=NOW)


def test_a_new_confirmation_link_replaces_the_old_one_until_confirmed(session):
    sign_up(session)
    ada = UserView.of(find_user_by_email(session, "ada@example.org"))
    resend_confirmation(session=session, actor=ada, now=NOW, base_url=BASE)
    first, second = (token_in(m, "verify_email") for m in messages(session, "verify_email"))
    with pytest.raises(LinkInvalid):
        confirm_email(session=session, token=first, now=NOW)
    confirm_email(session=session, token=second, now=NOW)
    with pytest.raises(ServiceError, match="already confirmed"):
        resend_confirmation(session=session, actor=ada, now=NOW, base_url=BASE)


def test_only_a_signed_in_person_asks_for_a_new_confirmation_link(session):
    with pytest.raises(PermissionDenied):
        resend_confirmation(session=session, actor=None, now=NOW)
