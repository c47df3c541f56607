"""The printable summary report in a real browser, on the demo challenge: prepared from the
Exports page, downloaded, and opened on its own, its five charts drawn and named for a screen
reader, with nothing fetched from outside the machine."""

from pathlib import Path

from conftest import DemoCall, Visitor
from e2e_support import main
from playwright.sync_api import expect
from test_organiser_journey import download, open_page, signed_in

from civic_challenge.domain.demo_people import ORGANISER_NAME
from civic_challenge.services.demo import ORGANISER_EMAIL

CHARTS = [
    "Pipeline per theme against the target share",
    "Money per theme against the budget split",
    "Score distribution per theme",
    "Proposals and winners per borough (pilot boroughs; one square each)",
    "Submissions over time against the deadline",
]


def test_the_printable_report_opens_on_its_own_with_its_charts(
    demo_call: DemoCall, visitor: Visitor, tmp_path: Path
):
    page = signed_in(visitor, demo_call.url, ORGANISER_EMAIL, ORGANISER_NAME)
    open_page(page, demo_call.url, "exports", "Exports")
    main(page).get_by_role("button", name="Prepare the printable report").click()
    report = download(page, r"^Download the report", tmp_path)
    assert report.name == "summary-report.html"

    reader = visitor.new_page()
    reader.set_content(report.read_text(encoding="utf-8"))  # as a file opened on its own
    expect(reader.get_by_role("heading", level=1)).to_contain_text("summary report")
    charts = reader.get_by_role("img")
    expect(charts).to_have_count(len(CHARTS))
    for number, title in enumerate(CHARTS):
        chart = charts.nth(number)
        expect(chart).to_be_visible()
        expect(chart).to_have_accessible_name(title)
        assert chart.bounding_box()["height"] > 200  # drawn at size, not an empty box
    expect(reader.get_by_text("Charts are not included")).to_have_count(0)
    visitor.requests.assert_stayed_local()
