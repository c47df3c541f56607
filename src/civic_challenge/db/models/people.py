"""Accounts: users with one role each, their sign-in sessions, invites and judges' expertise."""

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import created_at, timestamp
from civic_challenge.domain.terms import Role, sql_in


class User(SQLModel, table=True):
    """`email` is stored lower-cased, so the unique key is case-insensitive."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(sql_in(Role, "role"), name="role_known"),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("failed_sign_ins >= 0", name="failures_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=100)
    role: str = Field(max_length=20)
    password_hash: str | None = Field(default=None, max_length=200)
    sso_subject: str | None = Field(default=None, max_length=255, unique=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    is_active: bool = True
    is_demo: bool = False
    failed_sign_ins: int = 0
    locked_until: datetime | None = timestamp(nullable=True)
    email_verified_at: datetime | None = timestamp(nullable=True)
    wants_reminders: bool = True
    created_at: datetime = created_at()
    version: int = 1


class UserSession(SQLModel, table=True):
    """Only the SHA-256 of the cookie's token is stored."""

    __tablename__ = "user_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    created_at: datetime = created_at()
    last_seen_at: datetime = timestamp()
    expires_at: datetime = timestamp()


class Invite(SQLModel, table=True):
    __table_args__ = (CheckConstraint(sql_in(Role, "role"), name="invite_role_known"),)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    email: str = Field(max_length=254)
    role: str = Field(max_length=20)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    created_by_id: int = Field(foreign_key="app_user.id")
    created_at: datetime = created_at()
    expires_at: datetime = timestamp()
    used_at: datetime | None = timestamp(nullable=True)
    used_by_id: int | None = Field(default=None, foreign_key="app_user.id")


class JudgeExpertise(SQLModel, table=True):
    __tablename__ = "judge_expertise"
    __table_args__ = (UniqueConstraint("user_id", "theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
