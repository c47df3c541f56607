"""Regressions the real browser found: a cold server, a stopped page, signing out in one tab.

- On a server no one has visited, Streamlit ran a typed address such as /account without app.py
  (its legacy `pages/` folder mode); pages now send such a run through app.py.
- The session cookie was written after the page ran, so a page that stopped early (no challenge
  yet) never wrote it; it is now written from the sidebar, before the page.
- Signing out cleared the cookie only if the browser had sent one when the tab connected.
"""

from e2e_support import (
    PASSWORD,
    expect_signed_out,
    main,
    open_app,
    register_and_sign_in,
    reload,
    sidebar,
    sign_in,
    sign_out,
    unique_email,
    wait_for_session_cookie,
)
from playwright.sync_api import expect

SHORT_WAIT_MS = 5_000


def test_a_typed_address_on_a_cold_server_still_goes_through_the_app(cold_app_url, visitor):
    page = visitor.new_page()
    open_app(page, f"{cold_app_url}/account")

    expect(sidebar(page)).to_contain_text("Not signed in.", timeout=SHORT_WAIT_MS)
    expect(main(page).get_by_role("heading", name="Your account")).to_have_count(0)
    expect(sidebar(page).get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_signing_in_survives_a_reload_before_any_challenge_is_set_up(
    cold_app_url, visitor, organiser
):
    page = visitor.new_page()
    open_app(page, cold_app_url)  # warm the server up: the bug above is not this test's subject
    sign_in(page, cold_app_url, organiser.email, organiser.password)
    expect(main(page)).to_contain_text("No challenge has been set up yet")
    expect(sidebar(page)).to_contain_text(f"Signed in as {organiser.name}")

    wait_for_session_cookie(page, timeout=SHORT_WAIT_MS)
    reload(page)
    expect(sidebar(page)).to_contain_text(f"Signed in as {organiser.name}")


def test_signing_out_removes_the_session_cookie(app_url, visitor):
    page = visitor.new_page()
    register_and_sign_in(
        page, app_url, name="Cleo Cookie", email=unique_email("cookie"), password=PASSWORD
    )
    expect(sidebar(page)).to_contain_text("Signed in as Cleo Cookie")
    wait_for_session_cookie(page)

    sign_out(page)
    expect_signed_out(page)
    wait_for_session_cookie(page, present=False, timeout=SHORT_WAIT_MS)
    reload(page)
    expect_signed_out(page)
    expect(page.get_by_text("Your session has ended")).to_have_count(0)
