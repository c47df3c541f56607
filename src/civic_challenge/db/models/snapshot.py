"""Stored results of heavy computations (the ranking, the dashboard's aggregates), each labelled
with the challenge's data version it was computed from.

Kept in the database, not in one process's memory, so that every app process serving the same
database shows the same snapshot and knows whether it is current; one row per challenge, kind
and parameters, replaced as newer versions are computed.
"""

from datetime import datetime

from sqlalchemy import LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import timestamp


class ResultSnapshot(SQLModel, table=True):
    __tablename__ = "result_snapshot"
    __table_args__ = (UniqueConstraint("challenge_id", "kind", "params"),)

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=40, description="e.g. 'results', 'dashboard'")
    params: str = Field(max_length=500, description="The computation's parameters, as text")
    data_version: int = Field(description="The challenge's data version the payload reflects")
    computed_at: datetime = timestamp()
    payload: bytes = Field(sa_type=LargeBinary, description="The computed value, pickled")
    running_version: int | None = Field(
        default=None, description="The data version a recalculation under way is computing"
    )
    running_since: datetime | None = timestamp(nullable=True)
    failed_version: int | None = Field(
        default=None, description="The data version whose recalculation last failed"
    )
    failure: str | None = Field(default=None, sa_type=Text, description="Why, in plain words")
