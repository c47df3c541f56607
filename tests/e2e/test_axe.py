"""axe-core (WCAG 2.0-2.2, levels A and AA) on every page for every role that can open it.

The views come from ui/navigation.py's `page_specs`, so a new page is checked without editing
this file; pages that show one proposal get one through their address. The app runs in demo
mode on the demo challenge (judging, with reviews), so tables and charts hold data; each check
waits until every chart has drawn. A view passes with no serious or critical finding, and
with its headings in order (one h1; no level skipped).

Every finding (all impacts) is also written as a table, one row per page x role, to
test-results/axe/findings.md and printed at the end of the module (seen with `pytest -s`).
axe-core comes inside axe-playwright-python: nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DemoCall
from e2e_support import (
    TIMEOUT_MS,
    RequestLog,
    main,
    open_app,
    sidebar,
    sign_in,
    wait_for_session_cookie,
)
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from civic_challenge.domain.demo_people import APPLICANT_NAME, ORGANISER_NAME
from civic_challenge.domain.terms import Role
from civic_challenge.services.demo import (
    APPLICANT_EMAIL,
    DEMO_PASSWORD,
    JUDGE_EMAILS,
    ORGANISER_EMAIL,
)
from civic_challenge.ui.navigation import page_specs

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = frozenset({"serious", "critical"})
ROLES: tuple[Role | None, ...] = (None, Role.APPLICANT, Role.JUDGE, Role.ORGANISER)
JUDGE_EMAIL = JUDGE_EMAILS[0]  # has confirmed their conflicts, so Score shows a proposal
REPORT = Path(__file__).resolve().parent.parent.parent / "test-results" / "axe" / "findings.md"
AXE = Axe()
COOKIE_WAIT_MS = 120_000


def role_name(role: Role | None) -> str:
    return role.value if role else "anonymous"


VIEWS = [(role_name(role), spec.file) for role in ROLES for spec in page_specs(role)]
REQUESTS = RequestLog()  # every request of every view: axe-core and the app fetch nothing remote
FINDINGS: dict[tuple[str, str], list[dict]] = {}


@dataclass(frozen=True)
class DemoIds:
    """Proposals the pages that show one are opened on: the applicant's own, one the judge is
    assigned, and any entered proposal for the organiser."""

    applicant_proposal: int
    judge_proposal: int
    any_proposal: int


def demo_ids(database_url: str) -> DemoIds:
    from civic_challenge.db.models import Assignment, Proposal, User
    from civic_challenge.services.database import open_database, transaction

    engine = open_database(database_url)
    try:
        with transaction(engine) as session:
            applicant = session.exec(
                select(Proposal.id)
                .join(User, col(User.organisation_id) == Proposal.organisation_id)
                .where(User.email == APPLICANT_EMAIL)
                .order_by(col(Proposal.id))
            ).first()
            judged = session.exec(
                select(Assignment.proposal_id)
                .join(User, col(User.id) == Assignment.judge_id)
                .where(User.email == JUDGE_EMAIL)
                .order_by(col(Assignment.proposal_id))
            ).first()
    finally:
        engine.dispose()
    assert applicant is not None and judged is not None, "the demo lacks the proposals needed"
    return DemoIds(applicant_proposal=applicant, judge_proposal=judged, any_proposal=judged)


@pytest.fixture(scope="module")
def ids(demo_call: DemoCall) -> DemoIds:
    return demo_ids(demo_call.database_url)


def address(file: str, ids: DemoIds) -> str:
    """A page's address, with the proposal it needs to show something."""
    query = {
        "proposal": f"?id={ids.applicant_proposal}",
        "score": f"?proposal={ids.judge_proposal}",
        "proposal_detail": f"?proposal={ids.any_proposal}",
    }.get(file, "")
    return f"{file}{query}"


PEOPLE = {
    "applicant": (APPLICANT_EMAIL, APPLICANT_NAME),
    "judge": (JUDGE_EMAIL, None),
    "organiser": (ORGANISER_EMAIL, ORGANISER_NAME),
}


@pytest.fixture(scope="module")
def pages_by_role(chromium_browser: Browser, demo_call: DemoCall) -> Iterator[dict[str, Page]]:
    """One browser context per role, signed in once; each view is then a fresh page load."""
    contexts = {}
    pages: dict[str, Page] = {}
    try:
        for role in ROLES:
            name = role_name(role)
            context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
            contexts[name] = context
            context.on("request", REQUESTS.record)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            if name in PEOPLE:
                email, person = PEOPLE[name]
                sign_in(page, demo_call.url, email, DEMO_PASSWORD)
                expect(sidebar(page)).to_contain_text(f"Signed in as {person or ''}".strip())
                # Written once the first page (an organiser's Dashboard: slow on a busy
                # machine) has finished its run.
                wait_for_session_cookie(page, timeout=COOKIE_WAIT_MS)
            pages[name] = page
        yield pages
    finally:
        for context in contexts.values():
            context.close()


@pytest.fixture(scope="module", autouse=True)
def findings_table() -> Iterator[None]:
    yield
    if not FINDINGS:
        return
    table = findings_markdown(FINDINGS)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(table)
    print(f"\naxe findings per page x role (all impacts), also in {REPORT.name}:\n{table}")


def findings_markdown(findings: dict[tuple[str, str], list[dict]]) -> str:
    impacts = ("critical", "serious", "moderate", "minor")
    lines = [
        "| role | page | " + " | ".join(impacts) + " | rules |",
        "|---|---|" + "---|" * len(impacts) + "---|",
    ]
    for (role, page), violations in findings.items():
        counts = {impact: 0 for impact in impacts}
        for violation in violations:
            counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(
                violation["nodes"]
            )
        rules = ", ".join(sorted({v["id"] for v in violations})) or "-"
        lines.append(
            f"| {role} | {page} | " + " | ".join(str(counts[i]) for i in impacts) + f" | {rules} |"
        )
    return "\n".join(lines) + "\n"


def wait_for_charts(page: Page) -> None:
    """Every plotly chart on the page has drawn its SVG."""
    page.wait_for_function(
        """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
                  .every(chart => chart.querySelector('.main-svg'))""",
        timeout=TIMEOUT_MS,
    )


HEADING_LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.offsetParent !== null)
    .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""


def heading_problems(headings: list[list]) -> list[str]:
    """One h1, and no heading more than one level below the one before it."""
    problems = []
    ones = [text for level, text in headings if level == 1]
    if len(ones) != 1:
        problems.append(f"{len(ones)} level-1 headings: {ones}")
    for (before, _), (level, text) in pairwise(headings):
        if level > before + 1:
            problems.append(f"h{level} {text!r} follows an h{before}")
    return problems


def test_the_heading_check_finds_a_skipped_level_and_a_second_title():
    assert heading_problems([[2, "Apply"], [1, "Proposal"], [2, "Your challenge"]]) == []
    assert heading_problems([[1, "Score"], [3, "CIC-1"]]) == ["h3 'CIC-1' follows an h1"]
    assert heading_problems([[1, "A"], [1, "B"]]) == ["2 level-1 headings: ['A', 'B']"]


def readable(violations: list[dict], role: str, file: str) -> str:
    lines = [f"{role} on {file}:"]
    for violation in violations:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node.get('failureSummary', '')!r}"[:400])
    return "\n".join(lines)


@pytest.mark.parametrize(("role", "file"), VIEWS, ids=[f"{r}-{f}" for r, f in VIEWS])
def test_no_serious_or_critical_findings(
    pages_by_role: dict[str, Page], demo_call: DemoCall, ids: DemoIds, role: str, file: str
) -> None:
    page = pages_by_role[role]
    open_app(page, f"{demo_call.url}/{address(file, ids)}")
    expect(main(page).get_by_role("heading", level=1)).to_be_visible()
    wait_for_charts(page)
    results = AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    FINDINGS[(role, file)] = violations
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, readable(violations, role, file)
    problems = heading_problems(page.evaluate(HEADING_LEVELS))
    assert not problems, f"headings out of order for {role} on {file}: {problems}"
    REQUESTS.assert_stayed_local()
