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
