"""Exports (organisers): proposals, reviews, rankings and decisions as CSV or Excel, and a
printable summary report (one HTML file, its charts inline SVG drawn in Python).

Every text cell is neutralised (domain.exports) just before writing, so a title such as
"=HYPERLINK(...)" arrives in a spreadsheet as text, never as a formula.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.charts import boroughs as borough_charts
from civic_challenge.charts import dashboard as charts
from civic_challenge.charts.report_svg import chart_svg
from civic_challenge.db import exports as db_exports
from civic_challenge.domain.money import pounds
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.dashboard import DashboardFilters, dashboard_data
from civic_challenge.services.export_tables import Table, export_frame
from civic_challenge.services.export_workbook import format_sheet
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from sqlmodel import Session


class FileFormat(StrEnum):
    CSV = "csv"
    EXCEL = "xlsx"


MEDIA_TYPES = {
    FileFormat.CSV: "text/csv",
    FileFormat.EXCEL: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    name: str
    media_type: str
    content: bytes
    rows: int


def export_file(
    *,
    session: Session,
    actor: UserView,
    table: Table,
    file_format: FileFormat,
    now: datetime,
    filters: DashboardFilters | None = None,
) -> ExportFile:
    """The table as a CSV (UTF-8 with a byte-order mark, for Excel) or an Excel workbook with
    £ and date formats and columns wide enough to read."""
    frame = export_frame(session=session, actor=actor, table=table, filters=filters)
    file_format = FileFormat(file_format)
    name = f"{Table(table).value}-{now:%Y%m%d-%H%M}.{file_format.value}"
    if file_format is FileFormat.CSV:
        content = frame.to_csv(index=False).encode("utf-8-sig")
    else:
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            sheet = Table(table).value.capitalize()
            frame.to_excel(writer, index=False, sheet_name=sheet)
            format_sheet(writer.sheets[sheet], frame)
        content = buffer.getvalue()
    return ExportFile(name, MEDIA_TYPES[file_format], content, len(frame))


@dataclass(frozen=True)
class Report:
    html: str
    images: bool
    note: str | None


def draw_charts(figures: dict[str, go.Figure]) -> dict[str, str]:
    """Each figure as inline SVG (charts.report_svg), keyed by its title: drawn in Python from
    the dashboard's own figures, so nothing starts a browser or reaches the network."""
    return {
        title: chart_svg(figure, number, title)
        for number, (title, figure) in enumerate(figures.items())
    }


def summary_report(
    *, session: Session, actor: UserView, now: datetime, images: bool = True
) -> Report:
    """A self-contained, printable HTML page: key figures, gap lines, awards, and the charts."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    data = dashboard_data(session=session, actor=actor, filters=DashboardFilters())
    decisions = db_exports.decisions(session, challenge.id)  # type: ignore[arg-type]
    awards = decisions[(decisions["stage"] == "award") & (decisions["outcome"] == "yes")]
    colours = dict(zip(data.themes["key"], data.themes["colour"], strict=True))
    figures = {
        "Pipeline per theme": charts.pipeline_chart(data.pipeline),
        "Money per theme": charts.money_chart(data.money),
        "Score distribution": charts.score_histogram(data.scores, colours),
        "Proposals per borough": borough_charts.tile_grid(data.boroughs),
        "Submissions over time": charts.submissions_chart(
            data.submissions, opens_at=data.opens_at, deadline=data.closes_at
        ),
    }
    pictures: dict[str, str] = {}
    note = None
    if images:
        try:
            pictures = draw_charts(figures)
        except Exception as error:  # a figure the drawing does not understand
            note = (
                "Charts are not included: they could not be drawn "
                f"({error.__class__.__name__}). The figures and tables below are complete."
            )
    else:
        note = "Charts are not included in this version of the report."
    h = data.headline
    figures_html = "".join(
        f"<figure>{svg}<figcaption>{html.escape(title)}</figcaption></figure>"
        for title, svg in pictures.items()
    )
    award_rows = "".join(
        f"<tr><td>{html.escape(str(r.reference))}</td><td>{html.escape(str(r.title))}</td>"
        f"<td>{pounds(int(r.amount_pence or 0))}</td>"
        f"<td>{'published' if pd.notna(r.released_at) else 'pending'}</td></tr>"
        for r in awards.itertuples()
    )
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in data.pipeline_lines)
    money_lines = "".join(f"<li>{html.escape(line)}</li>" for line in data.money_lines)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(challenge.name)}: summary report</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #111; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: .3em .6em; }}
figure {{ margin: 1.5em 0; page-break-inside: avoid; }} svg {{ max-width: 100%; height: auto; }}
.note {{ border: 2px solid #A0400A; padding: .6em; }}
</style></head><body>
<h1>{html.escape(challenge.name)}: summary report</h1>
<p>Prepared {now:%d %B %Y %H:%M} UTC. Phase: {html.escape(challenge.phase)}.</p>
{f'<p class="note">{html.escape(note)}</p>' if note else ""}
<h2>Key figures</h2>
<table>
<tr><th>Proposals entered</th><td>{h.proposals:,}</td></tr>
<tr><th>Eligible</th><td>{h.eligible:,}</td></tr>
<tr><th>Reviews done</th><td>{h.reviews_done:,} of {h.reviews_expected:,}</td></tr>
<tr><th>Money requested</th><td>{pounds(h.requested_pence)}</td></tr>
<tr><th>Budget</th><td>{pounds(h.budget_pence)}</td></tr>
<tr><th>Awarded (pending and published)</th><td>{pounds(h.awarded_pence)}</td></tr>
</table>
<h2>Against the strategy's priorities</h2>
<ul>{lines}</ul><ul>{money_lines}</ul>
<h2>Awards</h2>
{
        f"<table><tr><th>Reference</th><th>Title</th><th>Amount</th><th>State</th></tr>{award_rows}</table>"
        if award_rows
        else "<p>No awards have been decided yet.</p>"
    }
<h2>Charts</h2>
{figures_html or "<p>No charts in this report (see the note above).</p>"}
</body></html>"""
    return Report(page, bool(pictures), note)
