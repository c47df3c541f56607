"""The real-browser tier: the app served by `streamlit run`, driven by Debian's Chromium.

One server per test run, on a temporary SQLite database that already holds the first organiser.
Each test gets fresh browser contexts (so fresh cookies); every request they make is recorded; a
failing test leaves screenshots in test-results/e2e/.

Fixture names differ from pytest-playwright's (`page`, `browser`, ...), which would try to launch
a downloaded browser.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import server_process
from e2e_support import CHALLENGE_NAME, TIMEOUT_MS, RequestLog, open_app
from factories import (
    make_challenge,
    make_criterion,
    make_organisation,
    make_proposal,
    make_statement,
    make_theme,
    make_user,
)
from mail_server import Inbox, MailServer
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from civic_challenge.db.accounts import find_user_by_email
from civic_challenge.db.models import ProposalTheme
from civic_challenge.domain.terms import Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView, create_organiser, create_user
from civic_challenge.services.assignments import add_assignment, publish_assignments
from civic_challenge.services.conflicts import confirm_declaration
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
        no_chromium = "Debian's Chromium is not installed (apt-get install chromium)"
        if IN_CI:
            pytest.fail(no_chromium)
        pytest.skip(no_chromium)
    return CHROMIUM


def free_port() -> int:
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


def make_database(path: Path | str, *, with_challenge: bool) -> str:
    """A migrated SQLite file (or the empty database at a URL given as a string) holding the
    first organiser (created as the CLI would) and, if asked, a challenge with one theme and
    one statement for the landing page to show."""
    url = path if isinstance(path, str) else f"sqlite:///{path}"
    engine = open_database(url)
    try:
        with transaction(engine) as session:
            create_organiser(
                session=session,
                email=ORGANISER_EMAIL,
                name=ORGANISER_NAME,
                password=ORGANISER_PASSWORD,
            )
            if with_challenge:
                challenge = make_challenge(session, name=CHALLENGE_NAME)
                theme = make_theme(
                    session, challenge=challenge, name="Clean air", description="Cleaner air"
                )
                make_statement(
                    session, theme, title="Active travel", partner="Transport for London"
                )
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_database(tmp_path_factory.mktemp("e2e") / "e2e.db", with_challenge=True)


@pytest.fixture(scope="session")
def organiser(database_url: str) -> Organiser:
    return Organiser(email=ORGANISER_EMAIL, name=ORGANISER_NAME, password=ORGANISER_PASSWORD)


@contextmanager
def serve(
    database_url: str,
    log_dir: Path,
    *,
    port: int | None = None,
    extra_args: tuple[str, ...] = (),
    env_extra: dict[str, str] | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` on a (free) local port until the block ends; yields its URL.

    `env_extra` adds environment variables (e.g. CIVIC_NOW) after the CIVIC_ ones are dropped."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVIC_")}
    env["CIVIC_DATABASE_URL"] = database_url
    env.update(env_extra or {})
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        *extra_args,
    ]  # fmt: skip
    with (
        open(log_dir / "stdout.log", "wb") as stdout,
        open(log_dir / "stderr.log", "wb") as stderr,
    ):
        server = server_process.start(command, cwd=REPO, env=env, stdout=stdout, stderr=stderr)
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


@pytest.fixture(scope="session")
def app_url(
    chromium_browser: Browser, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app, shared by the whole run, after one visit to its front page (a smoke check that
    it serves at all). A server no one has visited is tested by test_browser_regressions.py."""
    with serve(database_url, tmp_path_factory.mktemp("server")) as url:
        context = chromium_browser.new_context()
        try:
            page = context.new_page()
            open_app(page, url)
            expect(page.get_by_test_id("stSidebar")).to_contain_text("Not signed in.")
        finally:
            context.close()
        yield url


@pytest.fixture
def cold_app_url(chromium_path: Path, tmp_path: Path) -> Iterator[str]:
    """A server of its own that no browser has visited yet, on a database with the first
    organiser and no challenge (a fresh install)."""
    database = make_database(tmp_path / "cold.db", with_challenge=False)
    with serve(database, tmp_path) as url:
        yield url


def _stop(server: subprocess.Popen[bytes]) -> None:
    server_process.stop(server)


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


SSO_JUDGE_EMAIL = "sam.judge@example.org"
SSO_JUDGE_NAME = "Sam Judge"


@contextmanager
def _identity_provider(log_dir: Path) -> Iterator[str]:
    """A local OpenID Connect provider (oidc-provider-mock); yields its address."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    with open(log_dir / "provider.log", "wb") as log:
        provider = server_process.start(command, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                try:
                    metadata = f"{url}/.well-known/openid-configuration"
                    with urllib.request.urlopen(metadata, timeout=2):  # noqa: S310
                        break
                except (urllib.error.URLError, OSError):
                    if provider.poll() is not None or time.monotonic() > deadline:
                        text = (log_dir / "provider.log").read_text(errors="replace")
                        pytest.fail(f"the OpenID Connect provider did not start:\n{text}")
                    time.sleep(0.2)
            yield url
        finally:
            _stop(provider)


@pytest.fixture
def sso_app_url(chromium_path: Path, tmp_path: Path) -> Iterator[str]:
    """The app with single sign-on configured against a local provider, and a judge account."""
    database = make_database(tmp_path / "sso.db", with_challenge=True)
    engine = open_database(database)
    try:
        with transaction(engine) as session:
            create_user(
                session=session,
                email=SSO_JUDGE_EMAIL,
                name=SSO_JUDGE_NAME,
                password=ORGANISER_PASSWORD,
                repeat=ORGANISER_PASSWORD,
                role=Role.JUDGE,
            )
    finally:
        engine.dispose()
    app_port = free_port()
    with _identity_provider(tmp_path) as provider:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
            'cookie_secret = "a-test-cookie-secret-of-some-length"\n'
            'client_id = "civic-challenge"\n'
            'client_secret = "civic-challenge-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        )
        args = (f"--secrets.files={secrets}",)
        with serve(database, tmp_path, port=app_port, extra_args=args) as url:
            yield url


OPEN_CALL_NAME = "Civic Innovation Challenge Open Call"


@dataclass(frozen=True)
class OpenCall:
    """A server on a database whose challenge is open now, and what a later server needs."""

    url: str
    database_url: str
    closes_at: datetime
    log_dir: Path


def make_open_call_database(path: Path) -> tuple[str, datetime]:
    """The first organiser and a challenge open now (deadline 30 days ahead, on the hour), with
    two themes, a statement each and a three-line rubric."""
    url = make_database(path, with_challenge=False)
    closes_at = (datetime.now(UTC) + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    engine = open_database(url)
    try:
        with transaction(engine) as session:
            challenge = make_challenge(
                session,
                name=OPEN_CALL_NAME,
                year=closes_at.year,
                phase="open",
                opens_at=closes_at - timedelta(days=60),
                closes_at=closes_at,
                judging_closes_at=closes_at + timedelta(days=30),
            )
            climate = make_theme(session, challenge=challenge, key="climate", name="Clean air")
            ageing = make_theme(session, challenge=challenge, key="ageing", name="Ageing well")
            make_statement(session, climate, title="Active travel", partner="Transport for London")
            make_statement(session, ageing, title="Dementia-friendly high streets")
            for key, name in [("impact", "Impact on Londoners"), ("feasibility", "Feasibility"),
                              ("value", "Value for money")]:  # fmt: skip
                make_criterion(session, challenge, key=key, name=name, guidance=f"{name}?")
    finally:
        engine.dispose()
    return url, closes_at


@pytest.fixture
def open_call(chromium_path: Path, tmp_path: Path) -> Iterator[OpenCall]:
    """A server of its own on a database whose challenge is open for proposals now."""
    database, closes_at = make_open_call_database(tmp_path / "open_call.db")
    with serve(database, tmp_path) as url:
        yield OpenCall(url=url, database_url=database, closes_at=closes_at, log_dir=tmp_path)


JUDGING_CALL_NAME = "Civic Innovation Challenge Judging"
JUDGING_LEVELS = ("Poor.", "Weak.", "Fair.", "Good.", "Excellent.")
JUDGING_CRITERIA = (
    ("impact", "Impact on Londoners", 3.0),
    ("feasibility", "Feasibility", 1.0),
    ("value", "Value for money", 1.0),
)
# The applicant a blind judge must never learn: every word of it is checked against the DOM.
BLIND_ORGANISATION = "Zebra Lantern Mobility Ltd"
BLIND_WEBSITE = "zebra-lantern-mobility.example"
BLIND_BOROUGH_CODE = "E09000012"
BLIND_BOROUGH = "Hackney"
BLIND_AUTHOR = "Zadie Lanternwright"
JUDGING_PROPOSALS = (  # (organisation, title, summary), in reference order
    (
        BLIND_ORGANISATION,
        "Solar-lit quiet cycle routes",
        f"{BLIND_ORGANISATION} will light quiet back-street cycle routes with solar lamps.",
    ),
    (
        "Bright Kettle Co-operative",
        "Warm bus shelters",
        "Heated, sheltered stops for older people waiting in winter.",
    ),
    (
        "Orchard Signal Labs",
        "Sensors for street trees",
        "Soil sensors telling volunteers which street trees need water.",
    ),
    (
        "Quiet Umbrella Works Ltd",
        "Umbrella loan stations",
        "Free umbrellas to borrow at stations and return anywhere.",
    ),
)


@dataclass(frozen=True)
class JudgedProposal:
    id: int
    reference: str
    title: str
    summary: str
    organisation: str


@dataclass(frozen=True)
class JudgingCall:
    """A server on a database whose challenge is being judged now (blind review on).

    `new_judge` and `declared_judge` (emails, password ORGANISER_PASSWORD) each hold the same
    three published assignments, `assigned`, in queue order; only `declared_judge` has confirmed
    their conflict declaration. `unassigned` is published to a third judge only."""

    url: str
    new_judge: str
    new_judge_name: str
    declared_judge: str
    declared_judge_name: str
    assigned: tuple[JudgedProposal, ...]
    unassigned: JudgedProposal
    database_url: str = ""  # set by the fixture, for tests that check what was stored


def make_judging_database(path: Path | str) -> JudgingCall:
    """The first organiser and a challenge in judging (closed 10 days ago, judging closes in 30),
    a three-line rubric with a descriptor per level, four eligible proposals from four
    organisations and three judges; assignments added and published by the organiser's
    services. The returned `url` is the database's (the fixture swaps in the server's)."""
    url = make_database(path, with_challenge=False)
    now = datetime.now(UTC)
    closes_at = (now - timedelta(days=10)).replace(minute=0, second=0, microsecond=0)
    engine = open_database(url)
    try:
        with transaction(engine) as session:
            organiser = UserView.of(find_user_by_email(session, ORGANISER_EMAIL))
            challenge = make_challenge(
                session,
                name=JUDGING_CALL_NAME,
                year=closes_at.year,
                phase=Phase.JUDGING.value,
                opens_at=closes_at - timedelta(days=60),
                closes_at=closes_at,
                judging_closes_at=closes_at + timedelta(days=40),
                blind_review=True,
                reviews_per_proposal=2,
                judge_load_cap=5,
            )
            theme = make_theme(session, challenge=challenge, key="climate", name="Clean air")
            statement = make_statement(
                session, theme, title="Active travel", partner="Transport for London"
            )
            for position, (key, name, weight) in enumerate(JUDGING_CRITERIA):
                make_criterion(
                    session,
                    challenge,
                    key=key,
                    name=name,
                    weight=weight,
                    guidance=f"{name}: how convincing is the case?",
                    descriptors=json.dumps(JUDGING_LEVELS),
                    position=position,
                )
            judges = [
                create_user(
                    session=session,
                    email=email,
                    name=name,
                    password=ORGANISER_PASSWORD,
                    repeat=ORGANISER_PASSWORD,
                    role=Role.JUDGE,
                )
                for email, name in [
                    ("jude.okafor@example.org", "Jude Okafor"),
                    ("blair.whitfield@example.org", "Blair Whitfield"),
                    ("casey.other@example.org", "Casey Other"),
                ]
            ]
            proposals = []
            for number, (name, title, summary) in enumerate(JUDGING_PROPOSALS, start=1):
                blind = name == BLIND_ORGANISATION
                organisation = make_organisation(
                    session,
                    name=name,
                    employees=12,
                    turnover_pence=450_000_00,
                    borough_code=BLIND_BOROUGH_CODE if blind else "E09000001",
                    website=BLIND_WEBSITE if blind else "",
                )
                author = make_user(
                    session,
                    email=f"author{number}@example.org",
                    name=BLIND_AUTHOR if blind else f"Author {number}",
                    organisation_id=organisation.id,
                )
                proposal = make_proposal(
                    session,
                    challenge,
                    organisation,
                    statement_id=statement.id,
                    reference=f"CIC-{closes_at.year}-{number:04d}",
                    title=title,
                    summary=summary,
                    problem="Londoners named this problem in the borough's survey.",
                    solution="A six-month pilot with a council partner.",
                    status=ProposalStatus.ELIGIBLE.value,
                    submitted_at=closes_at - timedelta(days=1),
                    consent=True,
                    amount_requested_pence=12_500_00,
                    created_by_id=author.id,
                )
                session.add(
                    ProposalTheme(proposal_id=proposal.id, theme_id=theme.id, is_primary=True)
                )
                proposals.append(
                    JudgedProposal(proposal.id, proposal.reference, title, summary, name)
                )
            session.flush()
            new_judge, declared_judge, other_judge = judges
            pairs = [(judge, p) for judge in judges[:2] for p in proposals[:3]]
            for judge, proposal in [*pairs, (other_judge, proposals[3])]:
                add_assignment(
                    session=session,
                    actor=organiser,
                    judge_id=judge.id,
                    proposal_id=proposal.id,
                    now=now,
                )
            publish_assignments(session=session, actor=organiser, now=now)
            for judge in (declared_judge, other_judge):
                confirm_declaration(session=session, actor=judge, now=now)
    finally:
        engine.dispose()
    return JudgingCall(
        url=url,
        new_judge=new_judge.email,
        new_judge_name=new_judge.name,
        declared_judge=declared_judge.email,
        declared_judge_name=declared_judge.name,
        assigned=tuple(proposals[:3]),
        unassigned=proposals[3],
    )


@pytest.fixture(scope="module")
def judging_call(
    chromium_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[JudgingCall]:
    """A server of its own, shared by a module's tests, on a challenge being judged now. Each
    test signs in as a different judge, so tests do not depend on each other's order."""
    folder = tmp_path_factory.mktemp("judging")
    world = make_judging_database(folder / "judging.db")
    with serve(world.url, folder) as url:
        yield replace(world, url=url, database_url=world.url)


@dataclass(frozen=True)
class DemoCall:
    """A server in demo mode on the seeded demo challenge, in its judging phase (nothing
    shortlisted, nothing decided). The demo accounts sign in with DEMO_PASSWORD.

    `entered_per_theme`: proposals entered (submitted, not withdrawn) per primary theme's name;
    `references`: every entered proposal's reference; `ranked`: references with a submitted
    review; `applicant_proposal`: (reference, title, amount requested in pence) of the demo
    applicant's eligible, reviewed proposal."""

    url: str
    entered_per_theme: dict[str, int]
    references: frozenset[str]
    ranked: frozenset[str]
    applicant_proposal: tuple[str, str, int]
    database_url: str = ""  # set by the fixture, for tests that read what is stored


def make_demo_database(path: Path) -> DemoCall:
    """The demo challenge written by `services.demo.seed_demo`, and what the tests expect of it
    read straight from the tables (the returned `url` is the database's)."""
    from sqlmodel import col, select

    from civic_challenge.config import DATA_DIR
    from civic_challenge.db.models import Proposal, Review, Theme, User
    from civic_challenge.domain.terms import ReviewState
    from civic_challenge.services.demo import APPLICANT_EMAIL, DEMO_PASSWORD, seed_demo

    url = f"sqlite:///{path}"
    engine = open_database(url)
    try:
        with transaction(engine) as session:
            seed_demo(session=session, now=datetime.now(UTC), password=DEMO_PASSWORD,
                      data_dir=DATA_DIR)  # fmt: skip
        with transaction(engine) as session:
            entered = col(Proposal.status).not_in(
                [ProposalStatus.DRAFT.value, ProposalStatus.WITHDRAWN.value]
            )
            rows = session.exec(
                select(Proposal.reference, Theme.name)
                .join(ProposalTheme, col(ProposalTheme.proposal_id) == Proposal.id)
                .join(Theme, col(Theme.id) == ProposalTheme.theme_id)
                .where(entered, col(ProposalTheme.is_primary))
            ).all()
            ranked = session.exec(
                select(Proposal.reference)
                .join(Review, col(Review.proposal_id) == Proposal.id)
                .where(
                    entered,
                    Review.state == ReviewState.SUBMITTED.value,
                    col(Review.total).is_not(None),
                )
            ).all()
            applicant = session.exec(
                select(Proposal.reference, Proposal.title, Proposal.amount_requested_pence)
                .join(User, col(User.organisation_id) == Proposal.organisation_id)
                .join(Review, col(Review.proposal_id) == Proposal.id)
                .where(
                    User.email == APPLICANT_EMAIL, Proposal.status == ProposalStatus.ELIGIBLE.value
                )
            ).first()
    finally:
        engine.dispose()
    per_theme: dict[str, int] = {}
    for _, theme in rows:
        per_theme[theme] = per_theme.get(theme, 0) + 1
    assert applicant is not None, "the demo applicant has no reviewed, eligible proposal"
    return DemoCall(
        url=url,
        entered_per_theme=per_theme,
        references=frozenset(str(reference) for reference, _ in rows),
        ranked=frozenset(str(reference) for reference in ranked),
        applicant_proposal=(str(applicant[0]), applicant[1], int(applicant[2] or 0)),
    )


@pytest.fixture(scope="module")
def demo_call(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoCall]:
    """A server of its own, in demo mode, shared by a module's tests, on the demo challenge."""
    folder = tmp_path_factory.mktemp("demo")
    world = make_demo_database(folder / "demo.db")
    with serve(world.url, folder, env_extra={"CIVIC_DEMO_MODE": "true"}) as url:
        yield replace(world, url=url, database_url=world.url)


MAIL_USER_EMAIL = "mo.member@example.org"
MAIL_USER_NAME = "Mo Member"


@dataclass(frozen=True)
class MailApp:
    """A server that sends its mail through a real SMTP server on loopback (aiosmtpd)."""

    url: str
    inbox: Inbox


@pytest.fixture
def mail_app(chromium_path: Path, tmp_path: Path) -> Iterator[MailApp]:
    """The app with CIVIC_SMTP_* pointing at a test mail server, and an applicant account."""
    database = make_database(tmp_path / "mail.db", with_challenge=True)
    engine = open_database(database)
    try:
        with transaction(engine) as session:
            create_user(
                session=session,
                email=MAIL_USER_EMAIL,
                name=MAIL_USER_NAME,
                password=ORGANISER_PASSWORD,
                repeat=ORGANISER_PASSWORD,
                role=Role.APPLICANT,
            )
    finally:
        engine.dispose()
    mail = MailServer().start()
    env = {
        "CIVIC_SMTP_HOST": "127.0.0.1",
        "CIVIC_SMTP_PORT": str(mail.port),
        "CIVIC_SMTP_STARTTLS": "false",
        "CIVIC_MAIL_INTERVAL_SECONDS": "0.5",
    }
    try:
        with serve(database, tmp_path, env_extra=env) as url:
            yield MailApp(url=url, inbox=mail.inbox)
    finally:
        mail.stop()
