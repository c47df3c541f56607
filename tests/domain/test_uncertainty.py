"""rank_uncertainty: intervals for scores and ranks, P(top k), and ties at the shortlist cut."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.terms import Aggregation
from civic_challenge.domain.uncertainty import rank_uncertainty


def reviews(*rows):
    """rows: (proposal_id, total)."""
    return pd.DataFrame(rows, columns=["proposal_id", "total"])


def panel(scores_by_proposal):
    return reviews(*[(p, t) for p, totals in scores_by_proposal.items() for t in totals])


CLEAR = panel({1: [90, 92, 88], 2: [70, 72, 68], 3: [50, 52, 48], 4: [30, 32, 28]})
TIED_AT_TWO = panel({1: [90, 92, 88], 2: [60, 40, 80], 3: [62, 38, 78], 4: [20, 22, 18]})


def test_well_separated_proposals_are_certain():
    result = rank_uncertainty(CLEAR, k=2, draws=200)
    table = result.table
    assert list(table.index) == [1, 2, 3, 4]
    assert list(table["p_top_k"]) == [1.0, 1.0, 0.0, 0.0]
    assert list(table["rank_best"]) == list(table["rank_worst"]) == [1, 2, 3, 4]
    assert list(table["in_top_k"]) == [True, True, False, False]
    assert not result.tie_at_cut
    assert result.tie_warning is None
    assert result.tied_proposals == ()


def test_a_tie_at_the_cut_is_flagged_and_explained():
    result = rank_uncertainty(TIED_AT_TWO, k=2, draws=500)
    assert result.tie_at_cut
    assert result.tied_proposals == (2, 3)
    assert result.tie_warning.startswith("Places 2 and 3 are too close to call")
    assert result.table.loc[[2, 3], "uncertain"].all()
    assert result.table.loc[1, "p_top_k"] > 0.95


def test_equal_point_scores_at_the_cut_are_a_tie():
    frame = panel({1: [80, 80], 2: [50, 50], 3: [50, 50]})
    result = rank_uncertainty(frame, k=2, draws=100)
    assert result.tie_at_cut
    assert list(result.table["p_top_k"]) == [1.0, pytest.approx(0.5, abs=0.2),
                                             pytest.approx(0.5, abs=0.2)]  # fmt: skip


def test_no_cut_when_the_shortlist_holds_everyone():
    result = rank_uncertainty(TIED_AT_TWO, k=4, draws=50)
    assert not result.tie_at_cut
    assert (result.table["p_top_k"] == 1.0).all()


def test_a_single_review_is_not_placed_with_certainty():
    frame = panel({1: [80], 2: [70, 86, 78], 3: [60, 72, 50], 4: [40, 31, 52]})
    table = rank_uncertainty(frame, k=1, draws=2000, min_reviews=2).table
    assert table.loc[1, "too_few"] and not table.loc[2, "too_few"]
    assert table.loc[1, "score_high"] - table.loc[1, "score_low"] > 5
    assert pd.isna(table.loc[1, "p_top_k"]) and pd.isna(table.loc[1, "rank"])
    assert pd.isna(table.loc[1, "rank_best"]) and pd.isna(table.loc[1, "rank_worst"])


def test_too_few_reviews_come_after_every_placed_proposal_best_score_first():
    frame = panel({1: [95], 2: [70, 86, 78], 3: [60, 72, 50], 4: [40, 31, 52], 5: [20]})
    result = rank_uncertainty(frame, k=2, draws=500, min_reviews=2)
    table = result.table
    assert list(table.index) == [2, 3, 4, 1, 5]
    assert list(table["rank"][:3]) == [1, 2, 3]
    assert list(table["in_top_k"]) == [True, True, False, False, False]
    assert not table.loc[[1, 5], "uncertain"].any()


def test_the_shortlist_cut_ignores_proposals_with_too_few_reviews():
    frame = panel({1: [95], 2: [70, 86, 78], 3: [30, 32, 28]})
    result = rank_uncertainty(frame, k=2, draws=500, min_reviews=2)
    assert list(result.table["in_top_k"]) == [True, True, False]
    assert list(result.table.index) == [2, 3, 1]
    assert not result.tie_at_cut and result.tie_warning is None


def test_nobody_is_placed_when_every_proposal_has_too_few_reviews():
    table = rank_uncertainty(panel({1: [30], 2: [50]}), k=1, draws=50, min_reviews=2).table
    assert list(table.index) == [2, 1]
    assert table["rank"].isna().all() and table["p_top_k"].isna().all()
    assert not table["in_top_k"].any()


def test_intervals_stay_within_the_scale():
    table = rank_uncertainty(panel({1: [100, 100, 96], 2: [0, 4, 0], 3: [50, 55, 60]}), k=1).table
    assert (table["score_low"] >= 0).all() and (table["score_high"] <= 100).all()


def test_a_proposal_with_more_reviews_gets_a_narrower_interval():
    frame = panel({1: [60, 70, 50], 2: [60, 70, 50] * 4, 3: [20, 30, 25], 4: [90, 85, 80]})
    table = rank_uncertainty(frame, k=1).table
    width = table["score_high"] - table["score_low"]
    assert width[2] < width[1]


def test_coverage_of_95_percent_intervals_at_three_reviews_is_at_least_93_percent():
    """Known true scores, three reviews each by judges with their own leniency, fixed seed."""
    rng = np.random.default_rng(2018)
    held, ranks_held, total = 0, 0, 0
    for round_ in range(8):
        truth = np.clip(rng.normal(60, 12, 150), 5, 95)
        leniency = rng.normal(0, 3, 40)
        proposal = np.repeat(np.arange(150), 3)
        judge = np.concatenate([rng.choice(40, 3, replace=False) for _ in range(150)])
        totals = truth[proposal] + leniency[judge] + rng.normal(0, 10, len(proposal))
        frame = pd.DataFrame({"proposal_id": proposal, "total": np.clip(totals, 0, 100)})
        table = rank_uncertainty(frame, k=15, draws=400, seed=round_).table
        true = truth[table.index.to_numpy()]
        true_rank = pd.Series(truth).rank(ascending=False).to_numpy()[table.index.to_numpy()]
        held += int(((table["score_low"] <= true) & (true <= table["score_high"])).sum())
        in_places = (table["rank_best"] <= true_rank) & (true_rank <= table["rank_worst"])
        ranks_held += int(in_places.sum())
        total += len(table)
    assert held / total >= 0.93
    assert ranks_held / total >= 0.93


def test_same_seed_same_result_and_another_seed_differs():
    first = rank_uncertainty(TIED_AT_TWO, k=2, seed=7).table
    pd.testing.assert_frame_equal(rank_uncertainty(TIED_AT_TWO, k=2, seed=7).table, first)
    generator = rank_uncertainty(TIED_AT_TWO, k=2, seed=np.random.default_rng(7)).table
    pd.testing.assert_frame_equal(generator, first)
    assert not rank_uncertainty(TIED_AT_TWO, k=2, seed=8).table.equals(first)


def test_adjusted_totals_can_be_ranked():
    frame = CLEAR.assign(adjusted=100 - CLEAR["total"])
    table = rank_uncertainty(frame, k=1, draws=20, column="adjusted").table
    assert list(table.index) == [4, 3, 2, 1]


def test_no_reviews_give_an_empty_table():
    result = rank_uncertainty(reviews(), k=3)
    assert result.table.empty
    assert not result.tie_at_cut


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"k": 0}, "at least 1"), ({"k": 2, "draws": 0}, "draws"),
     ({"k": 2, "level": 1.0}, "level"), ({"k": 2, "band": (0.8, 0.2)}, "band")],
    ids=["k", "draws", "level", "band"],
)  # fmt: skip
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rank_uncertainty(CLEAR, **kwargs)


proposals = st.dictionaries(
    st.integers(1, 30),
    st.lists(st.integers(0, 100).map(float), min_size=1, max_size=6),
    min_size=1,
    max_size=8,
)


@settings(max_examples=30, deadline=None)
@given(scores=proposals, k=st.integers(1, 9), aggregation=st.sampled_from(Aggregation),
       seed=st.integers(0, 1000))  # fmt: skip
def test_intervals_and_chances_are_well_formed(scores, k, aggregation, seed):
    result = rank_uncertainty(panel(scores), k=k, draws=40, seed=seed,
                               aggregation=aggregation)  # fmt: skip
    table = result.table
    assert (table["score_low"] >= 0).all() and (table["score_high"] <= 100).all()
    assert (table["score_low"] <= table["score_high"]).all()
    assert (table["rank_best"] <= table["rank_worst"]).all()
    assert table["rank_best"].between(1, len(table)).all()
    assert table["p_top_k"].between(0, 1).all()
    assert table["p_top_k"].sum() == pytest.approx(min(k, len(table)))


@settings(max_examples=20, deadline=None)
@given(scores=proposals, k=st.integers(1, 9), seed=st.integers(0, 2**32 - 1))
def test_permuting_rows_changes_nothing(scores, k, seed):
    frame = panel(scores)
    shuffled = frame.sample(frac=1, random_state=np.random.default_rng(seed))
    expected = rank_uncertainty(frame, k=k, draws=30)
    got = rank_uncertainty(shuffled, k=k, draws=30)
    pd.testing.assert_frame_equal(got.table, expected.table)
    assert got.tied_proposals == expected.tied_proposals
