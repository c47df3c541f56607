"""Alembic environment: one metadata (SQLModel's), batch mode for SQLite."""

from alembic import context
from sqlmodel import SQLModel

import civic_challenge.db.models  # noqa: F401  (registers every table)
from civic_challenge.config import get_settings
from civic_challenge.db.engine import make_engine
from civic_challenge.db.models.columns import UTCDateTime

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):  # type: ignore[no-untyped-def]
    """Write our UTC timestamp type as the plain column type it stores as."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = make_engine(url)
    with engine.begin() as own_connection:
        run_with(own_connection)
    engine.dispose()


run_migrations_online()
