"""Column shapes shared by the tables: timezone-aware timestamps and pence."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(*, nullable: bool = False, **kwargs: Any) -> Any:
    """A timezone-aware UTC timestamp column."""
    if nullable:
        kwargs.setdefault("default", None)
    return Field(sa_type=DateTime(timezone=True), nullable=nullable, **kwargs)


def created_at() -> Any:
    return timestamp(default_factory=utc_now)


def pence(*, nullable: bool = False, **kwargs: Any) -> Any:
    """Money in integer pence, 64-bit: a turnover ceiling of GBP 50m does not fit 32 bits."""
    if nullable:
        kwargs.setdefault("default", None)
    return Field(sa_type=BigInteger, nullable=nullable, **kwargs)
