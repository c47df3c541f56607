"""Backing up and restoring the database from the command line, on SQLite or PostgreSQL."""

from pathlib import Path

from civic_challenge.db.backup import backend_of, backup_sqlite, restore_sqlite
from civic_challenge.db.pg_backup import BackupFailed, backup_postgres, restore_postgres
from civic_challenge.services.errors import ServiceError


def backup_database(database_url: str, destination: Path) -> Path:
    """A consistent copy while the app runs (SQLite's online backup, or pg_dump); never
    overwrites a file."""
    try:
        if backend_of(database_url) == "postgresql":
            return backup_postgres(database_url, destination)
        return backup_sqlite(database_url, destination)
    except BackupFailed as failed:
        raise ServiceError(str(failed)) from failed


def restore_database(database_url: str, source: Path, *, force: bool = False) -> None:
    """Put a backup back (pg_restore --clean in one transaction, or SQLite's backup API);
    a SQLite database in use is refused unless `force`."""
    try:
        if backend_of(database_url) == "postgresql":
            restore_postgres(database_url, source)
        else:
            restore_sqlite(database_url, source, force=force)
    except BackupFailed as failed:
        raise ServiceError(str(failed)) from failed
