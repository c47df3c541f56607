"""A fresh install in a real browser: the first organiser signs in, creates the challenge on the
Set-up page, adds a theme and a statement, opens the call; a signed-out visitor then finds the
challenge, its theme and its statement on the landing page."""

import re

from e2e_support import click, expect_signed_in, main, open_app, sidebar_link, sign_in, textbox
from playwright.sync_api import Page, expect

NAME = "Civic Innovation Challenge 2026"


def choose(page: Page, label: str, option: str) -> None:
    box = main(page).get_by_role("combobox", name=label, exact=True)
    box.click()
    page.keyboard.type(option)  # the list is virtual: filter it so the option is drawn
    page.get_by_role("option", name=option, exact=True).click()


def spin(page: Page, label: str, value: str) -> None:
    main(page).get_by_role("spinbutton", name=label, exact=True).fill(value)


def test_a_fresh_install_becomes_an_open_call(cold_app_url, organiser, new_visitor):
    page = new_visitor().new_page()
    sign_in(page, cold_app_url, organiser.email, organiser.password)
    expect_signed_in(page, organiser.name)
    click(page, sidebar_link(page, "Set-up"))
    expect(main(page)).to_contain_text("There is no challenge yet. Create it here")

    textbox(page, "Name").fill(NAME)
    textbox(page, "Description").fill("Ideas from London's small firms for London's problems.")
    spin(page, "Budget (£)", "250000")
    spin(page, "Award ceiling (£)", "15000")
    click(page, main(page).get_by_role("button", name="Create the challenge"))
    expect(main(page)).to_contain_text(f"The challenge '{NAME}' is created")
    expect(main(page)).to_contain_text("Add a theme first")

    textbox(page, "Name").first.fill("Clean air")  # the theme's (the challenge's is further down)
    spin(page, "Target share of the budget (%)", "100")
    spin(page, "Target share of the awards (%)", "100")
    click(page, main(page).get_by_role("button", name="Save theme"))
    expect(main(page)).to_contain_text("Theme saved.")

    choose(page, "Theme", "Clean air")
    textbox(page, "Title").fill("Active travel")
    textbox(page, "Partner").fill("Transport for London")
    click(page, main(page).get_by_role("button", name="Save statement"))
    expect(main(page)).to_contain_text("Statement saved.")

    expect(main(page).get_by_role("combobox", name=re.compile("Move to"))).to_have_value(
        re.compile("Open: applicants write and submit")
    )
    click(page, main(page).get_by_role("button", name="Change phase"))
    expect(main(page)).to_contain_text("The challenge is now in its open phase.")

    visitor = new_visitor().new_page()
    open_app(visitor, cold_app_url)
    expect(main(visitor).get_by_role("heading", name=NAME, level=1)).to_be_visible()
    for words in ("Clean air", "Active travel", "Transport for London"):
        expect(main(visitor)).to_contain_text(words)
