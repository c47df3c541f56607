"""Each persona's main journey by keyboard alone (Tab, arrows, typing, Enter; no clicks), and
every control reached shows where the focus is (an outline or a ring, not nothing).

An applicant signs in and saves a proposal draft; a judge opens a proposal from My queue,
chooses scores and submits a review; an organiser filters the Dashboard and records a
screening decision. What each did is checked in the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import (
    ORGANISER_PASSWORD,
    DemoCall,
    JudgingCall,
    OpenCall,
    make_demo_database,
    serve,
)
from e2e_support import TIMEOUT_MS, expect_signed_in, main, open_app, sidebar, wait_for_app
from factories import make_organisation
from playwright.sync_api import Browser, Locator, Page, expect
from sqlmodel import col, select

from civic_challenge.db.models import Proposal, Review, User
from civic_challenge.domain.demo_people import ORGANISER_NAME
from civic_challenge.domain.terms import ProposalStatus, ReviewState, Role
from civic_challenge.services.accounts import create_user
from civic_challenge.services.database import open_database, transaction
from civic_challenge.services.demo import DEMO_PASSWORD, ORGANISER_EMAIL

MAX_TABS = 200
APPLICANT_EMAIL = "kim.keys@example.org"
APPLICANT_NAME = "Kim Keys"
TITLE = "Step-free routes to the high street"
COMMENT = "Clear need and a credible partner; the costs of the second phase need detail."
REASON = "The organisation is registered outside London."

FOCUS_SHOWN = """el => {
  const shown = node => {
    if (!node) return false;
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow && style.boxShadow !== 'none');
  };
  return shown(el) || shown(el.closest('label'));
}"""


def focused(target: Locator) -> bool:
    return target.evaluate(
        "el => el === document.activeElement || el.contains(document.activeElement)"
    )


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `target` holds the focus; then check the focus shows."""
    reach(page, target, backwards=backwards)
    expect_focus_visible(page)


def reach(page: Page, target: Locator, *, backwards: bool = False) -> None:
    expect(target).to_be_attached()
    for _ in range(MAX_TABS):
        if focused(target):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {target}")


def expect_focus_visible(page: Page) -> None:
    active = page.evaluate_handle("document.activeElement")
    description = page.evaluate(
        "el => el.outerHTML.slice(0, 200)", active
    )  # for a readable failure
    assert page.evaluate(FOCUS_SHOWN, active), f"the focused element shows no focus: {description}"


@pytest.fixture
def keys_page(chromium_browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context of its own (no cookies yet)."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page
    finally:
        context.close()


def press(page: Page, key: str) -> None:
    """A key that changes a widget (and so reruns the script): wait for the rerun."""
    page.keyboard.press(key)
    wait_for_app(page)


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)


def sign_in_by_keyboard(page: Page, url: str, email: str, password: str) -> None:
    open_app(page, f"{url}/sign_in")
    expect(main(page).get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    type_into(page, main(page).get_by_role("textbox", name="Email", exact=True), email)
    type_into(page, main(page).get_by_role("textbox", name="Password", exact=True), password)
    tab_to(page, main(page).get_by_role("button", name="Sign in", exact=True))
    press(page, "Enter")


def follow_sidebar_link(page: Page, title: str) -> None:
    """Shift+Tab back up into the sidebar (it comes before the page) to the link; Enter."""
    link = sidebar(page).get_by_role("link", name=title, exact=True)
    tab_to(page, link, backwards=True)
    press(page, "Enter")
    expect(main(page).get_by_role("heading", level=1)).to_be_visible()


def engine_for(url: str):  # type: ignore[no-untyped-def]
    return open_database(url)


@pytest.fixture
def applicant_call(open_call: OpenCall) -> OpenCall:
    """The open call with an applicant whose organisation's profile is filled in."""
    engine = engine_for(open_call.database_url)
    try:
        with transaction(engine) as session:
            user = create_user(
                session=session,
                email=APPLICANT_EMAIL,
                name=APPLICANT_NAME,
                password=ORGANISER_PASSWORD,
                repeat=ORGANISER_PASSWORD,
                role=Role.APPLICANT,
            )
            organisation = make_organisation(
                session, name="Kerb Cut Collective", employees=4, borough_code="E09000012"
            )
            stored = session.get(User, user.id)
            stored.organisation_id = organisation.id
            session.add(stored)
    finally:
        engine.dispose()
    return open_call


def test_an_applicant_signs_in_and_saves_a_draft_by_keyboard(
    applicant_call: OpenCall, keys_page: Page
):
    page = keys_page
    sign_in_by_keyboard(page, applicant_call.url, APPLICANT_EMAIL, ORGANISER_PASSWORD)
    expect_signed_in(page, APPLICANT_NAME)

    follow_sidebar_link(page, "Proposal")
    expect(main(page).get_by_role("heading", name="Proposal", level=1)).to_be_visible()
    type_into(page, main(page).get_by_role("textbox", name="Title", exact=True), TITLE)
    tab_to(page, main(page).get_by_role("button", name="Save draft"))
    press(page, "Enter")
    expect(main(page)).to_contain_text("Draft saved")

    engine = engine_for(applicant_call.database_url)
    try:
        with transaction(engine) as session:
            titles = session.exec(
                select(Proposal.title, Proposal.status)
                .join(User, col(User.organisation_id) == Proposal.organisation_id)
                .where(User.email == APPLICANT_EMAIL)
            ).all()
    finally:
        engine.dispose()
    assert [(TITLE, ProposalStatus.DRAFT.value)] == [(t, s) for t, s in titles]


def test_a_judge_scores_and_submits_a_review_by_keyboard(
    judging_call: JudgingCall, keys_page: Page
):
    call = judging_call
    page = keys_page
    sign_in_by_keyboard(page, call.url, call.declared_judge, ORGANISER_PASSWORD)
    expect_signed_in(page, call.declared_judge_name)
    if not main(page).get_by_role("heading", name="My queue", level=1).is_visible():
        follow_sidebar_link(page, "My queue")

    first = call.assigned[0]
    tab_to(page, main(page).get_by_role("link", name="Score the next unscored proposal"))
    press(page, "Enter")
    heading = f"{first.reference} · {first.title}"
    expect(main(page).get_by_role("heading", name=heading)).to_be_visible()

    for label, moves in [
        ("Impact on Londoners (weight 3)", 3),  # level 1 is chosen at first: 1 -> 4
        ("Feasibility (weight 1)", 2),
        ("Value for money (weight 1)", 4),
    ]:
        group = main(page).get_by_role("radiogroup", name=label, exact=True)
        tab_to(page, group)
        for _ in range(moves):
            press(page, "ArrowRight")
        expect_focus_visible(page)
    confidence = main(page).get_by_role("radiogroup", name="Your confidence in this review")
    tab_to(page, confidence)
    press(page, "ArrowRight")
    comment = main(page).get_by_role("textbox", name="Comment for the applicant (required)")
    type_into(page, comment, COMMENT)
    tab_to(page, main(page).get_by_role("button", name="Submit review"))
    press(page, "Enter")
    success = page.get_by_test_id("stAlertContentSuccess")
    expect(success.filter(has_text="Review submitted. Thank you.")).to_be_visible()
    expect(main(page)).to_contain_text("Submitted. Total 75 out of 100.")

    engine = engine_for(call.database_url)
    try:
        with transaction(engine) as session:
            review = session.exec(
                select(Review)
                .join(User, col(User.id) == Review.judge_id)
                .where(User.email == call.declared_judge, Review.proposal_id == first.id)
            ).one()
            assert review.state == ReviewState.SUBMITTED.value
            assert review.comment_for_applicant == COMMENT
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def demo_for_keys(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The demo challenge on a server of this module's own (the test records a decision)."""
    folder = tmp_path_factory.mktemp("demo_keys")
    world = make_demo_database(folder / "demo.db")
    with serve(world.url, folder, env_extra={"CIVIC_DEMO_MODE": "true"}) as url:
        yield replace(world, url=url, database_url=world.url)


def headline(page: Page, label: str) -> Locator:
    metric = main(page).get_by_test_id("stMetric").filter(has_text=label)
    return metric.get_by_test_id("stMetricValue")


def test_an_organiser_filters_the_dashboard_and_screens_a_proposal_by_keyboard(
    demo_for_keys: DemoCall, keys_page: Page
):
    demo = demo_for_keys
    page = keys_page
    sign_in_by_keyboard(page, demo.url, ORGANISER_EMAIL, DEMO_PASSWORD)
    expect(sidebar(page)).to_contain_text(f"Signed in as {ORGANISER_NAME}")
    if not main(page).get_by_role("heading", name="Dashboard", level=1).is_visible():
        follow_sidebar_link(page, "Dashboard")
    total = sum(demo.entered_per_theme.values())
    expect(headline(page, "Proposals entered")).to_have_text(f"{total:,}")

    theme, count = min(demo.entered_per_theme.items(), key=lambda item: item[1])
    tab_to(page, main(page).get_by_role("combobox", name=re.compile("^Theme")))
    page.keyboard.type(theme)
    press(page, "Enter")
    page.keyboard.press("Escape")
    expect(headline(page, "Proposals entered")).to_have_text(f"{count:,}")

    follow_sidebar_link(page, "Proposals")
    reference = sorted(demo.references)[0]
    tab_to(page, main(page).get_by_role("combobox", name="Proposal", exact=True))
    page.keyboard.type(reference)
    press(page, "Enter")
    decision = main(page).get_by_role("radiogroup", name="Decision")
    tab_to(page, decision)
    page.keyboard.press("ArrowRight")  # Eligible -> Ineligible (inside a form: no rerun)
    expect(decision.get_by_role("radio", name="Ineligible")).to_be_checked()
    type_into(page, main(page).get_by_role("textbox", name="Reason"), REASON)
    tab_to(page, main(page).get_by_role("button", name="Record decision"))
    press(page, "Enter")
    expect(main(page)).to_contain_text(f"Decision recorded: {reference} is ineligible.")

    engine = engine_for(demo.database_url)
    try:
        with transaction(engine) as session:
            status, reason = session.exec(
                select(Proposal.status, Proposal.screening_reason).where(
                    Proposal.reference == reference
                )
            ).one()
    finally:
        engine.dispose()
    assert (status, reason) == (ProposalStatus.INELIGIBLE.value, REASON)


def test_the_focus_check_fails_on_a_control_that_hides_its_focus(
    judging_call: JudgingCall, keys_page: Page
):
    """The check above can fail: a link whose outline and ring are removed shows nothing."""
    page = keys_page
    open_app(page, judging_call.url)
    link = sidebar(page).get_by_role("link", name="Sign in", exact=True)
    link.evaluate(
        "el => el.setAttribute('style', 'outline: none !important; box-shadow: none !important')"
    )
    reach(page, link)
    with pytest.raises(AssertionError, match="shows no focus"):
        expect_focus_visible(page)
