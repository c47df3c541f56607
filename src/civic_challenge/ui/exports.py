"""The Exports page's parts: choosing a table and format, downloading, the printable report."""

import streamlit as st

from civic_challenge.services.exports import ExportFile, FileFormat, Report, Table

REPORT_KEY = "exports_report"
TABLE_NAMES = {
    Table.PROPOSALS: "Proposals (one row each)",
    Table.REVIEWS: "Reviews (one row per judge and proposal, with comments)",
    Table.RANKINGS: "Rankings (raw and leniency-adjusted scores and ranks)",
    Table.DECISIONS: "Decisions (shortlist and award, pending and published)",
}
FORMAT_NAMES = {FileFormat.CSV: "CSV", FileFormat.EXCEL: "Excel (.xlsx)"}


def choose() -> tuple[Table, FileFormat]:
    left, right = st.columns([3, 1])
    table = left.selectbox(
        "What to export",
        list(TABLE_NAMES),
        format_func=TABLE_NAMES.get,
    )
    left.caption("Cells that a spreadsheet would run as a formula are written as plain text.")
    file_format = right.radio(
        "Format",
        list(FORMAT_NAMES),
        format_func=FORMAT_NAMES.get,
    )
    right.caption("CSV opens anywhere; Excel keeps numbers and dates typed.")
    return Table(table), FileFormat(file_format)


def download(file: ExportFile, *, filtered: bool = False) -> None:
    scope = (
        "Filtered: drafts and withdrawn proposals are left out."
        if filtered
        else "Every proposal, drafts and withdrawn ones included, each with its status."
    )
    st.caption(f"{file.rows:,} rows. {scope} Money in pounds, times in UTC.")
    st.download_button(
        f"Download {file.name}",
        data=file.content,
        file_name=file.name,
        mime=file.media_type,
        icon=":material/download:",
        help="Saves the file to your computer.",
    )


def report(found: Report | None) -> None:
    if found is None:
        return
    if found.note:
        st.info(found.note, icon=":material/info:")
    st.download_button(
        "Download the report (HTML, print it from your browser)",
        data=found.html.encode("utf-8"),
        file_name="summary-report.html",
        mime="text/html",
        icon=":material/download:",
        help="A single page with the key figures, the gap lines, the awards and the charts.",
    )
