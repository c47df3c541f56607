"""Online backup of a SQLite database: a consistent copy while the app keeps running.

PostgreSQL has its own tool for this (pg_dump); this module refuses it rather than pretend.
"""

import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url


def backup_sqlite(engine_or_url: Engine | str, destination: Path) -> Path:
    """Copy the SQLite database to `destination`, which must not exist yet; return its path.

    sqlite3's backup API copies page by page under the database's own locks, so the copy is
    consistent even while other connections write (WAL contents included).
    """
    source = _sqlite_file(engine_or_url)
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(
            f"{destination} already exists; choose a new file name, "
            "so that no earlier backup is overwritten."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(destination)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    finally:
        reader.close()
    return destination


def _sqlite_file(engine_or_url: Engine | str) -> Path:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    if url.get_backend_name() != "sqlite":
        raise ValueError(
            f"Online backup works for SQLite only, and this database is {url.get_backend_name()}; "
            "back up PostgreSQL with pg_dump instead "
            "(for example: pg_dump -Fc -f civic.dump DATABASE_NAME)."
        )
    if not url.database or url.database == ":memory:":
        raise ValueError("This SQLite database lives in memory only; there is no file to back up.")
    source = Path(url.database)
    if not source.is_file():
        raise FileNotFoundError(f"There is no database file at {source} to back up.")
    return source


def restore_sqlite(database_url: str, source: Path, *, force: bool = False) -> None:
    """Replace the SQLite database's contents by the backup's.

    Refused while the database looks in use (its -wal or -shm file is there: an app process
    holds it open, or did not close cleanly) unless `force`. The backup is checked first, and
    sqlite3's backup API writes it under the database's own locks, so a reader never sees a
    half-restored file.
    """
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"There is no backup file at {source}.")
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ValueError("Restore into SQLite needs a SQLite database file.")
    target = Path(url.database)
    in_use = [p for p in (Path(f"{target}-wal"), Path(f"{target}-shm")) if p.exists()]
    if in_use and not force:
        raise FileExistsError(
            f"{target} looks in use ({in_use[0].name} is there): stop the app first, then "
            "restore again. If the app is stopped and this is left over, add --force."
        )
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _check_backup(reader, source)
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = sqlite3.connect(target, timeout=30)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def _check_backup(reader: sqlite3.Connection, source: Path) -> None:
    try:
        healthy = reader.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise ValueError(f"{source} is not a SQLite database ({error}).") from error
    if not healthy or "alembic_version" not in tables:
        raise ValueError(f"{source} is not a Civic Challenge backup (or it is damaged).")


def backend_of(database_url: str) -> str:
    """'sqlite' or 'postgresql' (or whatever else the URL names)."""
    return make_url(database_url).get_backend_name()
