"""Krippendorff's alpha (interval): checked against his own worked example and the definition."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.agreement import (
    agreement_by_criterion,
    agreement_on_totals,
    krippendorff_alpha,
    reading,
)

NA = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, values 1-5 with gaps. Published: nominal 0.743, ordinal 0.815, interval 0.849.
RELIABILITY_DATA = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    "C": [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
}


def long_form(data):
    rows = [(unit + 1, judge, value) for judge, values in data.items()
            for unit, value in enumerate(values)]  # fmt: skip
    return pd.DataFrame(rows, columns=["proposal_id", "judge_id", "total"])


def alpha_by_definition(frame):
    """Interval alpha straight from the coincidence matrix (Krippendorff 2011, eq. for D_o/D_e)."""
    data = frame.dropna(subset=["total"])
    units = [g["total"].tolist() for _, g in data.groupby("proposal_id") if len(g) > 1]
    coincidences = {}
    for values in units:
        for a, b in itertools.permutations(range(len(values)), 2):
            key = (values[a], values[b])
            coincidences[key] = coincidences.get(key, 0) + 1 / (len(values) - 1)
    marginals = {}
    for (c, _), weight in coincidences.items():
        marginals[c] = marginals.get(c, 0) + weight
    n = sum(marginals.values())
    observed = sum(w * (c - k) ** 2 for (c, k), w in coincidences.items())
    expected = sum(marginals[c] * marginals[k] * (c - k) ** 2 for c in marginals for k in marginals)
    return 1 - (n - 1) * observed / expected


def test_krippendorffs_worked_example():
    result = agreement_on_totals(long_form(RELIABILITY_DATA))
    assert round(result.alpha, 3) == 0.849
    assert result.units == 11
    assert result.values == 40
    assert result.reading == "judges agree strongly"


def test_the_reference_implementation_agrees_with_the_published_value():
    assert round(alpha_by_definition(long_form(RELIABILITY_DATA)), 3) == 0.849


@pytest.mark.parametrize(
    ("alpha", "words"),
    [(-0.2, "judges disagree more than chance"), (0.0, "judges agree poorly"),
     (0.39, "judges agree poorly"), (0.4, "judges agree moderately"),
     (0.666, "judges agree moderately"), (0.667, "judges agree substantially"),
     (0.799, "judges agree substantially"), (0.8, "judges agree strongly"),
     (1.0, "judges agree strongly")],
)  # fmt: skip
def test_reading(alpha, words):
    assert reading(alpha) == words


@pytest.mark.parametrize(
    ("data", "alpha", "words"),
    [
        ({"A": [1, 2, 3], "B": [1, 2, 3]}, 1.0, "judges agree strongly"),
        ({"A": [5, 5, 5], "B": [5, 5, 5]}, math.nan,
         "every score is the same, so agreement cannot be measured"),
        ({"A": [1, NA, 3], "B": [NA, 2, NA]}, math.nan,
         "too few proposals have two or more reviews to measure agreement"),
        ({"A": [1, 5], "B": [5, 1]}, -0.5, "judges disagree more than chance"),
    ],
    ids=["perfect", "no-variation", "nothing-pairable", "opposite"],
)  # fmt: skip
def test_edge_cases(data, alpha, words):
    result = agreement_on_totals(long_form(data))
    assert result.alpha == pytest.approx(alpha, nan_ok=True)
    assert result.reading == words


def test_per_criterion():
    rows = []
    for review, (proposal, judge) in enumerate(itertools.product(range(6), range(3))):
        rows.append((review, judge, proposal, "impact", proposal % 5 + 1))
        rows.append((review, judge, proposal, "cost", (proposal + judge) % 5 + 1))
    scores = pd.DataFrame(rows, columns=["review_id", "judge_id", "proposal_id",
                                         "criterion_key", "score"])  # fmt: skip
    table = agreement_by_criterion(scores)
    assert list(table.index) == ["cost", "impact"]
    assert table.loc["impact", "alpha"] == pytest.approx(1.0)
    assert table.loc["cost", "alpha"] < 0.67
    assert table.loc["impact", "units"] == 6
    assert table.loc["impact", "values"] == 18


def test_per_criterion_matches_the_worked_example_for_each_criterion():
    frame = long_form(RELIABILITY_DATA).rename(columns={"total": "score"})
    scores = pd.concat([frame.assign(criterion_key="x"), frame.assign(criterion_key="y")])
    scores["review_id"] = range(len(scores))
    assert list(agreement_by_criterion(scores)["alpha"].round(3)) == [0.849, 0.849]


def test_missing_score_columns_are_named():
    with pytest.raises(ValueError, match="criterion_key"):
        agreement_by_criterion(pd.DataFrame({"review_id": [1], "score": [2]}))


def test_the_unit_column_is_chosen_by_the_caller():
    frame = long_form(RELIABILITY_DATA).rename(columns={"proposal_id": "unit"})
    assert round(krippendorff_alpha(frame, unit="unit", value="total").alpha, 3) == 0.849


ratings = st.lists(
    st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=4, max_size=4),
    min_size=2,
    max_size=10,
)


@settings(max_examples=50, deadline=None)
@given(table=ratings, scale=st.floats(0.1, 10), shift=st.floats(-50, 50),
       seed=st.integers(0, 2**32 - 1))  # fmt: skip
def test_matches_the_definition_and_ignores_order_shift_and_scale(table, scale, shift, seed):
    frame = long_form({j: [row[j] for row in table] for j in range(4)})
    frame["total"] = frame["total"].astype(float)
    result = agreement_on_totals(frame)
    data = frame.dropna(subset=["total"])
    pairable = data.groupby("proposal_id").size().gt(1).sum()
    varied = data.groupby("proposal_id").filter(lambda g: len(g) > 1)["total"].nunique() > 1
    if pairable == 0 or not varied:
        assert math.isnan(result.alpha)
        return
    assert result.alpha == pytest.approx(alpha_by_definition(frame), abs=1e-9)
    moved = frame.assign(total=frame["total"] * scale + shift)
    shuffled = moved.sample(frac=1, random_state=np.random.default_rng(seed))
    assert agreement_on_totals(shuffled).alpha == pytest.approx(result.alpha, abs=1e-9)


def test_an_alpha_that_cannot_be_measured_is_never_read_as_agreement():
    assert reading(float("nan")) == "agreement cannot be measured"
    assert "agree" not in reading(float("nan")).replace("agreement", "")


def test_infinite_scores_are_refused_per_criterion_and_overall():
    scores = pd.DataFrame(
        {
            "review_id": [1, 2],
            "judge_id": [1, 2],
            "proposal_id": [1, 1],
            "criterion_key": ["impact", "impact"],
            "score": [3.0, float("inf")],
        }
    )
    with pytest.raises(ValueError, match="finite"):
        agreement_by_criterion(scores)
    with pytest.raises(ValueError, match="finite"):
        krippendorff_alpha(scores, unit="proposal_id", value="score")
