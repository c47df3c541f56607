"""Whole-schema operations for tests and tools: list tables, empty them."""

from sqlalchemy import Engine, text
from sqlmodel import SQLModel

import civic_challenge.db.models  # noqa: F401  (registers every table)


def empty_all_tables(engine: Engine) -> None:
    """Delete every row, children first; on PostgreSQL also restart the id sequences."""
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in tables:
            connection.execute(table.delete())
