"""Work in progress saved by itself while a person types: one row per person and form.

Kept apart from the records it belongs to, so autosaving never changes a review's or a
proposal's version (a second tab does not look stale for it) and never changes a submitted one.
"""

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import timestamp


class Autosave(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "form"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    form: str = Field(max_length=60, description="e.g. 'review:12', 'proposal:7', 'proposal:new'")
    base_version: int | None = Field(
        default=None, description="The record's version the form was drawn from"
    )
    payload: str = Field(sa_type=Text, description="The typed values, as JSON")
    saved_at: datetime = timestamp()
