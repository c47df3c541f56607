"""adjust_for_leniency: adjusted totals by z-score or additive model, or raw with the reason."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.aggregation import score_proposals
from civic_challenge.domain.leniency import adjust_for_leniency
from civic_challenge.domain.terms import Normalisation

ADJUSTING = [Normalisation.ZSCORE, Normalisation.ADDITIVE]


def reviews(*rows):
    """rows: (proposal_id, judge_id, total)."""
    return pd.DataFrame(rows, columns=["proposal_id", "judge_id", "total"])


# Judge 2 is 10 points harsher than judge 1 on every proposal; judge 3 sees some of each.
PANEL = reviews(
    (1, 1, 80), (1, 2, 70), (2, 1, 60), (2, 2, 50), (3, 1, 40), (3, 2, 30),
    (1, 3, 75), (2, 3, 55), (3, 3, 35),
)  # fmt: skip
SPLIT = reviews(*[(p, j, 10.0 * p + j) for p in (1, 2, 3) for j in (1, 2)],
                *[(p, j, 10.0 * p + j) for p in (4, 5, 6) for j in (3, 4)])  # fmt: skip


def test_none_returns_raw_totals():
    result = adjust_for_leniency(PANEL, Normalisation.NONE)
    assert result.method_used is Normalisation.NONE
    assert result.refused_reason is None
    assert list(result.reviews["adjusted"]) == list(PANEL["total"].astype(float))


def test_additive_recovers_the_offsets_of_a_noiseless_panel():
    result = adjust_for_leniency(PANEL, Normalisation.ADDITIVE)
    assert result.method_used is Normalisation.ADDITIVE
    adjusted = result.reviews.groupby("proposal_id")["adjusted"].agg(["min", "max"])
    assert np.allclose(adjusted["min"], adjusted["max"])
    assert list(adjusted["min"].round(6)) == [75.0, 55.0, 35.0]


def test_zscore_puts_judges_on_one_scale_around_the_overall_mean():
    result = adjust_for_leniency(PANEL, Normalisation.ZSCORE)
    adjusted = result.reviews.groupby("proposal_id")["adjusted"].agg(["min", "max"])
    assert np.allclose(adjusted["min"], adjusted["max"])
    assert result.reviews["adjusted"].mean() == pytest.approx(PANEL["total"].mean())
    assert result.reviews["adjusted"].std(ddof=0) == pytest.approx(PANEL["total"].std(ddof=0))


@pytest.mark.parametrize("method", ADJUSTING)
def test_a_disconnected_panel_is_refused_and_raw_totals_returned(method):
    result = adjust_for_leniency(SPLIT, method)
    assert result.requested is method
    assert result.method_used is Normalisation.NONE
    assert result.refused
    assert "fall into 2 groups that share no proposal" in result.refused_reason
    assert list(result.reviews["adjusted"]) == list(result.reviews["total"])


@pytest.mark.parametrize("method", ADJUSTING)
def test_a_judge_with_too_few_reviews_is_refused_by_name(method):
    frame = pd.concat([PANEL, reviews((1, 7, 10), (2, 7, 20))])
    result = adjust_for_leniency(frame, method, judge_names={7: "Grace Hopper"})
    assert result.method_used is Normalisation.NONE
    assert result.refused_reason == "Grace Hopper has only 2 reviews; at least 3 are needed."


@pytest.mark.parametrize("method", ADJUSTING)
def test_the_minimum_number_of_reviews_is_a_parameter(method):
    frame = pd.concat([PANEL, reviews((1, 7, 10), (2, 7, 20))])
    assert adjust_for_leniency(frame, method, min_reviews=2).method_used is method


@pytest.mark.parametrize("method", list(Normalisation))
def test_a_judge_who_gives_every_proposal_the_same_total_breaks_nothing(method):
    frame = PANEL.assign(total=np.where(PANEL["judge_id"] == 3, 50.0, PANEL["total"]))
    result = adjust_for_leniency(frame, method)
    assert result.method_used is method
    assert np.isfinite(result.reviews["adjusted"]).all()
    assert len(score_proposals(result.reviews, column="adjusted")) == 3


def test_zscore_places_a_constant_judge_at_the_overall_mean():
    frame = PANEL.assign(total=np.where(PANEL["judge_id"] == 3, 50.0, PANEL["total"]))
    result = adjust_for_leniency(frame, Normalisation.ZSCORE).reviews
    constant = result.loc[result["judge_id"] == 3, "adjusted"]
    assert np.allclose(constant, frame["total"].mean())


@pytest.mark.parametrize("method", list(Normalisation))
def test_every_total_equal_gives_that_total(method):
    frame = PANEL.assign(total=0.1)
    assert np.allclose(adjust_for_leniency(frame, method).reviews["adjusted"], 0.1)


@pytest.mark.parametrize("method", list(Normalisation))
def test_drafts_without_a_total_are_dropped(method):
    frame = pd.concat([PANEL, reviews((4, 1, None))])
    assert len(adjust_for_leniency(frame, method).reviews) == len(PANEL)


@st.composite
def linked_panels(draw):
    """A connected panel: proposal p is reviewed by judges p mod J and p+1 mod J, plus extras,
    so every judge has at least two reviews. Totals on the 0-100 scale, one decimal."""
    judges = draw(st.integers(2, 5))
    proposals = draw(st.integers(judges, 9))
    rows = []
    for p in range(proposals):
        panel = {p % judges, (p + 1) % judges}
        panel |= set(draw(st.sets(st.integers(0, judges - 1), max_size=judges)))
        rows += [(p, j, draw(st.integers(0, 1000)) / 10) for j in sorted(panel)]
    return reviews(*rows)


def assert_same_ranking(before: pd.Series, after: pd.Series) -> None:
    """No pair of proposals swaps order, and clearly different scores stay different."""
    after = after.loc[before.index]
    for i, j in itertools.combinations(range(len(before)), 2):
        gap_before = before.iloc[i] - before.iloc[j]
        gap_after = after.iloc[i] - after.iloc[j]
        if abs(gap_before) > 1e-6:
            assert np.sign(gap_after) == np.sign(gap_before)
        else:
            assert abs(gap_after) < 1e-6


@settings(max_examples=30, deadline=None)
@given(frame=linked_panels(), shift=st.floats(-30, 30), method=st.sampled_from(ADJUSTING),
       data=st.data())  # fmt: skip
def test_adding_a_constant_to_one_judge_leaves_the_ranking_unchanged(frame, shift, method, data):
    judge = data.draw(st.sampled_from(sorted(frame["judge_id"].unique())))
    moved = frame.assign(total=frame["total"] + np.where(frame["judge_id"] == judge, shift, 0.0))
    before = adjust_for_leniency(frame, method, min_reviews=2)
    after = adjust_for_leniency(moved, method, min_reviews=2)
    assert before.method_used is after.method_used is method
    assert_same_ranking(
        score_proposals(before.reviews, column="adjusted")["score"],
        score_proposals(after.reviews, column="adjusted")["score"],
    )


@settings(max_examples=30, deadline=None)
@given(frame=linked_panels(), seed=st.integers(0, 2**32 - 1),
       method=st.sampled_from(list(Normalisation)))  # fmt: skip
def test_permuting_rows_changes_nothing(frame, seed, method):
    shuffled = frame.sample(frac=1, random_state=np.random.default_rng(seed))
    keys = ["proposal_id", "judge_id"]
    expected = adjust_for_leniency(frame, method, min_reviews=2).reviews.sort_values(keys)
    got = adjust_for_leniency(shuffled, method, min_reviews=2).reviews.sort_values(keys)
    assert np.allclose(got["adjusted"], expected["adjusted"], atol=1e-9)
