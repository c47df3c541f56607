"""score_proposals: each proposal's reviews in one score, with n, spread, a flag and a rank."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.aggregation import SCORE_COLUMNS, rank_scores, score_proposals
from civic_challenge.domain.terms import Aggregation


def reviews(*rows):
    """rows: (proposal_id, total), one per review."""
    return pd.DataFrame(rows, columns=["proposal_id", "total"])


@pytest.mark.parametrize(
    ("rows", "aggregation", "expected"),
    [
        ([(1, 40), (1, 60)], Aggregation.MEAN, (50.0, 2, math.sqrt(200), 20.0)),
        ([(1, 10), (1, 20), (1, 90)], Aggregation.MEAN, (40.0, 3, math.sqrt(1900), 80.0)),
        ([(1, 10), (1, 20), (1, 90)], Aggregation.MEDIAN, (20.0, 3, math.sqrt(1900), 80.0)),
        ([(1, 10), (1, 20), (1, 30), (1, 90)], Aggregation.MEDIAN, (25.0, 4, None, 80.0)),
        ([(1, 70)], Aggregation.MEAN, (70.0, 1, float("nan"), 0.0)),
        ([(1, 55), (1, 55), (1, 55)], Aggregation.MEAN, (55.0, 3, 0.0, 0.0)),
    ],
    ids=["two", "mean-pulled-by-outlier", "median-resists-outlier", "median-of-even",
         "single-review-has-no-sd", "identical"],
)  # fmt: skip
def test_score_n_sd_and_spread(rows, aggregation, expected):
    score, n, sd, spread = expected
    row = score_proposals(reviews(*rows), aggregation=aggregation).loc[1]
    assert row["score"] == pytest.approx(score)
    assert row["n"] == n
    if sd is not None:
        assert row["sd"] == pytest.approx(sd, nan_ok=True)
    assert row["spread"] == pytest.approx(spread)


@pytest.mark.parametrize(
    ("totals", "threshold", "on", "flagged"),
    [
        ([40, 60], 20.0, "spread", False),
        ([40, 60.5], 20.0, "spread", True),
        ([40, 60.5], 20.0, "sd", False),
        ([0, 100], 50.0, "sd", True),
        ([0, 100, 50], 70.0, "sd", False),
        ([100], 0.0, "spread", False),
        ([100], 0.0, "sd", False),
    ],
    ids=["spread-at-threshold-not-flagged", "spread-above", "same-data-by-sd", "sd-above",
         "sd-below", "single-review-never-spread", "single-review-never-sd"],
)  # fmt: skip
def test_disagreement_flag(totals, threshold, on, flagged):
    table = score_proposals(
        reviews(*[(1, t) for t in totals]), disagreement_threshold=threshold, disagreement_on=on
    )
    assert table.loc[1, "disagreement"] == flagged


def test_table_is_best_first_with_shared_ranks_for_ties():
    table = score_proposals(reviews((5, 60), (3, 80), (9, 60), (1, 40), (7, 80)))
    assert list(table.index) == [3, 7, 5, 9, 1]
    assert list(table["rank"]) == [1, 1, 3, 3, 5]
    assert list(table.columns) == SCORE_COLUMNS


def test_drafts_without_a_total_are_left_out():
    frame = reviews((1, 50), (1, None), (2, None))
    table = score_proposals(frame)
    assert list(table.index) == [1]
    assert table.loc[1, "n"] == 1


def test_another_column_can_be_scored():
    frame = reviews((1, 50), (2, 60)).assign(adjusted=[90.0, 10.0])
    assert list(score_proposals(frame, column="adjusted").index) == [1, 2]


def test_no_reviews_gives_an_empty_table_with_the_columns():
    table = score_proposals(reviews())
    assert table.empty
    assert list(table.columns) == SCORE_COLUMNS


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (pd.DataFrame({"proposal_id": [1]}), {}, "no column total"),
        (reviews((1, 50)), {"disagreement_on": "range"}, "spread"),
        (reviews((1, float("inf"))), {}, "infinite"),
    ],
    ids=["missing-column", "unknown-measure", "infinite-total"],
)
def test_bad_input_is_refused(frame, kwargs, message):
    with pytest.raises(ValueError, match=message):
        score_proposals(frame, **kwargs)


def test_rank_scores_ignores_floating_point_noise():
    scores = pd.Series([0.1 + 0.2, 0.3, 0.2])
    assert list(rank_scores(scores)) == [1, 1, 3]


review_rows = st.lists(
    st.tuples(st.integers(1, 6), st.floats(0, 100, allow_nan=False)), min_size=1, max_size=25
)


@settings(max_examples=40, deadline=None)
@given(rows=review_rows, seed=st.integers(0, 2**32 - 1), aggregation=st.sampled_from(Aggregation))
def test_permuting_rows_changes_nothing(rows, seed, aggregation):
    frame = reviews(*rows)
    shuffled = frame.sample(frac=1, random_state=np.random.default_rng(seed))
    expected = score_proposals(frame, aggregation=aggregation)
    pd.testing.assert_frame_equal(score_proposals(shuffled, aggregation=aggregation), expected,
                                  check_exact=False, atol=1e-9)  # fmt: skip
