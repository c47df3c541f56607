"""An organiser's journeys in a real browser (issues 5 and 6), on the demo challenge in judging.

Shortlisting on Results marks the chosen proposals as pending and the applicant sees no change;
releasing the shortlist on Decisions shows "Shortlisted" with its message; an award recorded
and released later then shows on the applicant's My proposals, and the winners publicly. The
Dashboard loads with nothing fetched from outside 127.0.0.1, and a click on a theme's bar
filters the rest. A CSV and an Excel export download and parse with the expected rows.
"""

import csv
import re
from pathlib import Path

import openpyxl
from conftest import DemoCall, Visitor
from e2e_support import click, expect_signed_in, main, open_app, sign_in, wait_for_app
from playwright.sync_api import Locator, Page, expect

from civic_challenge.domain.demo_people import APPLICANT_NAME, ORGANISER_NAME
from civic_challenge.services.demo import APPLICANT_EMAIL, DEMO_PASSWORD, ORGANISER_EMAIL

WIDE = {"width": 2400, "height": 1000}  # every column of the wide tables drawn at once
PENDING = "Pending (not released)"
UNDER_REVIEW = "Status: Submitted: under review"


def signed_in(visitor: Visitor, url: str, email: str, name: str) -> Page:
    page = visitor.new_page()
    page.set_viewport_size(WIDE)
    sign_in(page, url, email, DEMO_PASSWORD)
    expect_signed_in(page, name)
    return page


def open_page(page: Page, url: str, path: str, heading: str) -> None:
    open_app(page, f"{url}/{path}")
    expect(main(page).get_by_role("heading", name=heading, level=1)).to_be_visible()


def choose(page: Page, label: str, option: str, *, many: bool = False) -> None:
    """Pick `option` in the select box or multiselect labelled `label` (typed to filter it)."""
    main(page).get_by_role("combobox", name=re.compile(re.escape(label))).click()
    page.keyboard.type(option.split(" · ")[0])
    page.get_by_role("option", name=option, exact=True).click()
    if many:  # a multiselect stays open for more
        page.keyboard.press("Escape")
    wait_for_app(page)


def tick(page: Page, label: str) -> None:
    main(page).get_by_text(label).click()
    wait_for_app(page)


def success(page: Page) -> Locator:
    return page.get_by_test_id("stAlertContentSuccess")


def exactly(text: str) -> re.Pattern[str]:
    return re.compile(f"^{re.escape(text)}$")


def table_with(page: Page, header: str) -> Locator:
    """The data frame with a column `header`. Its cells are drawn on a canvas; the rows in view
    are mirrored in a table for screen readers (hidden, so found by CSS rather than by role)."""
    return (
        main(page)
        .get_by_test_id("stDataFrame")
        .filter(has=page.locator("th", has_text=exactly(header)))
    )


def rows(table: Locator) -> Locator:
    return table.locator("tbody tr")


def row_of(table: Locator, reference: str) -> Locator:
    return rows(table).filter(has=table.page.locator("td", has_text=exactly(reference)))


def card(page: Page, title: str) -> Locator:
    return main(page).get_by_test_id("stLayoutWrapper").filter(has_text=title)


def my_proposal(page: Page, url: str, title: str) -> Locator:
    """The applicant's card for `title` on My proposals, drawn to its last link."""
    open_page(page, url, "my_proposals", "My proposals")
    found = card(page, title)
    expect(found.get_by_role("link", name=re.compile("^Open"))).to_be_visible()
    return found


def test_the_shortlist_then_the_awards_reach_the_applicant_each_when_released(
    demo_call: DemoCall, new_visitor
):
    url = demo_call.url
    reference, title, requested_pence = demo_call.applicant_proposal
    people = [new_visitor(), new_visitor()]
    applicant = signed_in(people[0], url, APPLICANT_EMAIL, APPLICANT_NAME)
    mine = my_proposal(applicant, url, title)
    expect(mine).to_contain_text(UNDER_REVIEW)
    seen_before = mine.inner_text()

    # Issue 5: shortlist the top 3 by rank and the applicant's proposal (ranked lower).
    organiser = signed_in(people[1], url, ORGANISER_EMAIL, ORGANISER_NAME)
    open_page(organiser, url, "results", "Results")
    ranking = table_with(organiser, "Shortlist")
    expect(rows(ranking).first).to_be_attached()
    size = main(organiser).get_by_role("spinbutton", name="Shortlist size")
    size.fill("3")
    size.press("Enter")
    wait_for_app(organiser)
    expect(ranking.locator("th", has_text="Chance of top 3")).to_be_attached()
    top = [rows(ranking).nth(i).locator("td").nth(1).inner_text() for i in range(3)]
    assert reference not in top
    picked = main(organiser).get_by_test_id("stMultiSelect")
    chosen = picked.get_by_role("button", name=re.compile("^Remove "))  # one per chosen proposal
    expect(chosen).to_have_count(3)  # the top 3 by default
    for earlier in top:
        expect(picked).to_contain_text(earlier)
    choose(organiser, "Proposals to shortlist", f"{reference} · {title}", many=True)
    tick(organiser, "Record these as shortlisted.")
    click(organiser, main(organiser).get_by_role("button", name="Shortlist the chosen proposals"))
    expect(success(organiser)).to_contain_text(
        "Shortlisted 4 proposals. The decisions are pending: applicants see nothing"
    )
    for earlier in top:
        expect(row_of(ranking, earlier)).to_contain_text(PENDING)
    expect(rows(ranking).nth(3)).not_to_contain_text(PENDING)

    open_page(organiser, url, "decisions", "Decisions")
    shortlist = table_with(organiser, "Decision")
    expect(rows(shortlist)).to_have_count(4)
    for shortlisted in [*top, reference]:
        expect(row_of(shortlist, shortlisted)).to_contain_text("Not decided")

    # The applicant sees exactly what they saw before.
    mine = my_proposal(applicant, url, title)
    expect(mine).to_contain_text(UNDER_REVIEW)
    expect(main(applicant)).not_to_contain_text("Shortlisted")
    assert mine.inner_text() == seen_before

    # Release the shortlist with a pitch date: the applicant reads "Shortlisted" and the message.
    main(organiser).get_by_role("textbox", name="Message to shortlisted applicants").fill(
        "Pitches on 12 September at City Hall."
    )
    click(organiser, main(organiser).get_by_role("button", name="Release the shortlist (4)"))
    expect(success(organiser)).to_contain_text("Released 4 decisions.")
    expect(main(organiser)).to_contain_text("Shortlist released at")
    shortlisted = my_proposal(applicant, url, title)
    expect(shortlisted).to_contain_text("Status: Shortlisted")
    expect(shortlisted).to_contain_text("Pitches on 12 September at City Hall.")
    expect(shortlisted).not_to_contain_text("Feedback from the judges")

    # Later: award the applicant's proposal what it asked for, then release the awards.
    pounds = requested_pence // 100
    choose(organiser, "Shortlisted proposal", f"{reference} · {title}")
    main(organiser).get_by_role("spinbutton", name="Amount to award (£)").fill(str(pounds))
    main(organiser).get_by_role("textbox", name="Rationale").fill("Strong, well-costed pilot.")
    click(organiser, main(organiser).get_by_role("button", name="Record decision"))
    expect(success(organiser)).to_contain_text("Decision recorded. It stays pending")
    expect(row_of(shortlist, reference)).to_contain_text(f"Award £{pounds:,} (pending)")
    expect(main(organiser)).to_contain_text("3 shortlisted proposals have no award decision")
    tick(organiser, "Release anyway")
    click(organiser, main(organiser).get_by_role("button", name="Release the awards (1)"))
    expect(success(organiser)).to_contain_text("Released 1 decisions.")
    expect(row_of(shortlist, reference)).to_contain_text(f"Award £{pounds:,} (published)")

    outcome = my_proposal(applicant, url, title)
    expect(outcome).to_contain_text("Status: Awarded")
    expect(outcome).to_contain_text("Feedback from the judges")
    expect(outcome).to_contain_text("Awarded (done)")
    expect(outcome).not_to_contain_text(UNDER_REVIEW)
    for person in people:
        person.requests.assert_stayed_local()


def chart(page: Page, title: str) -> Locator:
    """A plotly chart (drawn as SVG) by its title."""
    return main(page).get_by_test_id("stPlotlyChart").filter(has_text=title)


def headline(page: Page, label: str) -> Locator:
    metric = main(page).get_by_test_id("stMetric").filter(has_text=label)
    return metric.get_by_test_id("stMetricValue")


def test_the_dashboard_loads_without_leaving_the_machine(demo_call: DemoCall, visitor: Visitor):
    page = signed_in(visitor, demo_call.url, ORGANISER_EMAIL, ORGANISER_NAME)
    open_page(page, demo_call.url, "dashboard", "Dashboard")
    charts = main(page).get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(8)
    for number in range(8):
        expect(charts.nth(number).locator("svg.main-svg").first).to_be_visible()
    entered = sum(demo_call.entered_per_theme.values())
    expect(headline(page, "Proposals entered")).to_have_text(f"{entered:,}")
    visitor.requests.assert_stayed_local()


def test_clicking_a_themes_bar_filters_the_other_charts(demo_call: DemoCall, visitor: Visitor):
    page = signed_in(visitor, demo_call.url, ORGANISER_EMAIL, ORGANISER_NAME)
    open_page(page, demo_call.url, "dashboard", "Dashboard")
    total = sum(demo_call.entered_per_theme.values())
    expect(headline(page, "Proposals entered")).to_have_text(f"{total:,}")
    pipeline = chart(page, "Pipeline per theme")
    submitted = pipeline.locator(".barlayer .trace").first.locator(".point path")  # one per theme
    expect(submitted).to_have_count(len(demo_call.entered_per_theme))
    theme = pipeline.locator(".xtick text").nth(1).text_content() or ""
    assert theme in demo_call.entered_per_theme
    box = submitted.nth(1).bounding_box()  # plotly's drag layer lies on top: click the spot
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(page)

    expect(headline(page, "Proposals entered")).to_have_text(
        f"{demo_call.entered_per_theme[theme]:,}"
    )
    themes = (
        main(page).get_by_test_id("stMultiSelect").filter(has=page.get_by_text("Theme", exact=True))
    )
    expect(themes).to_contain_text(theme)
    expect(main(page).get_by_role("button", name="Clear filters")).to_be_visible()
    heatmap = chart(page, "Mean score per criterion and theme")
    expect(heatmap.locator(".xtick text")).to_have_text([theme])
    visitor.requests.assert_stayed_local()


def download(page: Page, name: str, folder: Path) -> Path:
    with page.expect_download() as started:
        main(page).get_by_role("button", name=re.compile(name)).click()
    path = folder / started.value.suggested_filename
    started.value.save_as(path)
    wait_for_app(page)
    return path


def test_csv_and_excel_exports_download_and_parse(
    demo_call: DemoCall, visitor: Visitor, tmp_path: Path
):
    page = signed_in(visitor, demo_call.url, ORGANISER_EMAIL, ORGANISER_NAME)
    open_page(page, demo_call.url, "exports", "Exports")
    proposals = download(page, r"^Download proposals-\d{8}-\d{4}\.csv$", tmp_path)
    with proposals.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.DictReader(file))
    entered = [row for row in table if row["Status"] not in {"draft", "withdrawn"}]
    assert {row["Reference"] for row in entered} == demo_call.references
    assert len(entered) == len(demo_call.references)
    assert {"draft", "withdrawn"} <= {row["Status"] for row in table}  # listed, with status
    reference, title, requested_pence = demo_call.applicant_proposal
    mine = next(row for row in table if row["Reference"] == reference)
    assert mine["Title"] == title
    assert float(mine["Amount requested (£)"]) == requested_pence / 100

    # Under a theme filter the file holds exactly that theme's proposals.
    theme, count = next(iter(sorted(demo_call.entered_per_theme.items())))
    choose(page, "Theme", theme, many=True)
    filtered = download(page, r"^Download proposals-\d{8}-\d{4}\.csv$", tmp_path)
    with filtered.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == count
    assert {row["Theme"] for row in rows} == {theme}
    click(page, main(page).get_by_role("button", name="Clear filters"))

    choose(page, "What to export", "Rankings (raw and leniency-adjusted scores and ranks)")
    tick(page, "Excel (.xlsx)")
    workbook = openpyxl.load_workbook(
        download(page, r"^Download rankings-\d{8}-\d{4}\.xlsx$", tmp_path)
    )
    header, *ranked = list(workbook["Rankings"].iter_rows(values_only=True))
    assert header[:4] == ("Reference", "Title", "Organisation", "Reviews")
    assert {row[0] for row in ranked} == demo_call.ranked
    ranks = [row[header.index("Adjusted rank")] for row in ranked]
    assert ranks == sorted(ranks) and ranks[0] == 1
    visitor.requests.assert_stayed_local()
