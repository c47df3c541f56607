"""Whole journeys in a real browser: what a person sees when registering, signing in and out,
inviting a judge, and what happens to a tampered cookie or a typed address they may not open."""

import re

from e2e_support import (
    CHALLENGE_NAME,
    COOKIE,
    PASSWORD,
    click,
    errors,
    expect_signed_in,
    expect_signed_out,
    fill_account_form,
    main,
    open_app,
    register,
    register_and_sign_in,
    reload,
    sidebar,
    sign_in,
    sign_out,
    textbox,
    unique_email,
    wait_for_app,
)
from playwright.sync_api import Page, expect

NOT_FOUND = re.compile(r"page not found", re.IGNORECASE)


def _session_cookies(visitor) -> list[dict]:
    return [c for c in visitor.context.cookies() if c["name"] == COOKIE]


def test_a_new_applicant_stays_signed_in_across_reloads_and_tabs_until_signing_out(
    app_url, visitor
):
    page = visitor.new_page()
    email = unique_email("applicant")
    register_and_sign_in(page, app_url, name="Ada Applicant", email=email)

    expect(main(page)).to_contain_text("Welcome, Ada Applicant")
    expect_signed_in(page, "Ada Applicant")
    expect(sidebar(page)).to_contain_text("(Applicant)")

    reload(page)
    expect_signed_in(page, "Ada Applicant")

    second_tab = visitor.new_page()
    open_app(second_tab, f"{app_url}/account")
    expect(main(second_tab).get_by_role("heading", name="Your account")).to_be_visible()
    expect(main(second_tab)).to_contain_text(email)
    expect_signed_in(second_tab, "Ada Applicant")
    second_tab.close()

    sign_out(page)
    expect(main(page)).to_contain_text("You have signed out.")
    expect_signed_out(page)

    reload(page)
    expect_signed_out(page)
    open_app(page, f"{app_url}/account")
    expect_signed_out(page)
    expect(page.get_by_text(NOT_FOUND).first).to_be_visible()
    expect(main(page).get_by_role("heading", name="Your account")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Current password")).to_have_count(0)


def test_a_wrong_password_gets_the_generic_message_and_the_page_still_works(
    app_url, new_page: Page, organiser
):
    sign_in(new_page, app_url, organiser.email, "not the right password")

    expect(errors(new_page)).to_contain_text("Email or password not recognised")
    expect_signed_out(new_page)

    textbox(new_page, "Email").fill(organiser.email)
    textbox(new_page, "Password").fill(organiser.password)
    click(new_page, main(new_page).get_by_role("button", name="Sign in", exact=True))

    expect(main(new_page)).to_contain_text(f"Welcome, {organiser.name}")
    expect_signed_in(new_page, organiser.name)
    expect(sidebar(new_page)).to_contain_text("(Organiser)")


def test_an_organiser_invites_a_judge_who_joins_then_signs_in_again(
    app_url, new_visitor, organiser
):
    organiser_page = new_visitor().new_page()
    sign_in(organiser_page, app_url, organiser.email, organiser.password)
    expect_signed_in(organiser_page, organiser.name)

    click(organiser_page, sidebar(organiser_page).get_by_role("link", name="People"))
    expect(
        main(organiser_page).get_by_role("heading", name="Invite a judge or organiser")
    ).to_be_visible()
    judge_email = unique_email("judge")
    textbox(organiser_page, "Email address to invite").fill(judge_email)
    main(organiser_page).get_by_test_id("stRadio").get_by_text("Judge", exact=True).click()
    expect(main(organiser_page).get_by_role("radio", name="Judge")).to_be_checked()
    click(organiser_page, main(organiser_page).get_by_role("button", name="Send invite"))

    expect(main(organiser_page)).to_contain_text(f"Invite created for {judge_email}")
    link = main(organiser_page).get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(f"{app_url}/accept_invite?token="), link

    judge_page = new_visitor().new_page()
    open_app(judge_page, link)
    expect(main(judge_page).get_by_role("heading", name="Accept your invite")).to_be_visible()
    expect(main(judge_page)).to_contain_text(f"join as a judge with the email {judge_email}")
    fill_account_form(judge_page, name="Jude Judge", email=None, password=PASSWORD, repeat=PASSWORD)
    click(judge_page, main(judge_page).get_by_role("button", name="Join"))

    expect(main(judge_page)).to_contain_text("Welcome, Jude Judge. You are signed in.")
    expect_signed_in(judge_page, "Jude Judge")
    expect(sidebar(judge_page)).to_contain_text("(Judge)")

    sign_out(judge_page)
    expect_signed_out(judge_page)
    sign_in(judge_page, app_url, judge_email, PASSWORD)
    expect(main(judge_page)).to_contain_text("Welcome, Jude Judge.")
    expect_signed_in(judge_page, "Jude Judge")
    expect(sidebar(judge_page)).to_contain_text("(Judge)")

    # The link worked once: opening it again is refused.
    reuse = new_visitor().new_page()
    open_app(reuse, link)
    expect(errors(reuse)).to_be_visible()
    expect(textbox(reuse, "Your name")).to_have_count(0)


def test_a_judge_who_types_the_people_address_does_not_get_the_people_page(
    app_url, new_visitor, organiser
):
    organiser_page = new_visitor().new_page()
    sign_in(organiser_page, app_url, organiser.email, organiser.password)
    expect_signed_in(organiser_page, organiser.name)
    open_app(organiser_page, f"{app_url}/people")
    expect(
        main(organiser_page).get_by_role("heading", name="Invite a judge or organiser")
    ).to_be_visible()
    judge_email = unique_email("judge")
    textbox(organiser_page, "Email address to invite").fill(judge_email)
    main(organiser_page).get_by_test_id("stRadio").get_by_text("Judge", exact=True).click()
    click(organiser_page, main(organiser_page).get_by_role("button", name="Send invite"))
    link = main(organiser_page).get_by_test_id("stCode").inner_text().strip()

    judge_page = new_visitor().new_page()
    open_app(judge_page, link)
    fill_account_form(judge_page, name="Jo Judge", email=None, password=PASSWORD, repeat=PASSWORD)
    click(judge_page, main(judge_page).get_by_role("button", name="Join"))
    expect_signed_in(judge_page, "Jo Judge")

    open_app(judge_page, f"{app_url}/people")
    expect_signed_in(judge_page, "Jo Judge")
    expect(judge_page.get_by_text(NOT_FOUND).first).to_be_visible()
    expect(judge_page.get_by_role("heading", name="Invite a judge or organiser")).to_have_count(0)
    expect(judge_page.get_by_role("textbox", name="Email address to invite")).to_have_count(0)
    expect(sidebar(judge_page).get_by_role("link", name="People")).to_have_count(0)


def test_a_too_short_password_is_refused_next_to_the_field_and_keeps_what_was_typed(
    app_url, visitor
):
    page = visitor.new_page()
    email = unique_email("short")
    register(page, app_url, name="Sam Short", email=email, password="short", repeat="short")

    expect(errors(page).filter(has_text="Use at least 10 characters")).to_be_visible()
    password_box = (
        main(page)
        .get_by_test_id("stTextInput")
        .filter(has=page.get_by_role("textbox", name="Password", exact=True))
    )
    following_error = password_box.locator(  # after the field and its hint
        "xpath=ancestor::*[@data-testid='stElementContainer'][1]/following-sibling::*[2]"
    )
    expect(following_error).to_contain_text("Use at least 10 characters")
    expect(textbox(page, "Your name")).to_have_value("Sam Short")
    expect(textbox(page, "Email")).to_have_value(email)
    expect_signed_out(page)

    # No account was made: signing in with that email is refused.
    checker = visitor.new_page()
    sign_in(checker, app_url, email, PASSWORD)
    expect(errors(checker)).to_contain_text("Email or password not recognised")
    checker.close()

    textbox(page, "Password").fill(PASSWORD)
    textbox(page, "Repeat password").fill(PASSWORD)
    click(page, main(page).get_by_role("button", name="Create account"))
    expect(main(page)).to_contain_text("We have sent a message")
    sign_in(page, app_url, email, PASSWORD)
    expect(main(page)).to_contain_text("Welcome, Sam Short")
    expect_signed_in(page, "Sam Short")


def test_a_tampered_session_cookie_signs_the_person_out(app_url, visitor, organiser):
    page = visitor.new_page()
    sign_in(page, app_url, organiser.email, organiser.password)
    expect_signed_in(page, organiser.name)
    cookies = _session_cookies(visitor)
    assert len(cookies) == 1, cookies
    cookie = cookies[0]
    assert cookie["value"]
    assert cookie["sameSite"] == "Strict"

    tampered = {**cookie, "value": "forged" + cookie["value"][6:]}
    assert tampered["value"] != cookie["value"]
    visitor.context.add_cookies([tampered])
    reload(page)

    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text("Your session has ended")
    expect_signed_out(page)


def test_no_request_leaves_the_machine_during_a_whole_journey(app_url, visitor, organiser):
    page = visitor.new_page()
    email = unique_email("offline")
    register_and_sign_in(page, app_url, name="Olu Offline", email=email)
    expect_signed_in(page, "Olu Offline")
    click(page, sidebar(page).get_by_role("link", name="Your account"))
    expect(main(page).get_by_role("heading", name="Your account")).to_be_visible()
    click(page, sidebar(page).get_by_role("link", name="The challenge"))
    expect(main(page).get_by_role("heading", name=CHALLENGE_NAME)).to_be_visible()
    expect(main(page)).to_contain_text("Active travel")
    reload(page)
    expect_signed_in(page, "Olu Offline")
    sign_out(page)
    expect_signed_out(page)
    sign_in(page, app_url, organiser.email, organiser.password)
    expect_signed_in(page, organiser.name)
    click(page, sidebar(page).get_by_role("link", name="People"))
    expect(main(page).get_by_role("heading", name="People", exact=True)).to_be_visible()
    wait_for_app(page)

    visitor.requests.assert_stayed_local()
