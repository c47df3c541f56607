"""The shipped nginx configuration in front of two app processes on one PostgreSQL database:
its security headers, Streamlit's metrics closed, sticky sessions, and a judge's save through
one process seen by an organiser on the other at their next rerun."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import ORGANISER_EMAIL, JudgingCall, free_port, make_judging_database, serve
from e2e_support import click, expect_signed_in, main, open_app, sidebar_link, sign_in, textbox
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from proxy_support import (
    ROUTE_COOKIE,
    fresh_postgres_database,
    get,
    nginx,
    routes_to_each_upstream,
)

SCORES = {
    "Impact on Londoners (weight 3)": "4: Good.",
    "Feasibility (weight 1)": "3: Fair.",
    "Value for money (weight 1)": "5: Excellent.",
}


@dataclass(frozen=True)
class Deployment:
    proxy: str
    apps: dict[int, str]  # port -> direct URL
    routes: dict[int, str]  # port -> a route cookie value that pins a browser to it
    world: JudgingCall


@pytest.fixture(scope="module")
def deployment(
    chromium_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp("proxy")
    with fresh_postgres_database() as database:
        world = make_judging_database(database)  # migrated before either process starts
        ports = [free_port(), free_port()]
        (folder / "a").mkdir()
        (folder / "b").mkdir()
        with (
            serve(database, folder / "a", port=ports[0]) as first,
            serve(database, folder / "b", port=ports[1]) as second,
            nginx(folder / "nginx", ports, free_port()) as proxy,
        ):
            routes = routes_to_each_upstream(proxy, ports)
            yield Deployment(
                proxy, dict(zip(ports, [first, second], strict=True)), routes, replace(world)
            )


def test_every_response_carries_the_security_headers(deployment: Deployment):
    for path in ("/", "/_stcore/health", "/no-such-page", "/_stcore/metrics"):
        _status, headers, _cookies = get(f"{deployment.proxy}{path}")
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp, path
        assert "frame-ancestors 'self'" in csp, path
        assert "object-src 'none'" in csp, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert "Server" not in headers or "/" not in headers["Server"], path  # no version
        assert "Strict-Transport-Security" not in headers, path  # plain HTTP: no HSTS


def test_metrics_are_closed_at_the_proxy_though_the_app_serves_them(deployment: Deployment):
    direct = next(iter(deployment.apps.values()))
    assert get(f"{direct}/_stcore/metrics")[0] == 200
    assert get(f"{deployment.proxy}/_stcore/metrics")[0] == 404


def test_a_new_browser_gets_a_route_cookie_and_keeps_its_process(deployment: Deployment):
    _status, headers, cookies = get(f"{deployment.proxy}/_stcore/health")
    (cookie,) = [c for c in cookies if c.startswith(f"{ROUTE_COOKIE}=")]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    value = cookie.split(";")[0]
    first = headers["X-Test-Upstream"]
    for _ in range(10):
        _status, again, cookies = get(f"{deployment.proxy}/_stcore/health", value)
        assert again["X-Test-Upstream"] == first
        assert not [c for c in cookies if c.startswith(f"{ROUTE_COOKIE}=")]  # set once


def _pinned_page(browser: Browser, deployment: Deployment, port: int, problems: list[str]) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": ROUTE_COOKIE, "value": deployment.routes[port], "url": deployment.proxy}]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            problems.append(message.text)

    page.on("console", note)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: _check_upstream(r, port, problems))
    return page


def _check_upstream(response, port: int, problems: list[str]) -> None:  # type: ignore[no-untyped-def]
    upstream = response.headers.get("x-test-upstream", "")
    if upstream and not upstream.endswith(f":{port}"):
        problems.append(f"{response.url} was served by {upstream}, not :{port}")


def _reviews_done(page: Page):  # type: ignore[no-untyped-def]
    return main(page).get_by_test_id("stMetric").filter(has_text="Reviews done")


def test_a_judges_save_on_one_process_is_seen_by_an_organiser_on_the_other(
    chromium_browser: Browser, deployment: Deployment
):
    judge_port, organiser_port = sorted(deployment.routes)
    problems: list[str] = []
    world = deployment.world
    organiser = _pinned_page(chromium_browser, deployment, organiser_port, problems)
    judge = _pinned_page(chromium_browser, deployment, judge_port, problems)
    try:
        sign_in(organiser, deployment.proxy, ORGANISER_EMAIL)
        expect_signed_in(organiser, "Olive Organiser")
        click(organiser, sidebar_link(organiser, "Dashboard"))
        expect(_reviews_done(organiser)).to_contain_text("0 of 7")

        sign_in(judge, deployment.proxy, world.declared_judge)
        expect_signed_in(judge, world.declared_judge_name)
        first = world.assigned[0]
        open_app(judge, f"{deployment.proxy}/score?proposal={first.id}")
        for label, level in SCORES.items():
            main(judge).get_by_role("radiogroup", name=label, exact=True).get_by_text(
                level, exact=True
            ).click()
        main(judge).get_by_role("radiogroup", name="Your confidence in this review").get_by_text(
            "Medium", exact=True
        ).click()
        textbox(judge, "Comment for the applicant (required)").fill(
            "Clear, costed and needed; the running costs need more detail."
        )
        click(judge, main(judge).get_by_role("button", name="Submit review"))
        expect(
            judge.get_by_test_id("stAlertContentSuccess").filter(has_text="Review submitted.")
        ).to_be_visible()

        # The organiser's next rerun (on the other process) reads the new review.
        click(organiser, sidebar_link(organiser, "Assignments"))
        click(organiser, sidebar_link(organiser, "Dashboard"))
        expect(_reviews_done(organiser)).to_contain_text("1 of 7")
        assert problems == []
    finally:
        print("\n".join(problems))  # shown with a failure
        organiser.context.close()
        judge.context.close()
