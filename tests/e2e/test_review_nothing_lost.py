"""Nothing a judge types is lost (issue 9), in a real browser: a second tab that submitted or
saved a draft meanwhile makes a save refuse next to the buttons, with the typed values kept and
the database unchanged; the review saves itself and comes back after another page and after a
new sign-in; leaving with unsent typing asks first; a paste over a limit is kept and counted."""

from conftest import JudgedProposal, JudgingCall
from e2e_support import (
    click,
    expect_signed_in,
    main,
    open_app,
    sign_in,
    sign_out,
    textbox,
    wait_for_app,
)
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import create_engine, text

COMMENT = "Comment for the applicant (required)"
NOTE = "Note for the panel (optional)"
IMPACT = "Impact on Londoners (weight 3)"
FEASIBILITY = "Feasibility (weight 1)"
VALUE = "Value for money (weight 1)"
MINE = "Tab A's comment: the plan is clear and the costs are well argued throughout."
THEIRS = "Tab B's comment: strong evidence of need, but the pilot sites are not yet agreed."
OTHER_JUDGE = "casey.other@example.org"


def stored_review(call: JudgingCall, email: str, proposal: JudgedProposal) -> dict | None:
    """The review as stored (state, comment, version, scores by criterion key), or None."""
    engine = create_engine(call.database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text(
                    "SELECT r.id, r.state, r.comment_for_applicant, r.version FROM review r "
                    "JOIN app_user u ON u.id = r.judge_id "
                    "WHERE u.email = :email AND r.proposal_id = :proposal"
                ),
                {"email": email, "proposal": proposal.id},
            ).first()
            if row is None:
                return None
            scores = connection.execute(
                text(
                    "SELECT c.key, s.score FROM review_score s "
                    "JOIN criterion c ON c.id = s.criterion_id WHERE s.review_id = :id"
                ),
                {"id": row.id},
            ).all()
    finally:
        engine.dispose()
    return {
        "state": row.state,
        "comment": row.comment_for_applicant,
        "version": row.version,
        "scores": dict(scores),
    }


def open_review(page: Page, call: JudgingCall, proposal: JudgedProposal) -> None:
    open_app(page, f"{call.url}/score?proposal={proposal.id}")
    heading = f"{proposal.reference} · {proposal.title}"
    expect(main(page).get_by_role("heading", name=heading)).to_be_visible()


def criterion(page: Page, label: str) -> Locator:
    return main(page).get_by_role("radiogroup", name=label, exact=True)


def score(page: Page, values: dict[str, str], confidence: str, comment: str) -> None:
    """Choose each level, the confidence and type the comment (committed by leaving the box)."""
    for label, level in values.items():
        click(page, criterion(page, label).get_by_text(level, exact=True))
    confidence_group = criterion(page, "Your confidence in this review")
    click(page, confidence_group.get_by_text(confidence, exact=True))
    textbox(page, COMMENT).fill(comment)
    textbox(page, COMMENT).press("Tab")
    wait_for_app(page)


def expect_scores(page: Page, values: dict[str, str], comment: str) -> None:
    for label, level in values.items():
        expect(criterion(page, label).get_by_role("radio", name=level)).to_be_checked()
    expect(textbox(page, COMMENT)).to_have_value(comment)


def autosaved(page: Page) -> Locator:
    return page.locator(".st-key-civic_autosave_status")


def stale_panel(page: Page) -> Locator:
    return page.locator("[class*='st-key-civic_stale_panel_score']")


MINE_SCORES = {IMPACT: "5: Excellent.", FEASIBILITY: "4: Good.", VALUE: "4: Good."}
THEIR_SCORES = {IMPACT: "2: Weak.", FEASIBILITY: "2: Weak.", VALUE: "3: Fair."}


def two_tabs(call: JudgingCall, visitor, proposal: JudgedProposal) -> tuple[Page, Page]:
    tab_a = visitor.new_page()
    sign_in(tab_a, call.url, call.declared_judge)
    expect_signed_in(tab_a, call.declared_judge_name)
    tab_b = visitor.new_page()
    open_review(tab_a, call, proposal)
    open_review(tab_b, call, proposal)
    return tab_a, tab_b


def test_a_stale_submit_after_another_tab_submitted_is_refused_beside_the_buttons(
    judging_call: JudgingCall, visitor
):
    call, proposal = judging_call, judging_call.assigned[0]
    tab_a, tab_b = two_tabs(call, visitor, proposal)
    score(tab_b, THEIR_SCORES, "High", THEIRS)
    click(tab_b, main(tab_b).get_by_role("button", name="Submit review"))
    expect(main(tab_b)).to_contain_text("Review submitted. Thank you.")
    before = stored_review(call, call.declared_judge, proposal)
    assert before and before["state"] == "submitted" and before["comment"] == THEIRS

    tab_a.bring_to_front()
    score(tab_a, MINE_SCORES, "Low", MINE)
    click(tab_a, main(tab_a).get_by_role("button", name="Submit review"))
    panel = stale_panel(tab_a)
    expect(panel).to_be_in_viewport()
    expect(panel).to_contain_text("Not saved: this was changed elsewhere")
    expect(panel.get_by_role("table")).to_contain_text(MINE)
    expect(panel.get_by_role("table")).to_contain_text(THEIRS)
    expect(panel.get_by_role("table")).to_contain_text("Submitted at")
    expect_scores(tab_a, MINE_SCORES, MINE)  # typed values kept, not refilled with B's
    assert stored_review(call, call.declared_judge, proposal) == before  # nothing written

    # A second click still refuses (the button now says what it does to a submitted review):
    # B's values are never submitted as A's.
    click(tab_a, main(tab_a).get_by_role("button", name="Save changes"))
    expect(stale_panel(tab_a)).to_be_visible()
    assert stored_review(call, call.declared_judge, proposal) == before

    click(tab_a, stale_panel(tab_a).get_by_role("button", name="Keep mine"))
    expect(main(tab_a)).to_contain_text("Changes to your submitted review saved.")
    after = stored_review(call, call.declared_judge, proposal)
    assert after["comment"] == MINE and after["state"] == "submitted"
    assert after["scores"] == {"impact": 5, "feasibility": 4, "value": 4}
    expect(stale_panel(tab_a)).to_have_count(0)


def test_a_stale_draft_after_another_tab_saved_a_draft_keeps_both_until_the_judge_chooses(
    judging_call: JudgingCall, visitor
):
    call, proposal = judging_call, judging_call.assigned[1]
    tab_a, tab_b = two_tabs(call, visitor, proposal)
    score(tab_b, THEIR_SCORES, "High", THEIRS)
    click(tab_b, main(tab_b).get_by_role("button", name="Save draft"))
    expect(main(tab_b)).to_contain_text("Draft saved at")
    before = stored_review(call, call.declared_judge, proposal)
    assert before and before["state"] == "draft" and before["comment"] == THEIRS

    tab_a.bring_to_front()
    score(tab_a, MINE_SCORES, "Low", MINE)
    click(tab_a, main(tab_a).get_by_role("button", name="Save draft"))
    expect(stale_panel(tab_a)).to_be_in_viewport()
    expect(stale_panel(tab_a).get_by_role("table")).to_contain_text("Draft saved at")
    expect_scores(tab_a, MINE_SCORES, MINE)
    assert stored_review(call, call.declared_judge, proposal) == before
    # Submitting from the stale tab is refused too: B's draft is not submitted as A's review.
    click(tab_a, main(tab_a).get_by_role("button", name="Submit review"))
    expect(stale_panel(tab_a)).to_be_visible()
    expect_scores(tab_a, MINE_SCORES, MINE)
    assert stored_review(call, call.declared_judge, proposal) == before

    click(tab_a, stale_panel(tab_a).get_by_role("button", name="Use the saved version"))
    expect(main(tab_a)).to_contain_text("The saved version is in the form now.")
    expect_scores(tab_a, THEIR_SCORES, THEIRS)
    assert stored_review(call, call.declared_judge, proposal) == before


def test_the_review_saves_itself_and_comes_back_after_another_page_and_a_new_sign_in(
    judging_call: JudgingCall, visitor, new_visitor
):
    call, proposal = judging_call, judging_call.assigned[2]
    page = visitor.new_page()
    sign_in(page, call.url, call.declared_judge)
    expect_signed_in(page, call.declared_judge_name)
    open_review(page, call, proposal)
    chosen = {IMPACT: "3: Fair.", FEASIBILITY: "5: Excellent."}
    score(page, chosen, "Medium", MINE)
    expect(autosaved(page)).to_contain_text("Draft saved at")
    assert stored_review(call, call.declared_judge, proposal) is None  # the review is untouched

    click(page, page.get_by_test_id("stSidebar").get_by_role("link", name="My queue"))
    expect(main(page).get_by_role("heading", name="My queue", level=1)).to_be_visible()
    open_review(page, call, proposal)
    expect_scores(page, chosen, MINE)
    expect(autosaved(page)).to_contain_text("Draft saved at")

    sign_out(page)
    again = new_visitor().new_page()
    sign_in(again, call.url, call.declared_judge)
    expect_signed_in(again, call.declared_judge_name)
    open_review(again, call, proposal)
    expect_scores(again, chosen, MINE)


def close_without_prompt(page: Page) -> None:
    """Close the tab as a person would; fails if the browser asks "Leave site?" first (the
    prompt is dismissed, so the page never closes)."""
    page.on("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("close"):
        page.close(run_before_unload=True)


def close_expecting_prompt(page: Page) -> str:
    """Close the tab; the prompt's type, answered "Stay on page"."""
    with page.expect_event("dialog") as raised:
        page.close(run_before_unload=True)
    dialog = raised.value
    dialog.dismiss()
    return dialog.type


def test_leaving_asks_first_only_while_something_typed_is_not_saved(
    judging_call: JudgingCall, new_visitor
):
    call, proposal = judging_call, judging_call.unassigned
    page = new_visitor().new_page()
    sign_in(page, call.url, OTHER_JUDGE)
    expect_signed_in(page, "Casey Other")
    open_review(page, call, proposal)
    click(page, criterion(page, IMPACT).get_by_text("4: Good.", exact=True))
    expect(autosaved(page)).to_contain_text("Draft saved at")
    close_without_prompt(page)  # saved: leaving does not ask
    assert page.is_closed()

    page = new_visitor().new_page()
    sign_in(page, call.url, OTHER_JUDGE)
    expect_signed_in(page, "Casey Other")
    open_review(page, call, proposal)
    textbox(page, NOTE).click()
    page.keyboard.type("Typed but not yet sent")
    assert close_expecting_prompt(page) == "beforeunload"
    assert not page.is_closed()  # the judge chose to stay, and the text is still there
    expect(textbox(page, NOTE)).to_have_value("Typed but not yet sent")


def test_a_paste_one_character_over_a_limit_is_kept_and_counted(
    judging_call: JudgingCall, new_visitor
):
    call, proposal = judging_call, judging_call.unassigned
    page = new_visitor().new_page()
    sign_in(page, call.url, OTHER_JUDGE)
    expect_signed_in(page, "Casey Other")
    open_review(page, call, proposal)
    for label in (COMMENT, NOTE):
        pasted = "x" * 2001
        box = textbox(page, label)
        box.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.insert_text(pasted)  # as a paste: one insertion, not keystrokes
        box.press("Tab")
        wait_for_app(page)
        expect(box).to_have_value(pasted)
        expect(main(page)).to_contain_text("2,001 / 2,000 characters: 1 too many")
    click(page, main(page).get_by_role("button", name="Save draft"))
    outcome = page.locator(".st-key-civic_here_box_score")
    expect(outcome).to_contain_text("Shorten the text marked above before you submit.")
    expect(outcome).to_be_focused()  # keyboard users land on what happened
    expect(outcome).to_be_in_viewport()
    expect(textbox(page, COMMENT)).to_have_value("x" * 2001)
    click(page, main(page).get_by_role("button", name="Submit review"))
    expect(main(page)).to_contain_text("Keep the comment for the applicant to 2000 characters")
    expect(textbox(page, COMMENT)).to_have_value("x" * 2001)
