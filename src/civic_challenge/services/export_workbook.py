"""Excel sheets people can read at once: £ and date formats, widths that fit, a frozen header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

POUNDS = '"£"#,##0.00'
MOMENT = "dd mmm yyyy hh:mm"
MAX_WIDTH = 60
SAMPLE_ROWS = 500


def format_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Columns headed '(£)' in pounds, '(UTC)' as dates and times; each column as wide as its
    longest value in the first rows (at most 60 characters, long text wraps in Excel)."""
    sheet.freeze_panes = "A2"
    for position, header in enumerate(frame.columns, start=1):
        letter = get_column_letter(position)
        number_format = (
            POUNDS if header.endswith("(£)") else MOMENT if header.endswith("(UTC)") else None
        )
        if number_format:
            for (cell,) in sheet.iter_rows(
                min_row=2, min_col=position, max_col=position, max_row=len(frame) + 1
            ):
                cell.number_format = number_format
        values = frame.iloc[:SAMPLE_ROWS, position - 1].astype(object)
        longest = max([len(str(header)), *(len(str(v)) for v in values if v == v)], default=10)
        if number_format == MOMENT:
            longest = max(len(str(header)), 17)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, longest + 2)
