"""Registering, signing in and changing passwords."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import User
from civic_challenge.domain.accounts import (
    email_problems,
    lockout_after,
    name_problems,
    normalise_email,
)
from civic_challenge.domain.passwords import hash_password, verify_password
from civic_challenge.domain.terms import Role
from civic_challenge.services.errors import InvalidInput, ServiceError, raise_if_problems
from civic_challenge.services.passwords import new_password_problems

if TYPE_CHECKING:
    from sqlmodel import Session

SIGN_IN_REFUSED = "Email or password not recognised. Check both and try again."


class SignInRefused(ServiceError):
    def __init__(self, message: str = SIGN_IN_REFUSED) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class UserView:
    """What pages may know about a user: no hash, no counters."""

    id: int
    email: str
    name: str
    role: Role
    organisation_id: int | None

    @classmethod
    def of(cls, user: User) -> UserView:
        assert user.id is not None
        return cls(user.id, user.email, user.name, Role(user.role), user.organisation_id)


def new_account_problems(*, session: Session, email: str, name: str, password: str, repeat: str):
    """Every problem with a new account's details, by field, all at once."""
    problems = {
        "email": email_problems(email),
        "name": name_problems(name),
        "password": new_password_problems(password, repeat),
    }
    if not problems["email"] and db_accounts.find_user_by_email(session, normalise_email(email)):
        problems["email"] = ["An account with this email already exists. Sign in instead."]
    return problems


def create_user(*, session: Session, email: str, name: str, password: str, repeat: str, role: Role):
    """A new active account after full validation; the caller commits."""
    raise_if_problems(
        new_account_problems(
            session=session, email=email, name=name, password=password, repeat=repeat
        )
    )
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role.value,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    record_event(
        session,
        actor_id=user.id,
        action="account.created",
        object_type="user",
        object_id=user.id,
        after={"email": user.email, "role": user.role},
    )
    return UserView.of(user)


def register_applicant(*, session: Session, email: str, name: str, password: str, repeat: str):
    return create_user(
        session=session,
        email=email,
        name=name,
        password=password,
        repeat=repeat,
        role=Role.APPLICANT,
    )


def create_organiser(*, session: Session, email: str, name: str, password: str) -> UserView:
    """For the command line: the first organiser cannot be invited by anyone."""
    return create_user(
        session=session,
        email=email,
        name=name,
        password=password,
        repeat=password,
        role=Role.ORGANISER,
    )


def check_credentials(
    *, session: Session, email: str, password: str, now: datetime, demo_mode: bool
) -> UserView:
    """The user whose credentials these are, or SignInRefused with one generic message.

    A failure is counted on the user row before raising: the caller commits even on refusal
    (see sessions.sign_in), so the growing delay survives.
    """
    user = db_accounts.find_user_by_email(session, normalise_email(email))
    if user is not None and user.locked_until is not None and user.locked_until > now:
        seconds = int((user.locked_until - now).total_seconds()) + 1
        raise SignInRefused(
            f"Too many attempts to sign in. Wait {seconds} seconds, then try again."
        )
    if user is None or not verify_password(user.password_hash, password):
        if user is None:
            verify_password(None, password)  # same cost as a wrong password
        else:
            _count_failure(user, now)
        raise SignInRefused()
    if not user.is_active or (user.is_demo and not demo_mode):
        raise SignInRefused()
    user.failed_sign_ins = 0
    user.locked_until = None
    return UserView.of(user)


def _count_failure(user: User, now: datetime) -> None:
    user.failed_sign_ins += 1
    wait = lockout_after(user.failed_sign_ins)
    user.locked_until = now + wait if wait else None


def change_password(
    *, session: Session, actor: UserView, current: str, new: str, repeat: str
) -> None:
    user = db_accounts.lock_user(session, actor.id)
    if user is None or not verify_password(user.password_hash, current):
        raise InvalidInput({"current": ["Your current password is not right."]})
    raise_if_problems({"new": new_password_problems(new, repeat)})
    user.password_hash = hash_password(new)
    user.version += 1
    record_event(
        session,
        actor_id=actor.id,
        action="account.password_changed",
        object_type="user",
        object_id=actor.id,
    )
