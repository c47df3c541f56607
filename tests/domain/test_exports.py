"""Spreadsheet-safe exports: text that could run as a formula gains a leading apostrophe."""

import csv
import datetime as dt
import io
import math

import pandas as pd
import pytest

from civic_challenge.domain.exports import neutralise_cell, neutralise_frame


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7983 4000", "'+44 20 7983 4000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"),
        ("\r=1+1", "'\r=1+1"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("-", "'-"),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "hyperlink", "dash-alone"],
)
def test_dangerous_starts_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Walking buses for Hackney",
        "",
        " =not at the start",
        "a=b",
        "'already quoted",
        "CIC-2018-0042",
        -5,
        -2.5,
        0,
        15000,
        True,
        None,
        dt.date(2018, 6, 29),
        pd.Timestamp("2018-06-29T17:00Z"),
    ],
    ids=lambda value: repr(value)[:20],
)
def test_safe_values_are_left_alone(value):
    assert neutralise_cell(value) is value


def test_nan_is_left_alone():
    assert math.isnan(neutralise_cell(float("nan")))


def test_frame_neutralises_text_columns_of_every_kind_and_leaves_numbers():
    frame = pd.DataFrame(
        {
            "title": ["=1+1", "Safe", None],
            "typed": pd.Series(["@x", "ok", None], dtype="string"),
            "mixed": [-3, "-3", 1.5],
            "theme": pd.Categorical(["+climate", "ageing", "+climate"]),
            "amount_pence": [-100, 1_500_000, 0],
            "when": pd.to_datetime(["2018-06-29"] * 3),
        }
    )
    safe = neutralise_frame(frame)
    assert safe["title"].tolist()[:2] == ["'=1+1", "Safe"]
    assert pd.isna(safe["title"].iloc[2])
    assert safe["typed"].tolist()[:2] == ["'@x", "ok"]
    assert safe["mixed"].tolist() == [-3, "'-3", 1.5]
    assert safe["theme"].tolist() == ["'+climate", "ageing", "'+climate"]
    assert safe["amount_pence"].tolist() == [-100, 1_500_000, 0]
    assert safe["amount_pence"].dtype == frame["amount_pence"].dtype
    assert safe["when"].equals(frame["when"])


def test_frame_neutralises_column_names_and_keeps_duplicates_apart():
    frame = pd.DataFrame([["=a", "=b"]], columns=["=Theme", "=Theme"])
    safe = neutralise_frame(frame)
    assert list(safe.columns) == ["'=Theme", "'=Theme"]
    assert safe.iloc[0].tolist() == ["'=a", "'=b"]


def test_frame_is_copied_not_changed():
    frame = pd.DataFrame({"title": ["=1+1"]})
    neutralise_frame(frame)
    assert frame["title"].iloc[0] == "=1+1"


def test_written_csv_has_no_cell_starting_with_a_formula_character():
    starts = ["=1+1", "+1", "-1", "@1", "\t1", "\r1", "\n=1", "fine"]
    frame = pd.DataFrame({"title": starts, "n": range(len(starts))})
    text = neutralise_frame(frame).to_csv(index=False)
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r", "\n"}]
