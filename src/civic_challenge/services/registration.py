"""Registering, confirming an email, and recovering a forgotten password.

Each answers the same whether or not an account exists for the email, so nobody can use these
forms to learn who has an account: the owner of an existing account is told by email instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.audit import record_event
from civic_challenge.domain.accounts import email_problems, normalise_email
from civic_challenge.domain.passwords import hash_password
from civic_challenge.domain.terms import Role, TokenPurpose
from civic_challenge.services.account_tokens import peek_token, spend_token
from civic_challenge.services.accounts import (
    UserView,
    create_user,
    new_account_problems,
    set_password,
)
from civic_challenge.services.errors import (
    InvalidInput,
    ServiceError,
    raise_if_problems,
)
from civic_challenge.services.mail.notices import (
    queue_already_registered,
    queue_password_reset,
    queue_verification,
)
from civic_challenge.services.passwords import new_password_problems
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


def register(
    *,
    session: Session,
    email: str,
    name: str,
    password: str,
    repeat: str,
    now: datetime,
    base_url: str | None = None,
) -> None:
    """A new applicant account and a message to confirm its email; for an email that already
    has an account, the same answer and a "you already have an account" message to its owner.
    Returns nothing, so that a page cannot tell the two apart either."""
    raise_if_problems(
        new_account_problems(email=email, name=name, password=password, repeat=repeat)
    )
    existing = db_accounts.find_user_by_email(session, normalise_email(email))
    if existing is not None:
        hash_password(password)  # the same work as creating an account
        queue_already_registered(session, existing, base_url, now)
        return
    user = create_user(
        session=session,
        email=email,
        name=name,
        password=password,
        repeat=repeat,
        role=Role.APPLICANT,
    )
    queue_verification(session, user, base_url, now)


def confirm_email(*, session: Session, token: str, now: datetime) -> str:
    """Mark the link's account confirmed; returns the confirmed email."""
    user_id = spend_token(session, token, TokenPurpose.VERIFY_EMAIL, now)
    user = db_accounts.get_user(session, user_id)
    assert user is not None
    user.email_verified_at = user.email_verified_at or now
    record_event(
        session, actor_id=user.id, action="account.email_confirmed",
        object_type="user", object_id=user.id,
    )  # fmt: skip
    return user.email


def resend_confirmation(
    *, session: Session, actor: UserView | None, now: datetime, base_url: str | None = None
) -> None:
    """A new link to confirm one's own email (the earlier one stops working)."""
    actor = acting(session, actor)
    user = db_accounts.get_user(session, actor.id)
    assert user is not None
    if user.email_verified_at is not None:
        raise ServiceError("Your email address is already confirmed.")
    queue_verification(session, actor, base_url, now)


def request_password_reset(
    *, session: Session, email: str, now: datetime, base_url: str | None = None
) -> None:
    """Send a reset link when an active account has this email; the same answer when not."""
    problems = email_problems(email)
    raise_if_problems({"email": problems})
    user = db_accounts.find_user_by_email(session, normalise_email(email))
    if user is None or not user.is_active or user.is_demo:
        return
    queue_password_reset(session, user, base_url, now)


def reset_link_works(*, session: Session, token: str, now: datetime) -> bool:
    return peek_token(session, token, TokenPurpose.RESET_PASSWORD, now)


def reset_password(
    *, session: Session, token: str, password: str, repeat: str, now: datetime
) -> int:
    """Spend the link, set the password, end every session of the person; returns how many."""
    user_id = spend_token(session, token, TokenPurpose.RESET_PASSWORD, now)
    user = db_accounts.lock_user(session, user_id)
    assert user is not None
    problems = new_password_problems(password, repeat, personal=(user.email, user.name))
    if problems:
        raise InvalidInput({"password": problems})
    return set_password(session, user, password, None, "account.password_reset")
