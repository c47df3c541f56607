"""Sign-in sessions: a random token in the browser's cookie, only its SHA-256 in the database."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from civic_challenge.config import get_settings
from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.models import User, UserSession
from civic_challenge.services.accounts import (
    SignInRefused,
    UserView,
    check_credentials,
    token_hash,
)

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["SignInResult", "sign_in", "sign_out", "start_session", "token_hash", "user_for_token"]

TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SignInResult:
    """Either a user and the token for their cookie, or the message to show."""

    user: UserView | None = None
    token: str | None = None
    message: str = ""


def sign_in(
    *, session: Session, email: str, password: str, now: datetime, source: str | None = None
) -> SignInResult:
    """Check the credentials and open a session. Commit whatever the result: failures count.

    `source` is the address the attempt came from (None when unknown)."""
    settings = get_settings()
    try:
        user = check_credentials(
            session=session,
            email=email,
            password=password,
            now=now,
            demo_mode=settings.demo_mode,
            source=source,
        )
    except SignInRefused as refused:
        return SignInResult(message=str(refused))
    return SignInResult(user=user, token=start_session(session=session, user_id=user.id, now=now))


def start_session(*, session: Session, user_id: int, now: datetime) -> str:
    settings = get_settings()
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=token_hash(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
        )
    )
    db_accounts.delete_expired_sessions(session, now)
    return token


@dataclass(frozen=True)
class TokenCheck:
    """Who a token signs in, read without writing; `needs_write` when `user_for_token` must run
    in a transaction: to touch the session (at most once a minute) or to delete a dead one."""

    user: UserView | None
    needs_write: bool = False


def check_token(*, session: Session, token: str, now: datetime) -> TokenCheck:
    """The read-only half of `user_for_token`, for every rerun: most reruns need no write."""
    row, user = _lookup(session, token)
    if row is None:
        return TokenCheck(None)
    if _dead(row, user, now):
        return TokenCheck(None, needs_write=True)
    return TokenCheck(UserView.of(user), needs_write=now - row.last_seen_at > TOUCH_EVERY)


def user_for_token(*, session: Session, token: str, now: datetime) -> UserView | None:
    """The signed-in user for a cookie token, or None when forged, expired, idle or deactivated.
    Deletes a dead session and touches a live one (at most once a minute)."""
    row, user = _lookup(session, token)
    if row is None:
        return None
    if _dead(row, user, now):
        session.delete(row)
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
    return UserView.of(user)


def _lookup(session: Session, token: str) -> tuple[UserSession | None, User | None]:
    if not token or len(token) > 200:
        return None, None
    row = db_accounts.find_session(session, token_hash(token))
    if row is None:
        return None, None
    return row, db_accounts.get_user(session, row.user_id)


def _dead(row: UserSession, user: User | None, now: datetime) -> bool:
    idle_limit = timedelta(minutes=get_settings().session_idle_minutes)
    return (
        user is None
        or not user.is_active
        or row.expires_at <= now
        or now - row.last_seen_at > idle_limit
    )


def sign_out(*, session: Session, token: str) -> None:
    db_accounts.delete_session(session, token_hash(token))
