"""Email in a real browser, with the app sending through a real SMTP server on loopback:
a forgotten password reset from the link in the message, and an organiser's invite accepted."""

import re

from conftest import MAIL_USER_EMAIL, MAIL_USER_NAME, ORGANISER_EMAIL, ORGANISER_NAME
from conftest import ORGANISER_PASSWORD as OLD_PASSWORD
from e2e_support import (
    click,
    errors,
    expect_signed_in,
    fill_account_form,
    go_to,
    main,
    open_app,
    sign_in,
    textbox,
    unique_email,
)
from playwright.sync_api import expect

NEW_PASSWORD = "a fresh start for mo"


def link_in(message, page: str) -> str:
    """The link to `page` in the plain-text body of a received message."""
    body = message.get_body(("plain",)).get_content()
    found = re.search(rf"http://127\.0\.0\.1:\d+/{page}\?token=[\w-]+", body)
    assert found, body
    return found.group(0)


def message_to(inbox, email: str, count: int):
    received = inbox.wait_for(count)
    matching = [m for m in received if m["To"] == email]
    assert matching, [m["To"] for m in received]
    return matching[-1]


def test_a_forgotten_password_is_reset_from_the_link_in_the_message(mail_app, new_visitor):
    visitor = new_visitor()
    page = visitor.new_page()
    open_app(page, f"{mail_app.url}/sign_in")
    click(page, main(page).get_by_role("link", name="Forgot your password?"))
    expect(main(page).get_by_role("heading", name="Forgot your password?")).to_be_visible()
    textbox(page, "Email").fill(MAIL_USER_EMAIL)
    click(page, main(page).get_by_role("button", name="Send me a link"))
    expect(main(page)).to_contain_text("we have sent it a link")

    message = message_to(mail_app.inbox, MAIL_USER_EMAIL, 1)
    assert message["Subject"].startswith("Choose a new password for")
    open_app(page, link_in(message, "reset_password"))
    textbox(page, "New password").fill(NEW_PASSWORD)
    textbox(page, "Repeat new password").fill(NEW_PASSWORD)
    click(page, main(page).get_by_role("button", name="Save my new password"))
    expect(main(page)).to_contain_text("Your password has been changed")

    sign_in(page, mail_app.url, MAIL_USER_EMAIL, OLD_PASSWORD)
    expect(errors(page)).to_contain_text("Email or password not recognised")
    sign_in(page, mail_app.url, MAIL_USER_EMAIL, NEW_PASSWORD)
    expect_signed_in(page, MAIL_USER_NAME)

    again = new_visitor().new_page()  # the link works once
    open_app(again, link_in(message, "reset_password"))
    expect(errors(again)).to_contain_text("expired or was already used")
    visitor.requests.assert_stayed_local()


def test_an_organisers_invite_arrives_and_is_accepted(mail_app, new_visitor):
    judge_email = unique_email("invited-judge")
    organiser = new_visitor().new_page()
    sign_in(organiser, mail_app.url, ORGANISER_EMAIL, OLD_PASSWORD)
    expect_signed_in(organiser, ORGANISER_NAME)
    go_to(organiser, mail_app.url, "People")
    textbox(organiser, "Email address to invite").fill(judge_email)
    click(organiser, main(organiser).get_by_role("button", name="Send invite"))
    expect(main(organiser)).to_contain_text(f"Invite emailed to {judge_email}")

    message = message_to(mail_app.inbox, judge_email, 1)
    assert f"{ORGANISER_NAME} has invited you" in message.get_body(("plain",)).get_content()
    judge = new_visitor().new_page()
    open_app(judge, link_in(message, "accept_invite"))
    expect(main(judge)).to_contain_text(f"with the email {judge_email}")
    fill_account_form(
        judge, name="Ines Invited", password=NEW_PASSWORD, repeat=NEW_PASSWORD, email=None
    )
    click(judge, main(judge).get_by_role("button", name="Join"))
    expect_signed_in(judge, "Ines Invited")
    expect(judge.get_by_test_id("stSidebar")).to_contain_text("(Judge)")
