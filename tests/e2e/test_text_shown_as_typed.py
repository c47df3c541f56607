"""Typed text in a real browser: the public landing page and the dashboard's charts show a
challenge whose every typed field holds Markdown, LaTeX and HTML exactly as typed, with no link,
bold, maths, colour or icon made from it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve
from e2e_support import (
    TIMEOUT_MS,
    main,
    open_app,
    sign_in,
    wait_for_app,
    wait_for_session_cookie,
)
from playwright.sync_api import Browser, Page, expect
from test_pages_text_world import PAYLOAD, WORD_JOINER, seed_payload_challenge

from civic_challenge.services.database import open_database
from civic_challenge.services.demo import DEMO_PASSWORD, ORGANISER_EMAIL

# What Streamlit's Markdown or plotly.js would have made of the payload.
MADE_FROM_PAYLOAD = {
    "a link to example.com": "a[href*='example.com']",
    "bold from <b>": "b",
    "maths": ".katex, .katex-display, mjx-container",
    "a colour directive": "[data-testid='stMain'] [style*='color: rgb'] >> text=r",
    "a material icon": "[aria-label='home icon']",
    # Streamlit's plotly theme sets titles in bold; <b>b</b> would bold a lone "b".
    "bold chart text": ".js-plotly-plot tspan[style*='font-weight:bold']:text-is('b')",
    "a link in a chart": ".js-plotly-plot svg a",
}


SLOW_MACHINE_MS = 90_000  # the demo dashboard's first run on a busy machine


@pytest.fixture
def payload_app_url(tmp_path: Path) -> Iterator[str]:
    """A server of its own on the demo challenge with the payload in every typed field (in demo
    mode, where the demo accounts' shared password is accepted)."""
    url = f"sqlite:///{tmp_path / 'payload.db'}"
    engine = open_database(url)
    try:
        seed_payload_challenge(engine)
    finally:
        engine.dispose()
    expect.set_options(timeout=SLOW_MACHINE_MS)
    try:
        with serve(url, tmp_path, env_extra={"CIVIC_DEMO_MODE": "true"}) as app_url:
            yield app_url
    finally:
        expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def page(chromium_browser: Browser) -> Iterator[Page]:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def shown_text(page: Page, selector: str) -> str:
    return "\n".join(page.locator(selector).all_text_contents()).replace(WORD_JOINER, "")


def assert_nothing_made_from_payload(page: Page) -> None:
    for what, selector in MADE_FROM_PAYLOAD.items():
        expect(page.locator(selector), what).to_have_count(0)


def test_the_public_landing_page_shows_the_challenge_as_typed(payload_app_url, page):
    open_app(page, payload_app_url)

    heading = main(page).get_by_role("heading", level=1)
    expect(heading).to_contain_text("Qx7")
    assert PAYLOAD in heading.inner_text().replace(WORD_JOINER, "")
    markdown = shown_text(page, "[data-testid='stMain'] [data-testid='stMarkdownContainer']")
    assert markdown.count(PAYLOAD) >= 3  # description, themes, statements and partners
    assert_nothing_made_from_payload(page)


def test_dashboard_charts_show_theme_and_criterion_names_as_typed(payload_app_url, page):
    sign_in(page, payload_app_url, ORGANISER_EMAIL, DEMO_PASSWORD)
    wait_for_session_cookie(page, timeout=SLOW_MACHINE_MS)
    open_app(page, f"{payload_app_url}/dashboard")
    expect(main(page).get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts.first).to_be_visible()
    wait_for_app(page)
    for chart in charts.all():  # plotly draws a chart once it is scrolled into view
        chart.scroll_into_view_if_needed()
    for title in ("Pipeline per theme", "Money per theme", "Mean score per criterion"):
        chart = charts.filter(has_text=title)
        expect(chart).to_contain_text("<b>b</b>")  # a theme name, as an axis category
        expect(chart).to_contain_text("[a](http://example.com)")
    assert_nothing_made_from_payload(page)
