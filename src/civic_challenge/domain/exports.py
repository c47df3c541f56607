"""Spreadsheet-safe cells: text a spreadsheet would run as a formula is written as plain text.

OWASP's advice on CSV injection: a cell that starts with = + - @, a tab, a carriage return or a
line feed may be
read by Excel or LibreOffice as a formula (e.g. =HYPERLINK(...) or =cmd|...). A leading apostrophe
makes it text. User-typed fields (titles, names, comments) reach exports, so every export of text
goes through `neutralise_frame` (or `neutralise_cell` for single values) just before writing.
"""

import pandas as pd

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(value: object) -> object:
    """ "'=SUM(A1)" for "=SUM(A1)"; numbers, dates, None/NaN and safe text come back unchanged.

    Only strings change, so a negative number stays a number while the text "-5" gains the
    apostrophe (it is text already, so nothing a reader relies on is lost).
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and column name neutralised; the input is not changed.

    Covers object, string and categorical columns (categories become plain values). The index is
    left as it is: write with index=False, or reset_index() first.
    """
    safe = frame.rename(columns=neutralise_cell)
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        elif not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
            continue
        safe.isetitem(position, column.map(neutralise_cell))
    return safe


HEADERS = {
    "proposal_id": "Proposal number",
    "review_id": "Review number",
    "organisation_borough": "Organisation's borough",
    "comment_for_applicant": "Comment for the applicant",
    "note_for_panel": "Note for the panel",
    "statement": "Challenge statement",
    "decided_by": "Decided by",
}


def human_header(name: str) -> str:
    """A column name as people read it: 'amount_requested_gbp' -> 'Amount requested (£)',
    'submitted_at_utc' -> 'Submitted (UTC)'; names already readable come back unchanged."""
    if name in HEADERS:
        return HEADERS[name]
    unit = ""
    if name.endswith("_gbp"):
        name, unit = name.removesuffix("_gbp"), " (£)"
    elif name.endswith("_utc"):
        name, unit = name.removesuffix("_utc").removesuffix("_at"), " (UTC)"
    words = name.replace("_", " ").strip()
    return (words[:1].upper() + words[1:] + unit) if words else name
