"""What the failure drills share: the rows they read, a small file system of their own, and
watching a PostgreSQL backend wait for a lock the test holds."""

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect
from private_postgres import PrivatePostgres
from proxy_support import missing
from sqlalchemy import Connection, create_engine, text


def autosaved(database_url: str, typed: str) -> bool:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            payloads = connection.execute(text("SELECT payload FROM autosave")).scalars()
            return any(typed in payload for payload in payloads)
    finally:
        engine.dispose()


def reviews(database_url: str) -> list[tuple]:
    """(state, total, number of scores) of every review."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [
                tuple(row)
                for row in connection.execute(
                    text(
                        "SELECT r.state, r.total, COUNT(s.id) FROM review r "
                        "LEFT JOIN review_score s ON s.review_id = r.id "
                        "GROUP BY r.id, r.state, r.total ORDER BY r.id"
                    )
                )
            ]
    finally:
        engine.dispose()


@contextmanager
def private_database(postgres: PrivatePostgres) -> Iterator[str]:
    """A database `civic` on the private server; yields its URL."""
    admin = create_engine(postgres.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE civic"))
    admin.dispose()
    yield postgres.url.rsplit("/", 1)[0] + "/civic"


def comments(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT comment_for_applicant FROM review ORDER BY id")
            return list(connection.execute(query).scalars())
    finally:
        engine.dispose()


@contextmanager
def small_file_system(folder: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of its own (mounting needs root): it can be made read-only, or filled."""
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        missing(f"this drill mounts a small file system, which failed: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


def warm_up(context: BrowserContext, urls: list[str]) -> None:
    """A first page from each process: the first run in a process opens the database, which
    on a busy machine can outlast a click's wait."""
    page = context.new_page()
    for url in urls:
        page.goto(url)
        expect(
            page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")
        ).to_be_attached(timeout=180_000)
        expect(page.get_by_text("Not signed in.")).to_be_visible(timeout=180_000)
    page.close()


def wait_until(page: Page, done, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(480):
        if done():
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"waited two minutes, but not: {what}")


@dataclass(frozen=True)
class Backend:
    pid: int
    state: str
    wait_event_type: str | None
    written: set[str]  # tables it holds a write lock on: rows written, not yet committed


@contextmanager
def table_locked(database_url: str, table: str) -> Iterator[int]:
    """`table` locked against every other transaction until the block ends (then rolled
    back); yields the locking backend's pid."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            connection.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))
            try:
                yield connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            finally:
                transaction.rollback()
    finally:
        engine.dispose()


@contextmanager
def watching(database_url: str) -> Iterator[Connection]:
    """A connection outside any transaction: each query sees the server's activity now (within
    a transaction, PostgreSQL keeps showing its first snapshot of pg_stat_activity)."""
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def blocked_backend(page: Page, watcher: Connection, locker: int) -> Backend:
    """The app's backend waiting for the lock the test holds, and the tables it has written."""
    query = text(
        "SELECT pid, state, wait_event_type FROM pg_stat_activity "
        "WHERE CAST(:locker AS integer) = ANY(pg_blocking_pids(pid))"
    )
    found: list = []

    def blocked() -> bool:
        found[:] = watcher.execute(query, {"locker": locker}).all()
        return bool(found)

    wait_until(page, blocked, "the submit waited for the lock")
    ((pid, state, wait_event_type),) = found
    written = watcher.execute(
        text(
            "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = :pid AND l.granted AND l.mode = 'RowExclusiveLock'"
        ),
        {"pid": pid},
    ).scalars()
    return Backend(pid, state, wait_event_type, set(written))


def backend_alive(watcher: Connection, pid: int) -> bool:
    query = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
    return bool(watcher.execute(query, {"pid": pid}).scalar())


def saved_review(database_url: str) -> list[tuple]:
    """Every review with its version, comment and scores, and its assignment's version."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [
                tuple(row)
                for row in connection.execute(
                    text(
                        "SELECT r.state, r.total, r.version, r.comment_for_applicant, "
                        "a.version, (SELECT string_agg(s.criterion_id || ':' || s.score, ',' "
                        "ORDER BY s.criterion_id) FROM review_score s "
                        "WHERE s.review_id = r.id) FROM review r JOIN assignment a "
                        "ON a.judge_id = r.judge_id AND a.proposal_id = r.proposal_id "
                        "ORDER BY r.id"
                    )
                )
            ]
    finally:
        engine.dispose()


def listening_pid(url: str) -> int:
    port = url.rsplit(":", 1)[1]
    done = subprocess.run(
        ["ss", "-Hltnp", f"sport = :{port}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split("pid=")[1].split(",")[0])
