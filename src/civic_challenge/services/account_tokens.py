"""One-time links for confirming an email and resetting a password: a random token in the link,
only its SHA-256 stored, a short life, spent on first use."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.models import AccountToken
from civic_challenge.domain.terms import TokenPurpose
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.sessions import token_hash

if TYPE_CHECKING:
    from sqlmodel import Session

MAX_TOKEN_LENGTH = 200


class LinkInvalid(ServiceError):
    """The link is unknown, used or expired."""


def issue_token(
    session: Session, user_id: int, purpose: TokenPurpose, lifetime: timedelta, now: datetime
) -> str:
    """A new link's token; earlier unused links of the same purpose stop working."""
    db_accounts.spend_open_tokens(session, user_id, purpose.value, now)
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            token_hash=token_hash(token),
            user_id=user_id,
            purpose=purpose.value,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def spend_token(session: Session, token: str, purpose: TokenPurpose, now: datetime) -> int:
    """The user the link is for, marking it used; LinkInvalid with what to do otherwise."""
    row = None
    if 0 < len(token) <= MAX_TOKEN_LENGTH:
        row = db_accounts.find_account_token(session, token_hash(token), purpose.value)
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise LinkInvalid(_refusal(purpose))
    row.used_at = now
    return row.user_id


def peek_token(session: Session, token: str, purpose: TokenPurpose, now: datetime) -> bool:
    """Whether the link would work now (without spending it)."""
    if not 0 < len(token) <= MAX_TOKEN_LENGTH:
        return False
    row = db_accounts.find_account_token(session, token_hash(token), purpose.value)
    return row is not None and row.used_at is None and row.expires_at > now


def _refusal(purpose: TokenPurpose) -> str:
    if purpose is TokenPurpose.RESET_PASSWORD:
        return (
            "This link to choose a new password has expired or was already used. "
            "Ask for a new one from the Sign in page (Forgot your password?)."
        )
    return (
        "This link to confirm your email has expired or was already used. "
        "If you have not confirmed it yet, ask for a new link on the Your account page."
    )
