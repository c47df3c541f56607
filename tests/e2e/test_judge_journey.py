"""A judge's journeys in a real browser (issue 4): declare a conflict before seeing any proposal,
find the queue without that organisation's proposal, score one, reload and find the draft,
submit and see progress move; under blind review nothing in the page's DOM names who applied;
a proposal that is not theirs is refused by its typed address. Nothing leaves 127.0.0.1."""

import re

from conftest import (
    BLIND_AUTHOR,
    BLIND_BOROUGH,
    BLIND_BOROUGH_CODE,
    BLIND_ORGANISATION,
    BLIND_WEBSITE,
    JudgingCall,
)
from e2e_support import (
    click,
    errors,
    expect_signed_in,
    main,
    open_app,
    reload,
    sidebar_link,
    sign_in,
    textbox,
)
from playwright.sync_api import Locator, Page, expect

REASON = "I advised its founders in 2017."
SCORES = {  # criterion label -> level chosen
    "Impact on Londoners (weight 3)": "4: Good.",
    "Feasibility (weight 1)": "3: Fair.",
    "Value for money (weight 1)": "5: Excellent.",
}
TOTAL = "Total 75 out of 100."  # (3 x 75 + 1 x 50 + 1 x 100) / 5, each level rescaled to 0-100
COMMENT = "A clear plan with real evidence of need; the running costs need more detail."
NOTE = "Worth a site visit before the panel."
NOT_ASSIGNED = "This proposal is not assigned to you. Open one from My queue."
CONFLICTED = "You have a conflict of interest with this proposal's organisation"


def go(page: Page, title: str, heading: str | None = None) -> None:
    click(page, sidebar_link(page, title))
    expect(main(page).get_by_role("heading", name=heading or title, level=1)).to_be_visible()


def criterion(page: Page, label: str) -> Locator:
    return main(page).get_by_role("radiogroup", name=label, exact=True)


def success(page: Page) -> Locator:
    return page.get_by_test_id("stAlertContentSuccess")


def declare_conflict(page: Page, organisation: str, reason: str) -> None:
    box = main(page).get_by_role("combobox", name="Organisation")
    box.click()
    page.keyboard.type(organisation.split()[0])  # the list is virtual: filter it first
    page.get_by_role("option", name=organisation, exact=True).click()
    textbox(page, "Why you are conflicted").fill(reason)
    click(page, main(page).get_by_role("button", name="Declare this conflict"))


def expect_queue(page: Page, progress: str, shown: list, hidden: list) -> None:
    expect(main(page).get_by_test_id("stProgress")).to_contain_text(progress)
    for proposal in shown:
        expect(main(page)).to_contain_text(f"{proposal.reference} · {proposal.title}")
    for proposal in hidden:
        expect(main(page)).not_to_contain_text(proposal.reference)
        expect(main(page)).not_to_contain_text(proposal.title)


def queue_row(page: Page, proposal, others: list) -> Locator:  # type: ignore[no-untyped-def]
    """The blocks of My queue naming this proposal and no other (its bordered row and parts)."""
    row = main(page).get_by_test_id("stVerticalBlock").filter(has_text=proposal.reference)
    for other in others:
        row = row.filter(has_not_text=other.reference)
    return row


def expect_refused(page: Page, message: str, proposal) -> None:  # type: ignore[no-untyped-def]
    expect(errors(page)).to_contain_text(message)
    expect(main(page).get_by_role("link", name="Go to My queue")).to_be_visible()
    for text in (proposal.reference, proposal.title, proposal.summary, proposal.organisation):
        expect(main(page)).not_to_contain_text(text)
    expect(main(page).get_by_role("radiogroup")).to_have_count(0)
    expect(main(page).get_by_role("button", name="Save draft")).to_have_count(0)


def test_a_judge_declares_a_conflict_then_scores_saves_a_draft_and_submits(
    judging_call: JudgingCall, visitor
):
    call = judging_call
    first, conflicted, last = call.assigned
    page = visitor.new_page()
    sign_in(page, call.url, call.new_judge)
    expect_signed_in(page, call.new_judge_name)

    # No proposal before the declaration is confirmed: the queue sends the judge to Conflicts.
    go(page, "My queue")
    expect(main(page)).to_contain_text("Before you see any proposal, declare your conflicts")
    for proposal in call.assigned:
        expect(main(page)).not_to_contain_text(proposal.title)
    click(page, main(page).get_by_role("link", name="Declare your conflicts"))
    expect(main(page).get_by_role("heading", name="Conflicts of interest")).to_be_visible()

    declare_conflict(page, conflicted.organisation, REASON)
    expect(success(page)).to_contain_text(
        f"Declared: {conflicted.organisation}. You will not be shown its proposals."
    )
    expect(main(page)).to_contain_text("Your declared conflicts (1)")
    expect(main(page)).to_contain_text(f"{conflicted.organisation}: {REASON}")

    confirm = main(page).get_by_role("button", name="Confirm and see my proposals")
    click(page, confirm)  # without ticking the box: refused, and said why
    expect(errors(page)).to_contain_text("Tick the box to confirm your list is complete.")
    main(page).get_by_text("I have declared every conflict of interest").click()
    click(page, confirm)
    expect(success(page).first).to_contain_text("Thank you. Your proposals are in My queue.")
    click(page, main(page).get_by_role("link", name="Go to My queue"))

    expect(main(page).get_by_role("heading", name="My queue", level=1)).to_be_visible()
    expect_queue(page, "0 of 2 scored", [first, last], [conflicted])

    # The conflicted proposal is refused even by its typed address.
    open_app(page, f"{call.url}/score?proposal={conflicted.id}")
    expect_refused(page, CONFLICTED, conflicted)

    go(page, "My queue")
    click(page, main(page).get_by_role("link", name="Score the next unscored proposal"))
    heading = f"{first.reference} · {first.title}"
    expect(main(page).get_by_role("heading", name=heading)).to_be_visible()
    assert f"proposal={first.id}" in page.url
    for label, level in SCORES.items():
        criterion(page, label).get_by_text(level, exact=True).click()
    main(page).get_by_role("radiogroup", name="Your confidence in this review").get_by_text(
        "Medium", exact=True
    ).click()
    textbox(page, "Comment for the applicant (required)").fill(COMMENT)
    textbox(page, "Note for the panel (optional)").fill(NOTE)
    click(page, main(page).get_by_role("button", name="Save draft"))
    expect(success(page)).to_contain_text(re.compile(r"Draft saved at \d\d:\d\d\."))
    expect(main(page)).to_contain_text("Draft saved at")

    reload(page)
    expect(main(page).get_by_role("heading", name=heading)).to_be_visible()
    expect(main(page)).to_contain_text("Draft saved at")
    for label, level in SCORES.items():
        expect(criterion(page, label).get_by_role("radio", name=level)).to_be_checked()
    confidence = main(page).get_by_role("radiogroup", name="Your confidence in this review")
    expect(confidence.get_by_role("radio", name="Medium")).to_be_checked()
    expect(textbox(page, "Comment for the applicant (required)")).to_have_value(COMMENT)
    expect(textbox(page, "Note for the panel (optional)")).to_have_value(NOTE)

    click(page, main(page).get_by_role("button", name="Submit review"))
    expect(success(page).filter(has_text="Review submitted. Thank you.")).to_be_visible()
    expect(main(page)).to_contain_text(f"Submitted. {TOTAL}")
    expect(main(page).get_by_role("button", name="Save changes")).to_be_visible()

    go(page, "My queue")
    expect_queue(page, "1 of 2 scored", [first, last], [conflicted])
    first_row = queue_row(page, first, others=[last])
    expect(first_row.filter(has_text="Submitted")).not_to_have_count(0)
    expect(first_row.filter(has_text="Draft saved")).to_have_count(0)
    expect(
        main(page).get_by_role("link", name="Score the next unscored proposal")
    ).to_have_attribute("href", re.compile(rf"proposal={last.id}$"))
    visitor.requests.assert_stayed_local()


def test_under_blind_review_nothing_in_the_page_names_who_applied(
    judging_call: JudgingCall, visitor
):
    call = judging_call
    blind = next(p for p in call.assigned if p.organisation == BLIND_ORGANISATION)
    page = visitor.new_page()
    sign_in(page, call.url, call.declared_judge)
    expect_signed_in(page, call.declared_judge_name)

    open_app(page, f"{call.url}/score?proposal={blind.id}")
    expect(
        main(page).get_by_role("heading", name=f"{blind.reference} · {blind.title}")
    ).to_be_visible()
    expect(main(page)).to_contain_text("Blind review: who applied is hidden from judges")
    # The applicant named themselves in their summary: the words are shown, the name is not.
    redacted = blind.summary.replace(BLIND_ORGANISATION, "[the applicant]")
    expect(main(page)).to_contain_text(redacted)
    expect(main(page).get_by_role("button", name="Submit review")).to_be_visible()
    expect(main(page).get_by_text("Abstain from this proposal")).to_be_visible()

    html = page.content()
    assert redacted in html and blind.title in html  # the DOM holds the drawn proposal
    secrets = [
        BLIND_ORGANISATION,
        *BLIND_ORGANISATION.split()[:2],
        BLIND_WEBSITE,
        BLIND_BOROUGH,
        BLIND_BOROUGH_CODE,
        BLIND_AUTHOR,
    ]
    found = [secret for secret in secrets if secret.lower() in html.lower()]
    assert not found, f"the blind Score page's DOM names the applicant: {found}"

    go(page, "My queue")
    expect_queue(page, "0 of 3 scored", list(call.assigned), [])
    html = page.content()
    assert not [p.organisation for p in call.assigned if p.organisation in html]
    visitor.requests.assert_stayed_local()


def test_a_judge_typing_the_address_of_a_proposal_not_theirs_is_refused(
    judging_call: JudgingCall, visitor
):
    call = judging_call
    page = visitor.new_page()
    sign_in(page, call.url, call.declared_judge)
    expect_signed_in(page, call.declared_judge_name)

    open_app(page, f"{call.url}/score?proposal={call.unassigned.id}")
    expect(main(page).get_by_role("heading", name="Score", level=1)).to_be_visible()
    expect_refused(page, NOT_ASSIGNED, call.unassigned)
    assert call.unassigned.organisation not in page.content()

    open_app(page, f"{call.url}/score?proposal=987654")  # no such proposal: the same words
    expect_refused(page, NOT_ASSIGNED, call.unassigned)

    click(page, main(page).get_by_role("link", name="Go to My queue"))
    expect(main(page).get_by_role("heading", name="My queue", level=1)).to_be_visible()
    expect_queue(page, "0 of 3 scored", list(call.assigned), [call.unassigned])
    visitor.requests.assert_stayed_local()
