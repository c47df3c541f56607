"""Column shapes shared by the tables: timezone-aware timestamps and pence."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out, on every backend.

    SQLite has no time zones and hands back naive values; those are UTC by construction here.
    Naive values are refused on the way in, so local times never sneak into the database.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Timestamps must be timezone-aware (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(*, nullable: bool = False, **kwargs: Any) -> Any:
    """A timezone-aware UTC timestamp column."""
    if nullable:
        kwargs.setdefault("default", None)
    return Field(sa_type=UTCDateTime, nullable=nullable, **kwargs)


def created_at() -> Any:
    return timestamp(default_factory=utc_now)


def pence(*, nullable: bool = False, **kwargs: Any) -> Any:
    """Money in integer pence, 64-bit: a turnover ceiling of GBP 50m does not fit 32 bits."""
    if nullable:
        kwargs.setdefault("default", None)
    return Field(sa_type=BigInteger, nullable=nullable, **kwargs)
