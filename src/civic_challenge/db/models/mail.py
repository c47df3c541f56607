"""Email: the outbox (every message is a row before it is sent), one-time account tokens, and
the sign-in throttle counters."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import created_at, timestamp
from civic_challenge.domain.terms import MailState, TokenPurpose, sql_in


class OutboxMessage(SQLModel, table=True):
    """Rendered when queued, so what an organiser reads is exactly what is sent."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        CheckConstraint(sql_in(MailState, "state"), name="state_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_outbox_message_state_next_attempt_at", "state", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=254)
    user_id: int | None = Field(
        default=None, foreign_key="app_user.id", index=True, ondelete="SET NULL"
    )
    template: str = Field(max_length=50)
    subject: str = Field(max_length=300)
    body_text: str = Field(sa_type=Text)
    body_html: str = Field(sa_type=Text)
    attachment_name: str | None = Field(default=None, max_length=200)
    attachment_type: str | None = Field(default=None, max_length=100)
    attachment: bytes | None = Field(default=None, sa_type=LargeBinary)
    state: str = Field(max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = timestamp()
    claimed_until: datetime | None = timestamp(nullable=True)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_at()
    sent_at: datetime | None = timestamp(nullable=True)


class AccountToken(SQLModel, table=True):
    """A one-time link (confirm an email, reset a password): only the token's SHA-256 is kept."""

    __tablename__ = "account_token"
    __table_args__ = (CheckConstraint(sql_in(TokenPurpose, "purpose"), name="purpose_known"),)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=20)
    created_at: datetime = created_at()
    expires_at: datetime = timestamp()
    used_at: datetime | None = timestamp(nullable=True)


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins counted per key: an email with a source address, or a source alone.

    Keys are hashed so the table does not list who tried which address from where."""

    __tablename__ = "sign_in_throttle"
    __table_args__ = (CheckConstraint("failures >= 0", name="failures_not_negative"),)

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(max_length=64, unique=True)
    failures: int = 0
    locked_until: datetime | None = timestamp(nullable=True)
    updated_at: datetime = timestamp()
