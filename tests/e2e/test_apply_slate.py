"""Applying the recommended slate in a real browser (issue 11): on the demo challenge with eight
proposals shortlisted, the confirmation lists every change the slate makes and nothing is
recorded before it is confirmed; cancelling records nothing; confirming records exactly the
slate's award decisions (pending), and the page says so next to the button.
"""

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import Visitor, make_demo_database, serve
from e2e_support import click, expect_signed_in, main, open_app, sign_in
from playwright.sync_api import Locator, Page, expect
from sqlmodel import col, select

from civic_challenge.db.accounts import find_user_by_email
from civic_challenge.db.models import Decision, Proposal
from civic_challenge.domain.demo_people import ORGANISER_NAME
from civic_challenge.domain.terms import DecisionStage, ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.database import open_database, transaction
from civic_challenge.services.demo import DEMO_PASSWORD, ORGANISER_EMAIL
from civic_challenge.services.shortlist import shortlist

SHORTLISTED = 8
WIDE = {"width": 2400, "height": 1200}  # every column of the tables drawn at once
HERE_BOX = ".st-key-civic_here_box_slate"


@pytest.fixture(scope="module")
def shortlisted_call(
    chromium_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The demo challenge with its first eligible proposals shortlisted by the organiser's
    service, served in demo mode; yields the server's URL and the database's."""
    folder = tmp_path_factory.mktemp("slate")
    world = make_demo_database(folder / "slate.db")
    engine = open_database(world.url)
    try:
        with transaction(engine) as session:
            organiser = UserView.of(find_user_by_email(session, ORGANISER_EMAIL))
            eligible = session.exec(
                select(Proposal.id)
                .where(Proposal.status == ProposalStatus.ELIGIBLE.value)
                .order_by(col(Proposal.id))
            ).all()[:SHORTLISTED]
            shortlist(
                session=session,
                actor=organiser,
                proposal_ids=[int(i) for i in eligible],
                now=datetime.now(UTC),
            )
    finally:
        engine.dispose()
    with serve(world.url, folder, env_extra={"CIVIC_DEMO_MODE": "true"}) as url:
        yield url, world.url


def award_decisions(database_url: str) -> dict[str, tuple[str, int | None, bool]]:
    """Award decisions as stored: reference -> (outcome, amount in pence, released)."""
    engine = open_database(database_url)
    try:
        with transaction(engine) as session:
            rows = session.exec(
                select(
                    Proposal.reference,
                    Decision.outcome,
                    Decision.amount_pence,
                    Decision.released_at,
                )
                .join(Proposal, col(Proposal.id) == Decision.proposal_id)
                .where(Decision.stage == DecisionStage.AWARD.value)
            ).all()
    finally:
        engine.dispose()
    return {
        str(ref): (outcome, amount, released is not None) for ref, outcome, amount, released in rows
    }


def table_rows(frame: Locator) -> list[list[str]]:
    """The cells of a data frame, read from the table it mirrors for screen readers."""
    expect(frame.locator("tbody tr").first).to_be_attached()
    return [
        [cell.strip() for cell in row.locator("td").all_text_contents()]
        for row in frame.locator("tbody tr").all()
    ]


def headers(frame: Locator) -> list[str]:
    expect(frame.locator("thead th", has_text="Reference")).to_be_attached()
    return [h.strip() for h in frame.locator("thead th").all_text_contents()]


def by_column(frame: Locator) -> list[dict[str, str]]:
    """Each row as {header: cell}, the last cells matched to the headers (a leading row-number
    cell, if drawn, is dropped)."""
    names = [name for name in headers(frame) if name]
    return [dict(zip(names, row[-len(names) :], strict=True)) for row in table_rows(frame)]


def pence(amount: str) -> int:
    """'£12,500' -> 1250000 (the page shows whole pounds or pounds and pence)."""
    return round(float(amount.replace("£", "").replace(",", "")) * 100)


def recommended(page: Page) -> dict[str, int]:
    """The recommended slate as the page shows it: reference -> amount in pence."""
    column = main(page).get_by_test_id("stColumn").filter(has_text="Recommended slate").last
    caption = column.get_by_test_id("stCaptionContainer").first
    count = int(re.match(r"(\d+) award", caption.inner_text()).group(1))  # type: ignore[union-attr]
    frame = column.get_by_test_id("stDataFrame")
    expect(frame.locator("tbody tr")).to_have_count(count)
    return {row["Reference"]: pence(row["Amount"]) for row in by_column(frame)}


def test_applying_the_slate_lists_every_change_then_records_exactly_those(
    shortlisted_call: tuple[str, str], new_visitor
):
    url, database_url = shortlisted_call
    person: Visitor = new_visitor()
    page = person.new_page()
    page.set_viewport_size(WIDE)
    sign_in(page, url, ORGANISER_EMAIL, DEMO_PASSWORD)
    expect_signed_in(page, ORGANISER_NAME)
    open_app(page, f"{url}/decisions")
    expect(main(page).get_by_role("heading", name="Recommended slate")).to_be_visible()
    slate = recommended(page)
    assert slate, "the recommended slate is empty: nothing to apply"
    assert award_decisions(database_url) == {}

    apply = main(page).get_by_role("button", name="Apply this slate…")
    click(page, apply)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"These {SHORTLISTED} award decisions will be recorded")
    changes = dialog.get_by_test_id("stDataFrame")
    expect(changes.locator("tbody tr")).to_have_count(SHORTLISTED)
    listed = by_column(changes)
    assert len(listed) == SHORTLISTED
    after = {row["Reference"]: row["After applying"] for row in listed}
    awarded = {ref: words for ref, words in after.items() if words.startswith("Award")}
    assert {ref: pence(words.removeprefix("Award ")) for ref, words in awarded.items()} == slate
    assert {words for ref, words in after.items() if ref not in slate} == {"Not awarded"}
    assert {row["Now"] for row in listed} == {"Not decided"}
    assert award_decisions(database_url) == {}, "recorded before it was confirmed"

    click(page, dialog.get_by_role("button", name="Cancel"))
    expect(dialog).to_have_count(0)
    assert award_decisions(database_url) == {}
    expect(page.locator(HERE_BOX)).to_have_count(0)

    click(page, apply)
    confirm = dialog.get_by_role("button", name=f"Record these {SHORTLISTED} decisions")
    click(page, confirm)
    expect(dialog).to_have_count(0)
    said = page.locator(HERE_BOX)
    expect(said).to_contain_text(f"Recorded {SHORTLISTED} award decisions from the slate.")
    button_box, said_box = apply.bounding_box(), said.bounding_box()
    assert button_box is not None and said_box is not None
    assert 0 <= said_box["y"] - (button_box["y"] + button_box["height"]) < 120  # just below it

    stored = award_decisions(database_url)
    assert set(stored) == set(after)
    assert {
        ref: amount for ref, (outcome, amount, _) in stored.items() if outcome == "yes"
    } == slate
    assert {outcome for ref, (outcome, _, _) in stored.items() if ref not in slate} == {"no"}
    assert not any(released for _, _, released in stored.values())
    person.requests.assert_stayed_local()
