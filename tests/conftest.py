"""Shared fixtures: a fresh, migrated database per test, on SQLite always and PostgreSQL when set.

SQLite tests copy a file migrated once per run; PostgreSQL tests share one database migrated once
per run and emptied before each test. CI sets CIVIC_TEST_POSTGRES_URL and CI=true: there a missing
PostgreSQL fails the run instead of skipping.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.db.engine import make_engine
from civic_challenge.db.migrate import migrate_to_head
from civic_challenge.db.schema import empty_all_tables

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("CIVIC_TEST_POSTGRES_URL", "")


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts from the default settings; tests change them with monkeypatch.setenv."""
    for name in list(os.environ):
        if name.startswith("CIVIC_") and name != "CIVIC_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "civic.db"
    engine = make_engine(_sqlite_url(path))
    migrate_to_head(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    if not POSTGRES_URL:
        no_postgres = "CIVIC_TEST_POSTGRES_URL is not set: PostgreSQL tests need a database"
        if IN_CI:
            pytest.fail(no_postgres)
        pytest.skip(no_postgres)
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrate_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database: each test gets its own."""
    if request.param == "postgres":
        pg = request.getfixturevalue("postgres_engine")
        empty_all_tables(pg)
        yield pg
        return
    path = tmp_path / "civic.db"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    sqlite = make_engine(_sqlite_url(path))
    yield sqlite
    sqlite.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    """For the few tests about SQLite itself (pragmas, backup)."""
    path = tmp_path / "civic.db"
    shutil.copyfile(sqlite_template, path)
    sqlite = make_engine(_sqlite_url(path))
    yield sqlite
    sqlite.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as db_session:
        yield db_session


_outcomes: dict[str, dict[str, int]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count outcomes per tier marker, so a run shows how many PostgreSQL and browser tests ran."""
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        tiers = [m for m in ("postgres", "e2e") if m in report.keywords] or ["other"]
        for tier in tiers:
            counts = _outcomes.setdefault(tier, {})
            counts[report.outcome] = counts.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if not _outcomes:
        return
    terminalreporter.section("tests per tier")
    for tier, counts in sorted(_outcomes.items()):
        line = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        terminalreporter.write_line(f"{tier}: {line}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI no PostgreSQL or browser test may be skipped: a skipped one proves nothing."""
    skipped = sum(_outcomes.get(tier, {}).get("skipped", 0) for tier in ("postgres", "e2e"))
    if IN_CI and skipped and exitstatus == 0:
        session.exitstatus = 1
