"""Registering, signing in and changing passwords."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db import throttle as db_throttle
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import SignInThrottle, User
from civic_challenge.domain.accounts import (
    FAILURE_MEMORY,
    FREE_FAILURES,
    SOURCE_FREE_FAILURES,
    email_problems,
    lockout_after,
    name_problems,
    normalise_email,
    throttle_keys,
)
from civic_challenge.domain.passwords import hash_password, verify_password
from civic_challenge.domain.terms import Role
from civic_challenge.services.errors import InvalidInput, ServiceError, raise_if_problems
from civic_challenge.services.passwords import new_password_problems

if TYPE_CHECKING:
    from sqlmodel import Session

SIGN_IN_REFUSED = "Email or password not recognised. Check both and try again."


def token_hash(token: str) -> str:
    """SHA-256 of a secret token or a throttle key: what is stored instead of it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


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


def new_account_problems(*, email: str, name: str, password: str, repeat: str):
    """Every problem with a new account's details, by field, all at once.

    Whether the email already has an account is not among them: saying so would tell anyone
    which emails are registered (see registration.register)."""
    return {
        "email": email_problems(email),
        "name": name_problems(name),
        "password": new_password_problems(password, repeat, personal=(email, name)),
    }


def create_user(*, session: Session, email: str, name: str, password: str, repeat: str, role: Role):
    """A new active account after full validation; the caller commits."""
    problems = new_account_problems(email=email, name=name, password=password, repeat=repeat)
    if not problems["email"] and db_accounts.find_user_by_email(session, normalise_email(email)):
        problems["email"] = ["An account with this email already exists. Sign in instead."]
    raise_if_problems(problems)
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
    """An applicant account, refused for an email already taken: for the command line and
    tests. The Register page uses registration.register, which does not tell."""
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
    *,
    session: Session,
    email: str,
    password: str,
    now: datetime,
    demo_mode: bool,
    source: str | None = None,
) -> UserView:
    """The user whose credentials these are, or SignInRefused.

    Every attempt runs one argon2 verification, known email or not, throttled or not, so the
    answer and its timing say nothing about which emails have accounts. Failures are counted
    per email and source pair and per source (see domain.accounts.throttle_keys); the caller
    commits even on refusal (see sessions.sign_in), so the counts survive.
    """
    pair, from_source = db_throttle.lock_counters(
        session, [token_hash(key) for key in throttle_keys(email, source)], now
    )
    user = db_accounts.find_user_by_email(session, normalise_email(email))
    matched = verify_password(None if user is None else user.password_hash, password)
    waits = [row.locked_until - now for row in (pair, from_source) if _locked(row, now)]
    if waits:
        seconds = int(max(waits).total_seconds()) + 1
        raise SignInRefused(
            f"Too many attempts to sign in. Wait {seconds} seconds, then try again."
        )
    usable = user is not None and user.is_active and not (user.is_demo and not demo_mode)
    if not (matched and usable):
        _count_failure(pair, now, FREE_FAILURES)
        _count_failure(from_source, now, SOURCE_FREE_FAILURES)
        raise SignInRefused()
    assert user is not None
    pair.failures = 0
    pair.locked_until = None
    pair.updated_at = now
    db_throttle.forget_stale(session, now)
    return UserView.of(user)


def _locked(row: SignInThrottle, now: datetime) -> bool:
    return row.locked_until is not None and row.locked_until > now


def _count_failure(row: SignInThrottle, now: datetime, free: int) -> None:
    if row.failures and now - row.updated_at > FAILURE_MEMORY:
        row.failures = 0
    row.failures += 1
    row.updated_at = now
    wait = lockout_after(row.failures, free)
    row.locked_until = now + wait if wait else None


def change_password(
    *,
    session: Session,
    actor: UserView,
    current: str,
    new: str,
    repeat: str,
    keep_session_token: str | None = None,
) -> int:
    """Change the password and end every other session of the person (this one is kept);
    returns how many sessions were ended."""
    from civic_challenge.services.permissions import acting  # permissions imports UserView

    user = db_accounts.lock_user(session, acting(session, actor).id)
    if user is None or not verify_password(user.password_hash, current):
        raise InvalidInput({"current": ["Your current password is not right."]})
    raise_if_problems({"new": new_password_problems(new, repeat, personal=(user.email, user.name))})
    return set_password(session, user, new, keep_session_token, "account.password_changed")


def set_password(
    session: Session, user: User, password: str, keep_token: str | None, action: str
) -> int:
    """Store a new password hash and end the person's sessions (but the one kept)."""
    user.password_hash = hash_password(password)
    user.version += 1
    ended = db_accounts.delete_other_sessions(
        session, user.id, None if keep_token is None else token_hash(keep_token)
    )
    record_event(
        session,
        actor_id=user.id,
        action=action,
        object_type="user",
        object_id=user.id,
        after={"sessions_ended": ended},
    )
    return ended
