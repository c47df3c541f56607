"""Invites (one-time, expiring) and the People page's actions, including who may not do them."""

from datetime import UTC, datetime, timedelta

import pytest

from civic_challenge.db.accounts import count_users, find_user_by_email
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView, create_organiser, register_applicant
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.invites import (
    InviteInvalid,
    accept_invite,
    create_invite,
    describe_invite,
)
from civic_challenge.services.people import deactivate_user, list_open_invites, list_people
from civic_challenge.services.sessions import sign_in, user_for_token

NOW = datetime(2018, 6, 20, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def organiser(session) -> UserView:
    return create_organiser(session=session, email="olu@example.org", name="Olu", password=PASSWORD)


@pytest.fixture
def applicant(session) -> UserView:
    return register_applicant(
        session=session, email="ada@example.org", name="Ada", password=PASSWORD, repeat=PASSWORD
    )


def invite(session, organiser, email="jo@example.org", role=Role.JUDGE, now=NOW):
    return create_invite(session=session, actor=organiser, email=email, role=role, now=now)


def accept(session, token, now=NOW, name="Jo Judge"):
    return accept_invite(
        session=session, token=token, name=name, password=PASSWORD, repeat=PASSWORD, now=now
    )


def test_an_invited_judge_joins_with_the_invited_email_and_role(session, organiser):
    token = invite(session, organiser, email="Jo@Example.org")
    assert describe_invite(session=session, token=token, now=NOW).role is Role.JUDGE
    judge = accept(session, token)
    assert (judge.email, judge.role) == ("jo@example.org", Role.JUDGE)
    assert sign_in(session=session, email="jo@example.org", password=PASSWORD, now=NOW).user
    assert find_user_by_email(session, "jo@example.org").email_verified_at == NOW


@pytest.mark.parametrize(
    ("how", "message"),
    [("used", "already been used"), ("expired", "has expired"), ("forged", "not valid")],
)
def test_a_used_expired_or_forged_invite_is_refused(session, organiser, how, message):
    token = invite(session, organiser)
    when = NOW
    if how == "used":
        accept(session, token)
    elif how == "expired":
        when = NOW + timedelta(days=7, seconds=1)
    else:
        token = token[:-2] + "zz"
    users_before = count_users(session)
    with pytest.raises(InviteInvalid, match=message):
        accept(session, token, now=when, name="Someone Else")
    assert count_users(session) == users_before


def test_a_bad_password_on_accepting_leaves_the_invite_usable(session, organiser):
    token = invite(session, organiser)
    with pytest.raises(InvalidInput):
        accept_invite(
            session=session, token=token, name="Jo", password="short", repeat="short", now=NOW
        )
    assert accept(session, token).role is Role.JUDGE


@pytest.mark.parametrize(
    ("email", "role", "field"),
    [
        ("not an email", Role.JUDGE, "email"),
        ("ada@example.org", Role.JUDGE, "email"),
        ("new@example.org", Role.APPLICANT, "role"),
    ],
)
def test_bad_invites_are_refused(session, organiser, applicant, email, role, field):
    with pytest.raises(InvalidInput) as refused:
        invite(session, organiser, email=email, role=role)
    assert refused.value.problems[field]
    assert list_open_invites(session=session, actor=organiser, now=NOW).empty


@pytest.mark.parametrize("action", ["invite", "list", "deactivate"])
def test_only_organisers_manage_people(session, organiser, applicant, action):
    with pytest.raises(PermissionDenied):
        if action == "invite":
            invite(session, applicant)
        elif action == "list":
            list_people(session=session, actor=applicant)
        else:
            deactivate_user(session=session, actor=applicant, user_id=organiser.id)


def test_a_judge_cannot_invite_either(session, organiser):
    judge = accept(session, invite(session, organiser))
    with pytest.raises(PermissionDenied, match="Only organisers"):
        invite(session, judge, email="other@example.org")


def test_deactivating_a_user_ends_their_sessions_and_sign_in(session, organiser, applicant):
    token = sign_in(session=session, email="ada@example.org", password=PASSWORD, now=NOW).token
    deactivate_user(session=session, actor=organiser, user_id=applicant.id)
    assert user_for_token(session=session, token=token, now=NOW) is None
    assert (
        sign_in(session=session, email="ada@example.org", password=PASSWORD, now=NOW).user is None
    )
    assert not find_user_by_email(session, "ada@example.org").is_active


def test_an_organiser_cannot_deactivate_themselves(session, organiser):
    with pytest.raises(ServiceError, match="your own account"):
        deactivate_user(session=session, actor=organiser, user_id=organiser.id)


def test_people_lists_everyone_without_secrets(session, organiser, applicant):
    people = list_people(session=session, actor=organiser)
    assert set(people["email"]) == {"olu@example.org", "ada@example.org"}
    assert "password_hash" not in people.columns
