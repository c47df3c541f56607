"""Export headers people read, and line feeds counted as formula starters."""

import pytest

from civic_challenge.domain.exports import human_header, neutralise_cell


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("amount_requested_gbp", "Amount requested (£)"),
        ("submitted_at_utc", "Submitted (UTC)"),
        ("at_utc", "At (UTC)"),
        ("reference", "Reference"),
        ("raw_score", "Raw score"),
        ("note_for_panel", "Note for the panel"),
        ("Impact on Londoners", "Impact on Londoners"),
    ],
)
def test_headers_read_as_words(name, expected):
    assert human_header(name) == expected


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_every_formula_start_is_neutralised(start):
    assert neutralise_cell(f"{start}cmd") == f"'{start}cmd"
