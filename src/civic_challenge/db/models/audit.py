"""The append-only audit trail: who did what to which object, with before and after values."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import created_at


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at()
    actor_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    action: str = Field(max_length=60, index=True)
    object_type: str = Field(max_length=40)
    object_id: int | None = None
    before: str | None = Field(default=None, description="JSON")
    after: str | None = Field(default=None, description="JSON")
