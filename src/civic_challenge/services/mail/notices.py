"""Messages about accounts (confirm an email, already registered, reset a password, invites),
queued in the unit of work of the action that causes them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from civic_challenge.config import get_settings
from civic_challenge.domain.proposals import deadline_words
from civic_challenge.domain.terms import TokenPurpose
from civic_challenge.services.account_tokens import issue_token
from civic_challenge.services.accounts import UserView
from civic_challenge.services.mail.links import page_link
from civic_challenge.services.mail.outbox import queue_message

if TYPE_CHECKING:
    from sqlmodel import Session

    from civic_challenge.db.models import User

VERIFY_HOURS = 48
ROLE_WORDS = {"judge": "a judge", "organiser": "an organiser", "applicant": "a co-applicant"}


def queue_verification(
    session: Session, user: UserView, base_url: str | None, now: datetime
) -> None:
    token = issue_token(
        session, user.id, TokenPurpose.VERIFY_EMAIL, timedelta(hours=VERIFY_HOURS), now
    )
    queue_message(
        session,
        to=user.email,
        user_id=user.id,
        template="verify_email",
        context={
            "name": user.name,
            "link": page_link(base_url, "verify_email", token=token) or f"token {token}",
            "hours": VERIFY_HOURS,
        },
        now=now,
    )


def queue_already_registered(
    session: Session, user: User, base_url: str | None, now: datetime
) -> None:
    queue_message(
        session,
        to=user.email,
        user_id=user.id,
        template="already_registered",
        context={
            "name": user.name,
            "sign_in_link": page_link(base_url, "sign_in") or "the Sign in page",
            "forgot_link": page_link(base_url, "forgot_password") or "the Sign in page",
        },
        now=now,
    )


def queue_password_reset(session: Session, user: User, base_url: str | None, now: datetime) -> None:
    assert user.id is not None
    minutes = get_settings().reset_minutes
    token = issue_token(
        session, user.id, TokenPurpose.RESET_PASSWORD, timedelta(minutes=minutes), now
    )
    queue_message(
        session,
        to=user.email,
        user_id=user.id,
        template="password_reset",
        context={
            "name": user.name,
            "link": page_link(base_url, "reset_password", token=token) or f"token {token}",
            "minutes": minutes,
        },
        now=now,
    )


def queue_invite(
    session: Session,
    *,
    email: str,
    role: str,
    link: str,
    inviter: str,
    organisation: str | None,
    expires_at: datetime,
    now: datetime,
) -> None:
    queue_message(
        session,
        to=email,
        template="invite",
        context={
            "role_words": ROLE_WORDS[role],
            "link": link,
            "inviter": inviter,
            "organisation": organisation,
            "expires": deadline_words(expires_at) + " (London time)",
        },
        now=now,
    )
