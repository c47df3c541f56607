"""Organiser forms in a real browser: nothing typed is lost.

Two tabs on Set-up: the second saves, the first's save is refused beside its button with what
changed, the first tab keeps what it typed and the database keeps the second's. Refused
screening and set-up saves keep every value; a negative number is refused in words next to its
field; a name pasted one character over the limit stays, counted.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from conftest import ORGANISER_EMAIL, ORGANISER_NAME, ORGANISER_PASSWORD, OpenCall, Visitor
from e2e_support import click, errors, expect_signed_in, main, open_app, sign_in, wait_for_app
from factories import make_organisation, make_proposal
from playwright.sync_api import Locator, Page, expect
from sqlmodel import select

from civic_challenge.db.models import Challenge, Proposal
from civic_challenge.domain.terms import ProposalStatus
from civic_challenge.services.database import open_database, transaction

REFUSED = "Not saved: this was changed elsewhere"


def organiser_page(visitor: Visitor, url: str, path: str, heading: str) -> Page:
    page = visitor.new_page()
    if not visitor.context.cookies():
        sign_in(page, url, ORGANISER_EMAIL, ORGANISER_PASSWORD)
        expect_signed_in(page, ORGANISER_NAME)
    open_app(page, f"{url}/{path}")
    expect(main(page).get_by_role("heading", name=heading, level=1)).to_be_visible()
    return page


def challenge_form(page: Page) -> Locator:
    return (
        main(page)
        .get_by_test_id("stForm")
        .filter(has=page.get_by_role("button", name="Save the challenge"))
    )


@dataclass(frozen=True)
class Stored:
    name: str
    description: str
    budget_pence: int


def stored_challenge(database_url: str) -> Stored:
    engine = open_database(database_url)
    try:
        with transaction(engine) as session:
            c = session.exec(select(Challenge)).one()
            return Stored(c.name, c.description, c.budget_pence)
    finally:
        engine.dispose()


def test_a_stale_tab_is_refused_in_view_and_keeps_what_it_typed(open_call: OpenCall, new_visitor):
    visitor = new_visitor()
    first = organiser_page(visitor, open_call.url, "setup", "Set-up")
    second = organiser_page(visitor, open_call.url, "setup", "Set-up")

    challenge_form(second).get_by_role("textbox", name="Name").fill("Saved in the other tab")
    click(second, challenge_form(second).get_by_role("button", name="Save the challenge"))
    expect(main(second)).to_contain_text("Challenge saved.")

    form = challenge_form(first)
    form.get_by_role("textbox", name="Name").fill("Typed in the first tab")
    form.get_by_role("spinbutton", name="Budget (£)").fill("123456")
    click(first, form.get_by_role("button", name="Save the challenge"))

    panel = main(first).locator(".st-key-civic_stale_panel_challenge")
    expect(panel).to_contain_text(REFUSED)
    expect(panel).to_be_in_viewport()
    expect(panel.get_by_role("table")).to_contain_text("Typed in the first tab")
    expect(panel.get_by_role("table")).to_contain_text("Saved in the other tab")
    expect(form.get_by_role("textbox", name="Name")).to_have_value("Typed in the first tab")
    expect(form.get_by_role("spinbutton", name="Budget (£)")).to_have_value("123456")
    stored = stored_challenge(open_call.database_url)
    assert stored.name == "Saved in the other tab"
    assert stored.budget_pence != 123456_00

    click(first, panel.get_by_role("button", name="Keep mine"))
    expect(main(first)).to_contain_text("Challenge saved.")
    stored = stored_challenge(open_call.database_url)
    assert (stored.name, stored.budget_pence) == ("Typed in the first tab", 123456_00)


def test_a_refused_set_up_save_keeps_values_and_a_negative_is_refused_in_words(
    open_call: OpenCall, new_visitor
):
    page = organiser_page(new_visitor(), open_call.url, "setup", "Set-up")
    form = challenge_form(page)
    form.get_by_role("textbox", name="Description").fill("Ideas from London's small firms.")
    form.get_by_role("spinbutton", name="Budget (£)").fill("-5")
    click(page, form.get_by_role("button", name="Save the challenge"))
    expect(form).to_contain_text("The budget cannot be negative (-£5 was entered)")
    expect(form.get_by_role("spinbutton", name="Budget (£)")).to_have_value("-5")
    expect(form.get_by_role("textbox", name="Description")).to_have_value(
        "Ideas from London's small firms."
    )
    assert stored_challenge(open_call.database_url).description == ""

    form.get_by_role("spinbutton", name="Budget (£)").fill("90000")
    click(page, form.get_by_role("button", name="Save the challenge"))
    expect(main(page)).to_contain_text("Challenge saved.")
    expect(form).not_to_contain_text("cannot be negative")
    stored = stored_challenge(open_call.database_url)
    assert (stored.budget_pence, stored.description) == (
        90000_00,
        "Ideas from London's small firms.",
    )


def test_a_name_pasted_one_over_the_limit_stays_and_is_counted(open_call: OpenCall, new_visitor):
    page = organiser_page(new_visitor(), open_call.url, "setup", "Set-up")
    form = challenge_form(page)
    name = form.get_by_role("textbox", name="Name")
    pasted = "Civic " + "n" * 195  # 201 characters
    name.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(pasted)  # as a paste: the browser would refuse it whole at maxlength
    click(page, form.get_by_role("button", name="Save the challenge"))
    expect(name).to_have_value(pasted)
    expect(form).to_contain_text("201 / 200 characters: 1 too many")
    expect(form).to_contain_text("The name is 201 characters: 1 too many (the limit is 200)")
    assert stored_challenge(open_call.database_url).name != pasted


def add_submitted_proposals(database_url: str, closes_at) -> list[str]:
    """Two submitted proposals from London firms; their references."""
    engine = open_database(database_url)
    try:
        with transaction(engine) as session:
            challenge = session.exec(select(Challenge)).one()
            references = []
            for n in range(2):
                organisation = make_organisation(session, borough_code="E09000012")
                proposal = make_proposal(
                    session, challenge, organisation, reference=f"CIC-E2E-{n}",
                    title=f"Screened idea {n}", status=ProposalStatus.SUBMITTED.value,
                    submitted_at=closes_at - timedelta(days=1), amount_requested_pence=5_000_00,
                )  # fmt: skip
                references.append(proposal.reference)
        return references
    finally:
        engine.dispose()


def proposal_status(database_url: str, reference: str) -> str:
    engine = open_database(database_url)
    try:
        with transaction(engine) as session:
            query = select(Proposal).where(Proposal.reference == reference)
            return session.exec(query).one().status
    finally:
        engine.dispose()


def test_refused_screening_keeps_the_reason_and_the_choice(open_call: OpenCall, new_visitor):
    first, _second = add_submitted_proposals(open_call.database_url, open_call.closes_at)
    page = organiser_page(new_visitor(), open_call.url, "screening", "Proposals")
    form = (
        main(page)
        .get_by_test_id("stForm")
        .filter(has=page.get_by_role("button", name="Record decision"))
    )
    form.get_by_text("Ineligible", exact=True).click()
    reason = form.get_by_role("textbox", name="Reason")
    reason.fill("Registered outside London.")
    click(page, form.get_by_role("button", name="Record decision"))
    expect(form).to_contain_text("Choose a proposal first.")
    expect(reason).to_have_value("Registered outside London.")
    expect(form.get_by_role("radio", name="Ineligible")).to_be_checked()

    form.get_by_role("combobox", name=re.compile("Proposal")).click()
    page.keyboard.type(first)
    page.get_by_role("option", name=re.compile(re.escape(first))).click()
    wait_for_app(page)
    reason.fill("")
    click(page, form.get_by_role("button", name="Record decision"))
    expect(form).to_contain_text("Say why")
    expect(form).not_to_contain_text("Choose a proposal first.")
    expect(form.get_by_role("combobox", name=re.compile("Proposal"))).to_have_value(
        re.compile(re.escape(first))
    )
    expect(form.get_by_role("radio", name="Ineligible")).to_be_checked()
    assert proposal_status(open_call.database_url, first) == "submitted"

    reason.fill("Registered outside London.")
    click(page, form.get_by_role("button", name="Record decision"))
    expect(main(page)).to_contain_text(f"Decision recorded: {first} is ineligible.")
    expect(errors(page)).to_have_count(0)
    assert proposal_status(open_call.database_url, first) == "ineligible"
