"""Registering, signing in and changing passwords: the rules and the refusals."""

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import extract_parameters
from sqlalchemy import select

from civic_challenge.db.accounts import count_users, find_session, find_user_by_email
from civic_challenge.db.models import SignInThrottle
from civic_challenge.domain import passwords
from civic_challenge.domain.accounts import SOURCE_FREE_FAILURES, throttle_keys
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import change_password, register_applicant
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.sessions import SignInResult, sign_in, token_hash

NOW = datetime(2018, 6, 20, 12, 0, tzinfo=UTC)
GOOD = "correct horse battery"
ADA = "ada@example.org"
HOME, ATTACKER = "198.51.100.7", "203.0.113.66"


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
        ("password", {"password": " " * 12}, "only spaces"),
        ("password", {"password": "ada@example.org"}, "your email address or your name"),
        ("password", {"password": "ADA@example.org "}, "your email address or your name"),
        ("password", {"password": "Ada  Lovelace"}, "your email address or your name"),
        ("password", {"name": "Ada Lovelace Smith", "password": "ada lovelace smith"}, "name"),
        ("password", {"password": "civic-demo-2018"}, "commonly used"),
        ("email", {"email": "<script>alert(1)</script>@x.com"}, "name@example.org"),
        ("email", {"email": "ada@localhost"}, "name@example.org"),
        ("email", {"email": "ada lovelace@example.org"}, "name@example.org"),
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


def wait_seconds(session, email, at, source=HOME):
    """How long attempts for this email from this source are held back at `at` (0: not)."""
    waits = []
    for key in throttle_keys(email, source):
        row = session.execute(
            select(SignInThrottle).where(SignInThrottle.key_hash == token_hash(key))
        ).scalar_one_or_none()
        if row is not None and row.locked_until is not None and row.locked_until > at:
            waits.append(int((row.locked_until - at).total_seconds()))
    return max(waits, default=0)


def test_repeated_failures_make_the_pair_wait_longer_each_time(session):
    register(session)
    moment, waits = NOW, []
    for _ in range(6):
        sign_in(session=session, email=ADA, password="wrong password!", now=moment, source=HOME)
        waits.append(wait_seconds(session, ADA, moment))
        moment += timedelta(seconds=waits[-1])
    assert waits[:2] == [0, 0]
    assert 0 < waits[2] < waits[3] < waits[4] < waits[5]
    during = sign_in(
        session=session, email=ADA, password=GOOD, now=moment - timedelta(seconds=1), source=HOME
    )
    assert during.user is None and "Too many attempts" in during.message
    after = sign_in(session=session, email=ADA, password=GOOD, now=moment, source=HOME)
    assert after.user is not None
    assert wait_seconds(session, ADA, moment) == 0  # success clears the pair


def test_an_unknown_email_is_throttled_exactly_like_a_known_one(session):
    register(session)
    answers = {}
    for email in (ADA, "nobody@example.org"):
        answers[email] = [
            sign_in(session=session, email=email, password="wrong password!", now=NOW).message
            for _ in range(5)
        ]
    assert answers[ADA] == answers["nobody@example.org"]
    assert "Too many attempts" in answers[ADA][-1]


def test_failures_from_elsewhere_cannot_lock_the_owner_out(session):
    register(session)
    for n in range(20):
        sign_in(session=session, email=ADA, password=f"guess number {n}", now=NOW, source=ATTACKER)
    assert wait_seconds(session, ADA, NOW, source=ATTACKER) > 0
    owner = sign_in(session=session, email=ADA, password=GOOD, now=NOW, source=HOME)
    assert owner.user is not None


def test_one_source_trying_many_emails_is_slowed_down(session):
    for n in range(SOURCE_FREE_FAILURES):
        sign_in(
            session=session, email=f"p{n}@example.org", password="wrong!!!!!!", now=NOW,
            source=ATTACKER,
        )  # fmt: skip
    assert wait_seconds(session, "fresh@example.org", NOW, source=ATTACKER) > 0
    assert wait_seconds(session, "fresh@example.org", NOW, source=HOME) == 0


def test_every_sign_in_answer_runs_one_argon2_verification_of_the_same_cost(session, monkeypatch):
    """Timing, measured by what runs rather than by a clock: a known email with a wrong password,
    an unknown email and a throttled attempt each verify one argon2id hash with the same
    parameters, so none answers faster than another."""
    register(session)
    stored = find_user_by_email(session, ADA).password_hash
    checked: list[str] = []
    real = passwords._hasher

    class CountingHasher:
        def verify(self, hash_, password):
            checked.append(hash_)
            return real.verify(hash_, password)

    monkeypatch.setattr(passwords, "_hasher", CountingHasher())
    for email, source in [(ADA, HOME), ("nobody@example.org", HOME)] + [(ADA, ATTACKER)] * 6:
        before = len(checked)
        sign_in(session=session, email=email, password="wrong password!", now=NOW, source=source)
        assert len(checked) == before + 1
    assert (
        "Too many attempts"
        in sign_in(session=session, email=ADA, password="x" * 12, now=NOW, source=ATTACKER).message
    )
    assert all(extract_parameters(h) == extract_parameters(stored) for h in checked)
    assert checked[1] != stored  # the unknown email ran against the stand-in hash


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


def test_changing_the_password_ends_every_other_session_and_keeps_this_one(session):
    user = register(session)
    here = sign_in(session=session, email=ADA, password=GOOD, now=NOW).token
    elsewhere = sign_in(session=session, email=ADA, password=GOOD, now=NOW).token
    ended = change_password(
        session=session,
        actor=user,
        current=GOOD,
        new="a new long one",
        repeat="a new long one",
        keep_session_token=here,
    )
    assert ended == 1
    assert find_session(session, token_hash(here)) is not None
    assert find_session(session, token_hash(elsewhere)) is None


@pytest.mark.parametrize(
    "new", ["            ", "ada@example.org", "Ada Lovelace", "civic-demo-2018"]
)
def test_a_changed_password_follows_the_personal_rules_too(session, new):
    user = register(session)
    with pytest.raises(InvalidInput):
        change_password(session=session, actor=user, current=GOOD, new=new, repeat=new)
    assert sign_in(session=session, email=ADA, password=GOOD, now=NOW).user


def test_failures_are_forgotten_after_an_hour_without_any(session):
    register(session)
    for _ in range(3):
        sign_in(session=session, email=ADA, password="wrong password!", now=NOW, source=HOME)
    assert wait_seconds(session, ADA, NOW) > 0
    later = NOW + timedelta(hours=1, seconds=1)
    sign_in(session=session, email=ADA, password="wrong password!", now=later, source=HOME)
    assert wait_seconds(session, ADA, later) == 0  # counting started again
