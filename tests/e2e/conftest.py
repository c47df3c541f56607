"""The real-browser tier: the app served by `streamlit run`, driven by Debian's Chromium.

One server per test run, on a temporary SQLite database that already holds the first organiser.
Each test gets fresh browser contexts (so fresh cookies); every request they make is recorded; a
failing test leaves screenshots in test-results/e2e/.

Fixture names differ from pytest-playwright's (`page`, `browser`, ...), which would try to launch
a downloaded browser.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e_support import TIMEOUT_MS, RequestLog
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from civic_challenge.services.accounts import create_organiser
from civic_challenge.services.database import open_database, transaction

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
STARTUP_SECONDS = 60
ORGANISER_EMAIL = "organiser@example.org"
ORGANISER_NAME = "Olive Organiser"
ORGANISER_PASSWORD = "correct horse battery"
REPORT_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives a real browser: mark it `e2e` (select with -m e2e)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator:
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    item.stash.setdefault(REPORT_KEY, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = "Debian's Chromium is not installed (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


@dataclass(frozen=True)
class Organiser:
    email: str
    name: str
    password: str


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file holding the first organiser (created as the CLI would)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    engine = open_database(url)
    try:
        with transaction(engine) as session:
            create_organiser(session=session, email=ORGANISER_EMAIL, name=ORGANISER_NAME,
                             password=ORGANISER_PASSWORD)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def organiser(database_url: str) -> Organiser:
    return Organiser(email=ORGANISER_EMAIL, name=ORGANISER_NAME, password=ORGANISER_PASSWORD)


@pytest.fixture(scope="session")
def app_url(
    chromium_path: Path, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app served by `streamlit run` on a free local port, stopped at the end of the run."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVIC_")}
    env["CIVIC_DATABASE_URL"] = database_url
    log_dir = tmp_path_factory.mktemp("server")
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]  # fmt: skip
    with (
        open(log_dir / "stdout.log", "wb") as stdout,
        open(log_dir / "stderr.log", "wb") as stderr,
    ):
        server = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=stdout, stderr=stderr, start_new_session=True
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _healthy(url):
                if server.poll() is not None or time.monotonic() > deadline:
                    state = "exited" if server.poll() is not None else "did not answer"
                    log = (log_dir / "stderr.log").read_text(errors="replace")
                    pytest.fail(f"streamlit {state} within {STARTUP_SECONDS} s:\n{log}")
                time.sleep(0.2)
            yield url
        finally:
            _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    server.wait()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    driver = sync_playwright().start()
    try:
        yield driver
    finally:
        driver.stop()


@pytest.fixture(scope="session")
def chromium_browser(playwright_driver: Playwright, chromium_path: Path) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Visitor:
    """One person's browser: a context (its own cookies), its pages and every request it made."""

    context: BrowserContext
    requests: RequestLog

    def new_page(self) -> Page:
        page = self.context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        return page


@pytest.fixture
def new_visitor(
    chromium_browser: Browser, app_url: str, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Visitor]]:
    """Make fresh browser contexts; on failure, screenshot every open page, then close them."""
    visitors: list[Visitor] = []

    def make() -> Visitor:
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
        visitor = Visitor(context=context, requests=RequestLog())
        context.on("request", visitor.requests.record)
        visitors.append(visitor)
        return visitor

    yield make

    reports = request.node.stash.get(REPORT_KEY, {})
    failed = any(report.failed for report in reports.values())
    try:
        if failed:
            _screenshots(request.node, visitors)
    finally:
        for visitor in visitors:
            visitor.context.close()


def _screenshots(item: pytest.Item, visitors: list[Visitor]) -> None:
    folder = item.config.rootpath / "test-results" / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", item.name)
    pages = [page for visitor in visitors for page in visitor.context.pages]
    for number, page in enumerate(pages):
        suffix = "" if number == 0 else f"-{number + 1}"
        try:
            page.screenshot(path=folder / f"{stem}{suffix}.png", full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            print(f"could not save a screenshot of {page.url}: {error}")


@pytest.fixture
def visitor(new_visitor: Callable[[], Visitor]) -> Visitor:
    return new_visitor()


@pytest.fixture
def new_page(visitor: Visitor) -> Page:
    """A page in a fresh browser context (no cookies yet)."""
    return visitor.new_page()
