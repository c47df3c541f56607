"""Money and scores as people read them, and money as people type it."""

import pytest

from civic_challenge.domain.money import pounds, rounded, short_pounds
from civic_challenge.domain.money_input import read_pounds


@pytest.mark.parametrize(
    ("pence", "text"),
    [(0, "£0"), (1, "£0.01"), (-1, "-£0.01"), (-199, "-£1.99"), (-150_000, "-£1,500"),
     (1_500_000, "£15,000"), (1_234_567, "£12,345.67")],
)  # fmt: skip
def test_pounds(pence, text):
    assert pounds(pence) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [(62.5, 0, "63"), (37.5, 0, "38"), (-2.5, 0, "-3"), (0.05, 1, "0.1"), (62.45, 1, "62.5"),
     (-0.04, 1, "0.0"), (1234.5, 0, "1,235")],
)  # fmt: skip
def test_rounding_is_half_away_from_zero(value, places, text):
    assert rounded(value, places) == text


@pytest.mark.parametrize("typed", ["١٢٠٠٠", "１２０００", "12٫50", "१५०००"])
def test_digits_other_than_0_to_9_are_not_read_as_pounds(typed):
    pence, message = read_pounds(typed, what="the amount requested")
    assert pence is None and "digits" in message


@pytest.mark.parametrize(
    ("pence", "text"),
    [(0, ""), (95_000, "£950"), (900_000, "£9k"), (1_500_000, "£15k"), (47_650_000, "£477k"),
     (125_000_000, "£1.3m"), (-900_000, "-£9k")],
)  # fmt: skip
def test_short_labels_use_one_form(pence, text):
    assert short_pounds(pence) == text
