"""Registering, signing in and changing passwords: the rules and the refusals."""

from datetime import UTC, datetime, timedelta

import pytest

from civic_challenge.db.accounts import count_users, find_user_by_email
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import change_password, register_applicant
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.sessions import SignInResult, sign_in

NOW = datetime(2018, 6, 20, 12, 0, tzinfo=UTC)
GOOD = "correct horse battery"


def register(session, email="ada@example.org", name="Ada Lovelace", password=GOOD, repeat=None):
    return register_applicant(
        session=session,
        email=email,
        name=name,
        password=password,
        repeat=password if repeat is None else repeat,
    )


def test_registering_creates_an_applicant_with_a_hashed_password(session):
    user = register(session)
    stored = find_user_by_email(session, "ada@example.org")
    assert user.role is Role.APPLICANT
    assert stored.password_hash.startswith("$argon2id$")
    assert GOOD not in stored.password_hash


@pytest.mark.parametrize(
    ("field", "overrides", "message"),
    [
        ("email", {"email": "not-an-email"}, "in the form name@example.org"),
        ("email", {"email": ""}, "Enter your email address"),
        ("email", {"email": "a" * 250 + "@x.org"}, "at most 254 characters"),
        ("name", {"name": "   "}, "Enter your name"),
        ("name", {"name": "N" * 101}, "at most 100 characters"),
        ("password", {"password": "short"}, "at least 10 characters"),
        ("password", {"password": "x" * 129}, "at most 128 characters"),
        ("password", {"password": "1234567890"}, "commonly used"),
        ("password", {"password": "Qwertyuiop"}, "commonly used"),
        ("password", {"repeat": "something else"}, "do not match"),
    ],
)
def test_bad_registration_is_refused_with_a_message_and_stores_nothing(
    session, field, overrides, message
):
    with pytest.raises(InvalidInput) as refused:
        register(session, **overrides)
    assert message in " ".join(refused.value.problems[field])
    assert count_users(session) == 0


def test_every_problem_is_reported_at_once(session):
    with pytest.raises(InvalidInput) as refused:
        register(session, email="nope", name="", password="short")
    assert set(refused.value.problems) == {"email", "name", "password"}


def test_an_email_in_another_case_is_a_duplicate(session):
    register(session, email="Ada@Example.org")
    with pytest.raises(InvalidInput) as refused:
        register(session, email="ADA@example.ORG")
    assert "already exists" in refused.value.problems["email"][0]
    assert count_users(session) == 1


def test_html_in_a_name_is_stored_exactly_as_typed(session):
    user = register(session, name="<script>alert(1)</script>")
    assert user.name == "<script>alert(1)</script>"


def test_sign_in_accepts_any_case_of_the_email(session):
    register(session)
    result = sign_in(session=session, email=" ADA@example.org ", password=GOOD, now=NOW)
    assert result.user is not None and result.token


@pytest.mark.parametrize(
    ("email", "password"), [("ada@example.org", "wrong password!"), ("nobody@example.org", GOOD)]
)
def test_failed_sign_in_gets_one_generic_message(session, email, password):
    register(session)
    result = sign_in(session=session, email=email, password=password, now=NOW)
    assert result == SignInResult(
        message="Email or password not recognised. Check both and try again."
    )


def test_repeated_failures_make_the_account_wait_longer_each_time(session):
    register(session)
    moment, waits = NOW, []
    for _ in range(6):
        sign_in(session=session, email="ada@example.org", password="wrong password!", now=moment)
        locked_until = find_user_by_email(session, "ada@example.org").locked_until
        waits.append(locked_until - moment if locked_until else timedelta(0))
        moment = locked_until or moment
    assert waits[:2] == [timedelta(0), timedelta(0)]
    assert timedelta(0) < waits[2] < waits[3] < waits[4] < waits[5]
    during = sign_in(
        session=session, email="ada@example.org", password=GOOD, now=moment - timedelta(seconds=1)
    )
    assert during.user is None and "Too many attempts" in during.message
    after = sign_in(session=session, email="ada@example.org", password=GOOD, now=moment)
    assert after.user is not None
    assert find_user_by_email(session, "ada@example.org").failed_sign_ins == 0


def test_demo_accounts_cannot_sign_in_outside_demo_mode(session, monkeypatch):
    register(session)
    find_user_by_email(session, "ada@example.org").is_demo = True
    assert sign_in(session=session, email="ada@example.org", password=GOOD, now=NOW).user is None
    monkeypatch.setenv("CIVIC_DEMO_MODE", "true")
    from civic_challenge.config import get_settings

    get_settings.cache_clear()
    assert (
        sign_in(session=session, email="ada@example.org", password=GOOD, now=NOW).user is not None
    )


def test_changing_password_needs_the_current_one(session):
    user = register(session)
    with pytest.raises(InvalidInput) as refused:
        change_password(
            session=session,
            actor=user,
            current="not it at all",
            new="a new long one",
            repeat="a new long one",
        )
    assert "current password is not right" in refused.value.problems["current"][0]
    change_password(
        session=session, actor=user, current=GOOD, new="a new long one", repeat="a new long one"
    )
    assert sign_in(session=session, email=user.email, password=GOOD, now=NOW).user is None
    assert sign_in(session=session, email=user.email, password="a new long one", now=NOW).user


def test_a_new_password_follows_the_same_rules(session):
    user = register(session)
    with pytest.raises(InvalidInput) as refused:
        change_password(session=session, actor=user, current=GOOD, new="short", repeat="short")
    assert "at least 10" in refused.value.problems["new"][0]
