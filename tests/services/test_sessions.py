"""Sign-in sessions: survive as long as they should, and not a moment longer."""

from datetime import UTC, datetime, timedelta

import pytest

from civic_challenge.db.accounts import find_session
from civic_challenge.services.accounts import register_applicant
from civic_challenge.services.sessions import (
    TOUCH_EVERY,
    check_token,
    sign_in,
    sign_out,
    token_hash,
    user_for_token,
)

NOW = datetime(2018, 6, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def signed_in(session):
    register_applicant(
        session=session,
        email="ada@example.org",
        name="Ada",
        password="correct horse battery",
        repeat="correct horse battery",
    )
    result = sign_in(
        session=session, email="ada@example.org", password="correct horse battery", now=NOW
    )
    return result.user, result.token


def test_only_the_hash_of_the_token_is_stored(session, signed_in):
    _, token = signed_in
    assert find_session(session, token) is None
    assert find_session(session, token_hash(token)) is not None


def test_the_token_finds_its_user_until_idle_too_long(session, signed_in):
    user, token = signed_in
    assert user_for_token(session=session, token=token, now=NOW + timedelta(minutes=119)) == user
    later = NOW + timedelta(minutes=119) + timedelta(minutes=121)
    assert user_for_token(session=session, token=token, now=later) is None
    assert find_session(session, token_hash(token)) is None


def test_activity_keeps_a_session_alive_but_not_past_its_absolute_limit(session, signed_in):
    user, token = signed_in
    moment = NOW
    for _ in range(11):
        moment += timedelta(hours=1)
        assert user_for_token(session=session, token=token, now=moment) == user
    assert user_for_token(session=session, token=token, now=NOW + timedelta(hours=12)) is None


@pytest.mark.parametrize("forged", ["", "x", "a" * 43, "a" * 5000, "<script>", "' OR 1=1 --"])
def test_a_forged_or_tampered_token_signs_nobody_in(session, signed_in, forged):
    assert user_for_token(session=session, token=forged, now=NOW) is None


def test_a_token_altered_by_one_character_signs_nobody_in(session, signed_in):
    _, token = signed_in
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert user_for_token(session=session, token=altered, now=NOW) is None


def test_sign_out_deletes_the_session(session, signed_in):
    _, token = signed_in
    sign_out(session=session, token=token)
    assert user_for_token(session=session, token=token, now=NOW) is None


def test_idle_and_absolute_limits_come_from_settings(session, signed_in, monkeypatch):
    from civic_challenge.config import get_settings

    monkeypatch.setenv("CIVIC_SESSION_IDLE_MINUTES", "5")
    get_settings.cache_clear()
    _, token = signed_in
    assert user_for_token(session=session, token=token, now=NOW + timedelta(minutes=6)) is None


def _last_seen(session, token):
    session.expire_all()
    return find_session(session, token_hash(token)).last_seen_at


def test_checking_a_live_token_writes_nothing_until_a_touch_is_due(session, signed_in):
    user, token = signed_in
    session.commit()
    soon = NOW + TOUCH_EVERY
    check = check_token(session=session, token=token, now=soon)
    assert check.user == user
    assert not check.needs_write
    assert not (session.new or session.dirty or session.deleted)
    assert _last_seen(session, token) == NOW
    later = soon + timedelta(seconds=1)
    assert check_token(session=session, token=token, now=later).needs_write
    assert not (session.new or session.dirty or session.deleted)
    assert user_for_token(session=session, token=token, now=later) == user
    session.commit()
    assert _last_seen(session, token) == later
    assert not check_token(session=session, token=token, now=later).needs_write


def test_checking_a_dead_token_signs_nobody_in_and_asks_for_its_deletion(session, signed_in):
    _, token = signed_in
    session.commit()
    idle = NOW + timedelta(minutes=121)
    check = check_token(session=session, token=token, now=idle)
    assert check.user is None
    assert check.needs_write
    assert find_session(session, token_hash(token)) is not None
    assert user_for_token(session=session, token=token, now=idle) is None
    assert find_session(session, token_hash(token)) is None


@pytest.mark.parametrize("forged", ["", "x", "a" * 5000, "' OR 1=1 --"])
def test_checking_a_forged_token_signs_nobody_in_and_needs_no_write(session, signed_in, forged):
    check = check_token(session=session, token=forged, now=NOW)
    assert check.user is None
    assert not check.needs_write


def test_checking_a_signed_out_token_signs_nobody_in(session, signed_in):
    _, token = signed_in
    sign_out(session=session, token=token)
    assert check_token(session=session, token=token, now=NOW).user is None
