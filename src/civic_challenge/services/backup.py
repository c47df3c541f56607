"""Backing up the database from the command line."""

from pathlib import Path

from civic_challenge.db.backup import backup_sqlite


def backup_database(database_url: str, destination: Path) -> Path:
    """An online copy of a SQLite database; refuses to overwrite. PostgreSQL: use pg_dump."""
    return backup_sqlite(database_url, destination)
