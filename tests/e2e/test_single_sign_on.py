"""Single sign-on through st.login against a local OpenID Connect provider."""

from conftest import SSO_JUDGE_EMAIL, SSO_JUDGE_NAME
from e2e_support import expect_signed_in, main, open_app, reload, sidebar, wait_for_app
from playwright.sync_api import Page, expect


def sign_in_at_provider(page: Page, app_url: str, subject: str) -> None:
    """Press the single sign-on button, then say who we are at the provider's own page."""
    open_app(page, f"{app_url}/sign_in")
    page.get_by_role("button", name="Sign in with your organisation's account").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**")
    wait_for_app(page)


def test_a_judge_signs_in_with_their_organisations_account(sso_app_url, visitor):
    page = visitor.new_page()
    sign_in_at_provider(page, sso_app_url, SSO_JUDGE_EMAIL)
    expect_signed_in(page, SSO_JUDGE_NAME)
    reload(page)
    expect(sidebar(page)).to_contain_text(f"Signed in as {SSO_JUDGE_NAME}")
    app_requests = [url for url in visitor.requests.urls if url.startswith(sso_app_url)]
    assert app_requests
    visitor.requests.urls = app_requests  # the provider's own page is not ours to judge
    visitor.requests.assert_stayed_local()


def test_an_identity_without_an_account_here_is_turned_away(sso_app_url, visitor):
    page = visitor.new_page()
    sign_in_at_provider(page, sso_app_url, "stranger@example.org")
    expect(main(page)).to_contain_text("no active account here matches it")
    expect(sidebar(page)).to_contain_text("Not signed in.")


def test_signing_out_ends_the_single_sign_on_too(sso_app_url, visitor):
    page = visitor.new_page()
    sign_in_at_provider(page, sso_app_url, SSO_JUDGE_EMAIL)
    expect_signed_in(page, SSO_JUDGE_NAME)
    sidebar(page).get_by_role("button", name="Sign out").click()
    # The provider is asked to end its session too (its end-session page, here a dummy).
    expect(page.get_by_role("heading", name="End Session")).to_be_visible()
    open_app(page, sso_app_url)
    expect(sidebar(page)).to_contain_text("Not signed in.")
    reload(page)
    expect(sidebar(page)).to_contain_text("Not signed in.")
