"""Backup and restore of a PostgreSQL database with its own tools, pg_dump and pg_restore.

A dump in pg_dump's custom format is consistent (one snapshot) while the app keeps running.
pg_restore puts it back in one transaction: it either restores everything or changes nothing.
"""

import glob
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupFailed(Exception):
    """The copy or the restore did not happen; the message says why and what to do."""


def postgres_tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest under /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupFailed(
            f"{name} was not found: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client)."
        )
    return candidates[-1]


def backup_postgres(database_url: str, destination: Path) -> Path:
    """pg_dump in its custom format to `destination`, which must not exist yet."""
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(
            f"{destination} already exists; choose a new file name, "
            "so that no earlier backup is overwritten."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    command = [postgres_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"]
    try:
        _run([*command, _libpq_url(database_url)], "pg_dump")
        partial.rename(destination)  # only a finished dump gets the name asked for
    finally:
        partial.unlink(missing_ok=True)
    return destination


def restore_postgres(database_url: str, source: Path) -> None:
    """Replace the database's contents by the dump's, all in one transaction."""
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"There is no backup file at {source}.")
    lister = [postgres_tool("pg_restore"), "--list", str(source)]
    _run(lister, "pg_restore (reading the backup)")
    command = [
        postgres_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        f"--dbname={_libpq_url(database_url)}",
        str(source),
    ]
    _run(command, "pg_restore")


def _libpq_url(database_url: str) -> str:
    """The URL as libpq reads it (no SQLAlchemy driver name). A password in the URL shows in
    the process list while the tool runs: keep it in ~/.pgpass or PGPASSWORD instead, which
    the tools read themselves."""
    url: URL = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"This is a {url.get_backend_name()} database, not PostgreSQL.")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupFailed(f"{what} failed: {' '.join(detail[-3:]) or 'no message'}")
