"""bootstrap_ranking: intervals for scores and ranks, P(top k), and ties at the shortlist cut."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.terms import Aggregation
from civic_challenge.domain.uncertainty import bootstrap_ranking


def reviews(*rows):
    """rows: (proposal_id, total)."""
    return pd.DataFrame(rows, columns=["proposal_id", "total"])


def panel(scores_by_proposal):
    return reviews(*[(p, t) for p, totals in scores_by_proposal.items() for t in totals])


CLEAR = panel({1: [90, 92, 88], 2: [70, 72, 68], 3: [50, 52, 48], 4: [30, 32, 28]})
TIED_AT_TWO = panel({1: [90, 92, 88], 2: [60, 40, 80], 3: [62, 38, 78], 4: [20, 22, 18]})


def test_well_separated_proposals_are_certain():
    result = bootstrap_ranking(CLEAR, k=2, resamples=200)
    table = result.table
    assert list(table.index) == [1, 2, 3, 4]
    assert list(table["p_top_k"]) == [1.0, 1.0, 0.0, 0.0]
    assert list(table["rank_best"]) == list(table["rank_worst"]) == [1, 2, 3, 4]
    assert list(table["in_top_k"]) == [True, True, False, False]
    assert not result.tie_at_cut
    assert result.tie_warning is None
    assert result.tied_proposals == ()


def test_a_tie_at_the_cut_is_flagged_and_explained():
    result = bootstrap_ranking(TIED_AT_TWO, k=2, resamples=500)
    assert result.tie_at_cut
    assert result.tied_proposals == (2, 3)
    assert result.tie_warning.startswith("Places 2 and 3 are too close to call")
    assert result.table.loc[[2, 3], "uncertain"].all()
    assert result.table.loc[1, "p_top_k"] == 1.0


def test_equal_point_scores_at_the_cut_are_a_tie():
    frame = panel({1: [80, 80], 2: [50, 50], 3: [50, 50]})
    result = bootstrap_ranking(frame, k=2, resamples=100)
    assert result.tie_at_cut
    assert list(result.table["p_top_k"]) == [1.0, pytest.approx(0.5, abs=0.2),
                                             pytest.approx(0.5, abs=0.2)]  # fmt: skip


def test_no_cut_when_the_shortlist_holds_everyone():
    result = bootstrap_ranking(TIED_AT_TWO, k=4, resamples=50)
    assert not result.tie_at_cut
    assert (result.table["p_top_k"] == 1.0).all()


def test_a_single_review_has_a_zero_width_interval():
    table = bootstrap_ranking(reviews((1, 42.5), (2, 10.0)), k=1, resamples=50).table
    assert table.loc[1, "score_low"] == table.loc[1, "score_high"] == 42.5


def test_two_far_apart_reviews_span_them():
    table = bootstrap_ranking(reviews((1, 0.0), (1, 100.0)), k=1, resamples=400).table
    assert (table.loc[1, "score_low"], table.loc[1, "score_high"]) == (0.0, 100.0)


def test_median_aggregation_resamples_medians():
    frame = panel({1: [10, 50, 90], 2: [49, 50, 51]})
    table = bootstrap_ranking(frame, k=1, resamples=300, aggregation=Aggregation.MEDIAN).table
    assert table.loc[1, "score"] == table.loc[2, "score"] == 50.0
    assert table.loc[1, "score_high"] - table.loc[1, "score_low"] == 80.0
    assert table.loc[2, "score_high"] - table.loc[2, "score_low"] == 2.0


def test_same_seed_same_result_and_another_seed_differs():
    first = bootstrap_ranking(TIED_AT_TWO, k=2, seed=7).table
    pd.testing.assert_frame_equal(bootstrap_ranking(TIED_AT_TWO, k=2, seed=7).table, first)
    generator = bootstrap_ranking(TIED_AT_TWO, k=2, seed=np.random.default_rng(7)).table
    pd.testing.assert_frame_equal(generator, first)
    assert not bootstrap_ranking(TIED_AT_TWO, k=2, seed=8).table.equals(first)


def test_adjusted_totals_can_be_bootstrapped():
    frame = CLEAR.assign(adjusted=100 - CLEAR["total"])
    table = bootstrap_ranking(frame, k=1, resamples=20, column="adjusted").table
    assert list(table.index) == [4, 3, 2, 1]


def test_no_reviews_give_an_empty_table():
    result = bootstrap_ranking(reviews(), k=3)
    assert result.table.empty
    assert not result.tie_at_cut


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"k": 0}, "at least 1"), ({"k": 2, "resamples": 0}, "resamples"),
     ({"k": 2, "level": 1.0}, "level"), ({"k": 2, "band": (0.8, 0.2)}, "band")],
    ids=["k", "resamples", "level", "band"],
)  # fmt: skip
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bootstrap_ranking(CLEAR, **kwargs)


proposals = st.dictionaries(
    st.integers(1, 30),
    st.lists(st.integers(0, 100).map(float), min_size=1, max_size=6),
    min_size=1,
    max_size=8,
)


@settings(max_examples=30, deadline=None)
@given(scores=proposals, k=st.integers(1, 9), aggregation=st.sampled_from(Aggregation),
       seed=st.integers(0, 1000))  # fmt: skip
def test_intervals_contain_the_point_estimate(scores, k, aggregation, seed):
    result = bootstrap_ranking(panel(scores), k=k, resamples=40, seed=seed,
                               aggregation=aggregation)  # fmt: skip
    table = result.table
    assert (table["score_low"] <= table["score"]).all()
    assert (table["score"] <= table["score_high"]).all()
    assert (table["rank_best"] <= table["rank"]).all()
    assert (table["rank"] <= table["rank_worst"]).all()
    assert table["p_top_k"].between(0, 1).all()
    assert table["p_top_k"].sum() == pytest.approx(min(k, len(table)))


@settings(max_examples=20, deadline=None)
@given(scores=proposals, k=st.integers(1, 9), seed=st.integers(0, 2**32 - 1))
def test_permuting_rows_changes_nothing(scores, k, seed):
    frame = panel(scores)
    shuffled = frame.sample(frac=1, random_state=np.random.default_rng(seed))
    expected = bootstrap_ranking(frame, k=k, resamples=30)
    got = bootstrap_ranking(shuffled, k=k, resamples=30)
    pd.testing.assert_frame_equal(got.table, expected.table)
    assert got.tied_proposals == expected.tied_proposals
