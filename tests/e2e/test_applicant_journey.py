"""An applicant's whole journey in a real browser: register, describe the organisation, write a
draft, reload, carry on, attach a PDF, submit, download the receipt, withdraw; and after the
deadline the proposal is read-only with the reason."""

import io
import re
from datetime import timedelta

from conftest import serve
from e2e_support import (
    click,
    main,
    open_app,
    register_and_sign_in,
    reload,
    sidebar_link,
    sign_in,
    textbox,
    unique_email,
    wait_for_app,
)
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from civic_challenge.domain.proposals import deadline_words

NAME = "Pat Applicant"
TEXTS = {
    "Summary": "Volunteer-led cycle convoys taking children to school safely.",
    "The problem": "Few children cycle to school because parents fear traffic.",
    "Your solution": "Marshalled convoys on fixed routes, booked through an app.",
    "Impact on Londoners": "500 children cycling weekly; fewer car trips at drop-off.",
    "Pilot plan and milestones": "Month 1 routes; month 2 volunteers; months 3-6 running.",
}


def tiny_pdf(path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def choose(page: Page, label: str, option: str, *, many: bool = False) -> None:
    """Pick `option` in the select box or multiselect labelled `label`."""
    box = main(page).get_by_role("combobox", name=re.compile(re.escape(label)))
    box.click()
    page.keyboard.type(option)  # the list is virtual: filter it so the option is drawn
    page.get_by_role("option", name=option, exact=True).click()
    if many:  # a multiselect stays open for more
        page.keyboard.press("Escape")


def go(page: Page, title: str) -> None:
    click(page, sidebar_link(page, title))
    expect(main(page).get_by_role("heading", name=title, level=1)).to_be_visible()


def create_organisation(page: Page) -> None:
    go(page, "My organisation")
    expect(main(page)).to_contain_text("Fill in your organisation's profile")
    textbox(page, "Organisation name").fill("Pedal Power Ltd")
    textbox(page, "Companies House number (if registered)").fill("sc 123456")
    main(page).get_by_role("spinbutton", name="Number of employees").fill("12")
    textbox(page, "Annual turnover (£)").fill("450,000")
    choose(page, "London borough", "Hackney")
    click(page, main(page).get_by_role("button", name="Create organisation"))
    expect(main(page)).to_contain_text("Your organisation's profile is saved.")
    expect(main(page)).to_contain_text("meets this challenge's rules")


def test_an_applicant_writes_submits_and_withdraws_then_the_deadline_locks_it(
    open_call, new_visitor, tmp_path
):
    page = new_visitor().new_page()
    email = unique_email("pat")
    register_and_sign_in(page, open_call.url, name=NAME, email=email)
    expect(main(page)).to_contain_text(f"Welcome, {NAME}")
    create_organisation(page)

    go(page, "Proposal")
    textbox(page, "Title").fill("Bike buses for <b>school</b> runs")
    click(page, main(page).get_by_role("button", name="Save draft"))
    expect(main(page)).to_contain_text("Draft saved")

    reload(page)
    expect(textbox(page, "Title")).to_have_value("Bike buses for <b>school</b> runs")
    choose(page, "Challenge statement", "Active travel (Clean air)")
    for label, text in TEXTS.items():
        textbox(page, label).fill(text)
    textbox(page, "Amount requested (£)").fill("12,500")
    choose(page, "Pilot boroughs", "Hackney", many=True)
    pdf = tmp_path / "plan.pdf"
    tiny_pdf(pdf)
    main(page).locator("input[type='file']").set_input_files(pdf)
    wait_for_app(page)
    main(page).get_by_text("I confirm the information in this proposal").click()
    page.screenshot(path=tmp_path / "form.png", full_page=True)
    click(page, main(page).get_by_role("button", name="Submit proposal"))

    success = page.get_by_test_id("stAlertContentSuccess")
    expect(success).to_contain_text(re.compile(r"Your reference is CIC-\d{4}-0001"))
    reference = re.search(r"CIC-\d{4}-\d{4}", success.inner_text()).group(0)
    with page.expect_download() as download:
        main(page).get_by_role("button", name="Download your receipt").click()
    receipt = download.value.path().read_text()
    assert reference in receipt and "plan.pdf" in receipt and "£12,500" in receipt
    assert "Bike buses for <b>school</b> runs" in receipt

    click(page, main(page).get_by_role("button", name="Back to the proposal"))
    expect(main(page)).to_contain_text("Submitted: under review")
    main(page).get_by_text("I understand that a withdrawn proposal").click()
    click(page, main(page).get_by_role("button", name="Withdraw proposal"))
    expect(main(page)).to_contain_text("Your proposal has been withdrawn")
    expect(main(page)).to_contain_text("This proposal was withdrawn")
    go(page, "My proposals")
    expect(main(page)).to_contain_text("Withdrawn")
    expect(main(page)).to_contain_text("Bike buses for <b>school</b> runs")

    later = {"CIVIC_NOW": (open_call.closes_at + timedelta(hours=1)).isoformat()}
    log_dir = tmp_path / "after_deadline"
    log_dir.mkdir()
    with serve(open_call.database_url, log_dir, env_extra=later) as late_url:
        late = new_visitor().new_page()
        sign_in(late, late_url, email)
        open_app(late, f"{late_url}/proposal")
        expect(main(late)).to_contain_text(
            f"The deadline passed at {deadline_words(open_call.closes_at)}; "
            "this proposal can no longer be changed."
        )
        expect(textbox(late, "Title")).to_be_disabled()
        expect(main(late).get_by_role("button", name="Submit proposal")).to_have_count(0)
        expect(main(late).get_by_role("button", name="Save changes")).to_have_count(0)
