"""Helpers for the real-browser tests: wait for Streamlit's reruns, sign in, register, stay local.

Imported by the tests in this folder as `e2e_support` (pytest puts this folder on sys.path).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Request, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PASSWORD = "correct horse battery"
COOKIE = "civic_session"
CHALLENGE_NAME = "Civic Innovation Challenge E2E"
TIMEOUT_MS = 20_000
RERUN_PAUSE_MS = 150
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Addresses the browser makes up itself and never sends over the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome", "chrome-extension", "devtools"})

expect.set_options(timeout=TIMEOUT_MS)


def unique_email(prefix: str) -> str:
    """A fresh address per test: all tests share one server and one database."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.org"


def wait_for_app(page: Page) -> None:
    """Wait for Streamlit to finish the rerun a click or a page load started.

    The short pause lets the click reach the server before we look for "not running": without it
    the check can pass on the state from before the click (as in Streamlit's own e2e tests).
    """
    page.wait_for_timeout(RERUN_PAUSE_MS)
    expect(
        page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    ).to_be_attached()
    expect(
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")
    ).to_be_attached()


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def reload(page: Page) -> None:
    page.reload()
    wait_for_app(page)


def click(page: Page, target: Locator) -> None:
    target.click()
    wait_for_app(page)


def textbox(page: Page, label: str) -> Locator:
    """A text or password field by its exact label (the show-password button is not a textbox)."""
    return page.get_by_role("textbox", name=label, exact=True)


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def sidebar_link(page: Page, title: str) -> Locator:
    return sidebar(page).get_by_role("link", name=title, exact=True)


def errors(page: Page) -> Locator:
    return page.get_by_test_id("stAlertContentError")


def expect_signed_in(page: Page, name: str) -> None:
    """The sidebar names the person, and the browser holds the session cookie: the cookie is
    written by the page's JavaScript after the rerun, so a typed address or a reload made before
    it lands would start a signed-out session."""
    expect(sidebar(page)).to_contain_text(f"Signed in as {name}")
    expect(sidebar(page)).not_to_contain_text("Not signed in.")
    wait_for_session_cookie(page)


def wait_for_session_cookie(
    page: Page, *, present: bool = True, timeout: float = TIMEOUT_MS
) -> None:
    """Wait until the browser holds (or no longer holds) the session cookie."""
    has_cookie = f"document.cookie.split('; ').some(c => c.startsWith('{COOKIE}='))"
    try:
        page.wait_for_function(has_cookie if present else f"!({has_cookie})", timeout=timeout)
    except PlaywrightTimeoutError:
        state = "was never written" if present else "was never removed"
        raise AssertionError(f"the {COOKIE} cookie {state} (waited {timeout / 1000:g} s)") from None


def expect_signed_out(page: Page) -> None:
    expect(sidebar(page)).to_contain_text("Not signed in.")
    expect(sidebar(page)).not_to_contain_text("Signed in as")


def go_to(page: Page, app_url: str, title: str) -> None:
    """Open a page through the sidebar, as a person would."""
    click(page, sidebar_link(page, title))
    expect(main(page).get_by_role("heading", level=1)).to_be_visible()
    assert page.url.startswith(app_url)


def sign_in(page: Page, app_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in from the Sign in page; the caller checks what happened."""
    open_app(page, f"{app_url}/sign_in")
    expect(main(page).get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    textbox(page, "Email").fill(email)
    textbox(page, "Password").fill(password)
    click(page, main(page).get_by_role("button", name="Sign in", exact=True))


def fill_account_form(
    page: Page, *, name: str, password: str, repeat: str, email: str | None
) -> None:
    textbox(page, "Your name").fill(name)
    if email is not None:
        textbox(page, "Email").fill(email)
    textbox(page, "Password").fill(password)
    textbox(page, "Repeat password").fill(repeat)


def register(
    page: Page,
    app_url: str,
    *,
    name: str,
    email: str,
    password: str = PASSWORD,
    repeat: str | None = None,
) -> None:
    """Fill in and submit the Register page; the caller checks what happened."""
    open_app(page, f"{app_url}/register")
    expect(main(page).get_by_role("heading", name="Register your organisation")).to_be_visible()
    fill_account_form(
        page,
        name=name,
        email=email,
        password=password,
        repeat=password if repeat is None else repeat,
    )
    click(page, main(page).get_by_role("button", name="Create account"))


def register_and_sign_in(
    page: Page, app_url: str, *, name: str, email: str, password: str = PASSWORD
) -> None:
    """Register (which asks to confirm the email and signs nobody in), then sign in."""
    register(page, app_url, name=name, email=email, password=password)
    expect(main(page)).to_contain_text("We have sent a message")
    sign_in(page, app_url, email, password)


def sign_out(page: Page) -> None:
    click(page, sidebar(page).get_by_role("button", name="Sign out"))


@dataclass
class RequestLog:
    """Every request the pages of one browser context made, to prove the app works offline."""

    urls: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        self.urls.append(request.url)

    def remote(self) -> list[str]:
        found = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.hostname not in LOCAL_HOSTS:
                found.append(url)
        return found

    def assert_stayed_local(self) -> None:
        assert self.urls, "no request was recorded: is the log attached to the context?"
        remote = self.remote()
        assert not remote, f"requests left the machine: {remote}"
