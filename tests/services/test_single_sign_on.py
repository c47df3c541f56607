"""Single sign-on signs people into accounts that exist, and no one else."""

from datetime import UTC, datetime

import pytest

from civic_challenge.db.accounts import count_users, find_user_by_email
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import create_user
from civic_challenge.services.people import deactivate_user
from civic_challenge.services.sessions import user_for_token
from civic_challenge.services.single_sign_on import NO_ACCOUNT, sign_in_with_sso

NOW = datetime(2018, 6, 20, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def judge(session):
    return create_user(
        session=session,
        email="jo@city.example",
        name="Jo",
        password=PASSWORD,
        repeat=PASSWORD,
        role=Role.JUDGE,
    )


def sso(session, subject="sub-1", email="jo@city.example", verified=True):
    return sign_in_with_sso(
        session=session, subject=subject, email=email, email_verified=verified, now=NOW
    )


def test_the_first_sign_in_links_the_identity_by_email(session, judge):
    result = sso(session, email="JO@city.example")
    assert result.user == judge
    assert user_for_token(session=session, token=result.token, now=NOW) == judge
    assert find_user_by_email(session, "jo@city.example").sso_subject == "sub-1"


def test_afterwards_the_subject_alone_identifies_the_person(session, judge):
    sso(session)
    assert sso(session, email="changed@elsewhere.example").user == judge


def test_an_unknown_identity_gets_no_account(session, judge):
    result = sso(session, subject="sub-9", email="stranger@city.example")
    assert (result.user, result.message) == (None, NO_ACCOUNT)
    assert count_users(session) == 1


def test_an_unverified_email_is_not_trusted(session, judge):
    assert sso(session, verified=False).user is None
    assert find_user_by_email(session, "jo@city.example").sso_subject is None


def test_an_email_linked_to_another_identity_is_refused(session, judge):
    sso(session, subject="sub-1")
    assert sso(session, subject="sub-2").user is None


def test_a_deactivated_account_cannot_sign_in_by_sso(session, judge):
    organiser = create_user(
        session=session,
        email="olu@city.example",
        name="Olu",
        password=PASSWORD,
        repeat=PASSWORD,
        role=Role.ORGANISER,
    )
    sso(session)
    deactivate_user(session=session, actor=organiser, user_id=judge.id)
    assert sso(session).user is None
