"""Queries about users, their sessions and invites."""

from datetime import datetime

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from civic_challenge.db.models import AccountToken, Invite, User, UserSession


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).scalars().first()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def lock_user(session: Session, user_id: int) -> User | None:
    """The user row, locked for update on PostgreSQL (SQLite already holds the write lock)."""
    return session.exec(select(User).where(User.id == user_id).with_for_update()).scalars().first()


def count_users(session: Session, *, role: str | None = None) -> int:
    query = select(func.count()).select_from(User)
    if role:
        query = query.where(User.role == role)
    return session.exec(query).scalar_one()


def find_session(session: Session, token_hash: str) -> UserSession | None:
    query = select(UserSession).where(UserSession.token_hash == token_hash)
    return session.exec(query).scalars().first()


def delete_session(session: Session, token_hash: str) -> int:
    result = session.exec(delete(UserSession).where(UserSession.token_hash == token_hash))
    return result.rowcount


def delete_sessions_of(session: Session, user_id: int) -> int:
    result = session.exec(delete(UserSession).where(UserSession.user_id == user_id))
    return result.rowcount


def delete_expired_sessions(session: Session, now: datetime) -> int:
    result = session.exec(delete(UserSession).where(UserSession.expires_at < now))
    return result.rowcount


def find_invite(session: Session, token_hash: str) -> Invite | None:
    query = select(Invite).where(Invite.token_hash == token_hash).with_for_update()
    return session.exec(query).scalars().first()


def people_frame(session: Session) -> pd.DataFrame:
    """One row per user, newest first, without any secret column."""
    query = select(
        User.id, User.name, User.email, User.role, User.is_active, User.created_at
    ).order_by(User.created_at.desc(), User.id.desc())
    rows = session.exec(query).all()
    return pd.DataFrame(rows, columns=["id", "name", "email", "role", "is_active", "created_at"])


def open_invites_frame(session: Session, now: datetime) -> pd.DataFrame:
    query = (
        select(Invite.id, Invite.email, Invite.role, Invite.created_at, Invite.expires_at)
        .where(Invite.used_at.is_(None), Invite.expires_at > now)
        .order_by(Invite.created_at.desc())
    )
    rows = session.exec(query).all()
    return pd.DataFrame(rows, columns=["id", "email", "role", "created_at", "expires_at"])


def find_user_by_subject(session: Session, subject: str) -> User | None:
    return session.exec(select(User).where(User.sso_subject == subject)).scalars().first()


def find_account_token(session: Session, token_hash: str, purpose: str) -> AccountToken | None:
    query = (
        select(AccountToken)
        .where(AccountToken.token_hash == token_hash, AccountToken.purpose == purpose)
        .with_for_update()
    )
    return session.exec(query).scalars().first()


def spend_open_tokens(session: Session, user_id: int, purpose: str, now: datetime) -> None:
    """Mark a user's unused links of one purpose used: only the newest link may work."""
    session.exec(
        update(AccountToken)
        .where(
            AccountToken.user_id == user_id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )


def delete_other_sessions(session: Session, user_id: int, keep_token_hash: str | None) -> int:
    query = delete(UserSession).where(UserSession.user_id == user_id)
    if keep_token_hash is not None:
        query = query.where(UserSession.token_hash != keep_token_hash)
    return session.exec(query).rowcount


def expire_open_invites(session: Session, email: str, role: str, now: datetime) -> int:
    """End the open invites of one email and role, so that only the newest link works."""
    result = session.exec(
        update(Invite)
        .where(
            Invite.email == email,
            Invite.role == role,
            Invite.used_at.is_(None),
            Invite.expires_at > now,
        )
        .values(expires_at=now)
    )
    return result.rowcount
