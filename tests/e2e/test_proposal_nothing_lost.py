"""Nothing an applicant types is lost (issue 9), in a real browser: a second tab that saved or
submitted meanwhile makes a save refuse next to the buttons, typed values kept and the database
unchanged; the form saves itself and comes back after another page; a paste one character over
each limit is kept and counted; a file over the upload limit is refused in words, and the save
that follows says exactly what was kept. The organisation profile refuses a stale save and a
negative number in words, keeping what was typed."""

import re
from dataclasses import dataclass

import pytest
from conftest import OpenCall
from e2e_support import (
    click,
    expect_signed_in,
    main,
    open_app,
    sidebar_link,
    sign_in,
    textbox,
    wait_for_app,
)
from factories import make_organisation, make_proposal
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import text
from sqlmodel import select

from civic_challenge.db.models import Challenge, ChallengeStatement, ProposalBorough, User
from civic_challenge.domain.proposals import TEXT_LABELS, TEXT_LIMITS
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import create_user
from civic_challenge.services.database import open_database, transaction

PASSWORD = "correct horse battery"
STORED_TITLE = "Bike buses for school runs"
THEIR_TITLE = "Bike buses, as changed in tab B"
MY_TITLE = "Bike buses, as typed in tab A"
MY_SUMMARY = "Tab A's summary, typed after tab B saved."


@dataclass(frozen=True)
class Applicant:
    email: str
    proposal_id: int


def make_applicant(call: OpenCall, email: str, *, with_draft: bool = True) -> Applicant:
    """An applicant with an organisation and (unless told not to) a complete draft, everything
    but consent; `proposal_id` is 0 without a draft."""
    engine = open_database(call.database_url)
    try:
        with transaction(engine) as session:
            user = create_user(
                session=session, email=email, name="Pat Applicant", password=PASSWORD,
                repeat=PASSWORD, role=Role.APPLICANT,
            )  # fmt: skip
            organisation = make_organisation(
                session, name=f"Pedal Power {email[:6]} Ltd", employees=12,
                turnover_pence=450_000_00, borough_code="E09000012",
            )  # fmt: skip
            session.get(User, user.id).organisation_id = organisation.id
            if not with_draft:
                return Applicant(email, 0)
            challenge = session.exec(select(Challenge)).one()
            statement = session.exec(select(ChallengeStatement)).first()
            proposal = make_proposal(
                session, challenge, organisation, statement_id=statement.id,
                title=STORED_TITLE, summary="Convoys to school.", problem="Traffic fears.",
                solution="Marshalled convoys.", impact="More children cycling.",
                milestones="Six months.", amount_requested_pence=12_500_00,
                created_by_id=user.id,
            )  # fmt: skip
            session.add(ProposalBorough(proposal_id=proposal.id, borough_code="E09000012"))
            return Applicant(email, proposal.id)
    finally:
        engine.dispose()


def stored(call: OpenCall, proposal_id: int) -> dict:
    engine = open_database(call.database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT title, summary, status, version FROM proposal WHERE id = :id"),
                {"id": proposal_id},
            ).one()
            attached = connection.execute(
                text("SELECT filename FROM attachment WHERE proposal_id = :id"),
                {"id": proposal_id},
            ).all()
    finally:
        engine.dispose()
    return dict(row._mapping) | {"attachments": [a.filename for a in attached]}


def open_proposal(page: Page, call: OpenCall, applicant: Applicant) -> None:
    open_app(page, f"{call.url}/proposal?id={applicant.proposal_id}")
    expect(main(page).get_by_role("heading", name="Proposal", level=1)).to_be_visible()
    expect(textbox(page, "Title")).to_be_visible()


def signed_in(visitor, call: OpenCall, applicant: Applicant) -> Page:  # type: ignore[no-untyped-def]
    page = visitor.new_page()
    sign_in(page, call.url, applicant.email, PASSWORD)
    expect_signed_in(page, "Pat Applicant")
    return page


def type_into(page: Page, label: str, words: str) -> None:
    """Type into a field and leave it, as a person moving on does (the form then autosaves)."""
    box = textbox(page, label)
    box.fill(words)
    box.press("Tab")
    wait_for_app(page)


def stale_panel(page: Page) -> Locator:
    return page.locator("[class*='st-key-civic_stale_panel_proposal']")


def autosaved(page: Page) -> Locator:
    return page.locator(".st-key-civic_autosave_status")


def test_a_stale_draft_after_another_tab_saved_is_refused_beside_the_buttons(
    open_call: OpenCall, visitor
):
    applicant = make_applicant(open_call, "tabs-draft@example.org")
    tab_a = signed_in(visitor, open_call, applicant)
    tab_b = visitor.new_page()
    open_proposal(tab_a, open_call, applicant)
    open_proposal(tab_b, open_call, applicant)
    type_into(tab_b, "Title", THEIR_TITLE)
    click(tab_b, main(tab_b).get_by_role("button", name="Save draft"))
    expect(main(tab_b)).to_contain_text("Draft saved at")
    before = stored(open_call, applicant.proposal_id)
    assert before["title"] == THEIR_TITLE

    tab_a.bring_to_front()
    type_into(tab_a, "Title", MY_TITLE)
    type_into(tab_a, "Summary", MY_SUMMARY)
    click(tab_a, main(tab_a).get_by_role("button", name="Save draft"))
    panel = stale_panel(tab_a)
    expect(panel).to_be_in_viewport()
    expect(panel.get_by_role("table")).to_contain_text(MY_TITLE)
    expect(panel.get_by_role("table")).to_contain_text(THEIR_TITLE)
    expect(textbox(tab_a, "Title")).to_have_value(MY_TITLE)
    expect(textbox(tab_a, "Summary")).to_have_value(MY_SUMMARY)
    assert stored(open_call, applicant.proposal_id) == before

    click(tab_a, panel.get_by_role("button", name="Keep mine"))
    expect(main(tab_a)).to_contain_text(re.compile(r"Draft saved at \d\d:\d\d\."))
    after = stored(open_call, applicant.proposal_id)
    assert (after["title"], after["summary"]) == (MY_TITLE, MY_SUMMARY)


def test_a_stale_save_after_another_tab_submitted_is_refused_and_the_saved_version_can_be_used(
    open_call: OpenCall, visitor
):
    applicant = make_applicant(open_call, "tabs-submit@example.org")
    tab_a = signed_in(visitor, open_call, applicant)
    tab_b = visitor.new_page()
    open_proposal(tab_a, open_call, applicant)
    open_proposal(tab_b, open_call, applicant)
    main(tab_b).get_by_text("I confirm the information in this proposal").click()
    wait_for_app(tab_b)
    click(tab_b, main(tab_b).get_by_role("button", name="Submit proposal"))
    expect(tab_b.get_by_test_id("stAlertContentSuccess").first).to_contain_text("Your reference is")
    before = stored(open_call, applicant.proposal_id)
    assert before["status"] == "submitted"

    tab_a.bring_to_front()
    type_into(tab_a, "Title", MY_TITLE)
    click(tab_a, main(tab_a).get_by_role("button", name="Save draft"))
    expect(stale_panel(tab_a)).to_be_in_viewport()
    expect(stale_panel(tab_a).get_by_role("table")).to_contain_text("Submitted")
    expect(textbox(tab_a, "Title")).to_have_value(MY_TITLE)
    assert stored(open_call, applicant.proposal_id) == before
    # The form now says what its button does to a submitted proposal; a second click still
    # refuses, so tab B's submission is never overwritten without a choice.
    click(tab_a, main(tab_a).get_by_role("button", name="Save changes"))
    expect(stale_panel(tab_a)).to_be_in_viewport()
    expect(textbox(tab_a, "Title")).to_have_value(MY_TITLE)
    assert stored(open_call, applicant.proposal_id) == before

    click(tab_a, stale_panel(tab_a).get_by_role("button", name="Use the saved version"))
    expect(main(tab_a)).to_contain_text("The saved version is in the form now.")
    expect(textbox(tab_a, "Title")).to_have_value(STORED_TITLE)
    assert stored(open_call, applicant.proposal_id) == before


def test_the_form_saves_itself_and_comes_back_after_another_page(open_call: OpenCall, visitor):
    applicant = make_applicant(open_call, "autosave@example.org")
    page = signed_in(visitor, open_call, applicant)
    open_proposal(page, open_call, applicant)
    type_into(page, "Title", MY_TITLE)
    expect(autosaved(page)).to_contain_text(re.compile(r"Draft saved at \d\d:\d\d\."))
    assert stored(open_call, applicant.proposal_id)["title"] == STORED_TITLE  # untouched
    click(page, sidebar_link(page, "My organisation"))
    expect(main(page).get_by_role("heading", name="My organisation", level=1)).to_be_visible()
    click(page, sidebar_link(page, "Proposal"))
    expect(textbox(page, "Title")).to_have_value(MY_TITLE)


def test_a_new_proposal_comes_back_after_another_page_and_a_reload(open_call: OpenCall, visitor):
    applicant = make_applicant(open_call, "new-draft@example.org", with_draft=False)
    page = signed_in(visitor, open_call, applicant)
    open_app(page, f"{open_call.url}/proposal")
    expect(textbox(page, "Title")).to_have_value("")
    type_into(page, "Title", MY_TITLE)
    expect(autosaved(page)).to_contain_text(re.compile(r"Draft saved at \d\d:\d\d\."))
    click(page, sidebar_link(page, "My organisation"))
    expect(main(page).get_by_role("heading", name="My organisation", level=1)).to_be_visible()
    click(page, sidebar_link(page, "Proposal"))
    expect(textbox(page, "Title")).to_have_value(MY_TITLE)
    open_app(page, f"{open_call.url}/proposal")  # a reload, or the address typed again
    expect(textbox(page, "Title")).to_have_value(MY_TITLE)


def paste(page: Page, label: str, words: str) -> None:
    box = textbox(page, label)
    box.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(words)  # one insertion, as a paste is
    box.press("Tab")
    wait_for_app(page)


def test_a_paste_one_character_over_each_limit_is_kept_and_counted(open_call: OpenCall, visitor):
    applicant = make_applicant(open_call, "paste@example.org")
    page = signed_in(visitor, open_call, applicant)
    open_proposal(page, open_call, applicant)
    before = stored(open_call, applicant.proposal_id)
    for name, limit in TEXT_LIMITS.items():
        pasted = "y" * (limit + 1)
        paste(page, TEXT_LABELS[name], pasted)
        expect(textbox(page, TEXT_LABELS[name])).to_have_value(pasted)
        counter = page.locator(f".st-key-civic_count_pf_{name}")
        expect(counter).to_contain_text(f"{limit + 1:,} / {limit:,} characters: 1 too many")
    click(page, main(page).get_by_role("button", name="Save draft"))
    expect(main(page)).to_contain_text("Shorten the text marked above before you submit.")
    assert stored(open_call, applicant.proposal_id) == before  # kept by the autosave only
    main(page).get_by_text("I confirm the information in this proposal").click()
    wait_for_app(page)
    click(page, main(page).get_by_role("button", name="Submit proposal"))
    expect(main(page)).to_contain_text("Title: use at most 150 characters")
    for name, limit in TEXT_LIMITS.items():
        expect(textbox(page, TEXT_LABELS[name])).to_have_value("y" * (limit + 1))
    assert stored(open_call, applicant.proposal_id) == before


@pytest.fixture
def big_pdf(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "big-plan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    return path


def test_a_file_over_the_upload_limit_is_refused_in_words_and_the_save_says_what_was_kept(
    open_call: OpenCall, visitor, big_pdf
):
    applicant = make_applicant(open_call, "upload@example.org")
    page = signed_in(visitor, open_call, applicant)
    open_proposal(page, open_call, applicant)
    main(page).locator("input[type='file']").set_input_files(big_pdf)
    wait_for_app(page)
    refusal = "big-plan.pdf cannot be attached: it is 11.0 MB, the limit is 10.0 MB"
    expect(main(page)).to_contain_text(refusal)
    type_into(page, "Title", MY_TITLE)
    click(page, main(page).get_by_role("button", name="Save draft"))
    expect(main(page)).to_contain_text(
        re.compile(
            r"Draft saved at \d\d:\d\d; your new file big-plan\.pdf was not attached: "
            r"it is 11\.0 MB, the limit is 10\.0 MB\."
        )
    )
    after = stored(open_call, applicant.proposal_id)
    assert after["title"] == MY_TITLE and after["attachments"] == []


def organisation_value(call: OpenCall, email: str) -> int | None:
    engine = open_database(call.database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT o.employees FROM organisation o JOIN app_user u "
                    "ON u.organisation_id = o.id WHERE u.email = :email"
                ),
                {"email": email},
            ).scalar_one()
    finally:
        engine.dispose()


def test_the_organisation_profile_refuses_a_stale_save_and_a_negative_number_in_words(
    open_call: OpenCall, visitor
):
    applicant = make_applicant(open_call, "profile@example.org")
    tab_a = signed_in(visitor, open_call, applicant)
    tab_b = visitor.new_page()
    for tab in (tab_a, tab_b):
        open_app(tab, f"{open_call.url}/my_organisation")
        expect(main(tab).get_by_role("button", name="Save profile")).to_be_visible()
    employees = "Number of employees"
    main(tab_b).get_by_role("spinbutton", name=employees).fill("20")
    click(tab_b, main(tab_b).get_by_role("button", name="Save profile"))
    expect(main(tab_b)).to_contain_text("Your organisation's profile is saved.")
    assert organisation_value(open_call, applicant.email) == 20

    tab_a.bring_to_front()
    main(tab_a).get_by_role("spinbutton", name=employees).fill("-3")
    click(tab_a, main(tab_a).get_by_role("button", name="Save profile"))
    expect(main(tab_a)).to_contain_text("Enter the number of employees as 0 or more.")
    expect(main(tab_a).get_by_role("spinbutton", name=employees)).to_have_value("-3")

    main(tab_a).get_by_role("spinbutton", name=employees).fill("30")
    click(tab_a, main(tab_a).get_by_role("button", name="Save profile"))
    expect(main(tab_a)).not_to_contain_text("Enter the number of employees as 0 or more.")
    panel = tab_a.locator("[class*='st-key-civic_stale_panel_organisation']")
    expect(panel).to_be_in_viewport()
    expect(panel.get_by_role("table")).to_contain_text("30")
    expect(panel.get_by_role("table")).to_contain_text("20")
    expect(main(tab_a).get_by_role("spinbutton", name=employees)).to_have_value("30")
    assert organisation_value(open_call, applicant.email) == 20
    click(tab_a, panel.get_by_role("button", name="Keep mine"))
    expect(main(tab_a)).to_contain_text("Your organisation's profile is saved.")
    assert organisation_value(open_call, applicant.email) == 30
