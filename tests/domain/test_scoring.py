"""review_total: the one writer of a review's 0-100 total."""

import pytest

from civic_challenge.domain.scoring import CriterionScale, review_total

IMPACT = CriterionScale("impact", weight=3, scale_min=1, scale_max=5)
COST = CriterionScale("cost", weight=1, scale_min=1, scale_max=5)
TEN = CriterionScale("ten", weight=1, scale_min=0, scale_max=10)
REACH = CriterionScale("reach", weight=1, scale_min=1, scale_max=5)
FIT = CriterionScale("fit", weight=5, scale_min=1, scale_max=5, counts_toward_total=False)


@pytest.mark.parametrize(
    ("scores", "criteria", "expected"),
    [
        ({"impact": 1}, [IMPACT], 0.0),
        ({"impact": 3}, [IMPACT], 50.0),
        ({"impact": 5}, [IMPACT], 100.0),
        ({"ten": 7}, [TEN], 70.0),
        ({"impact": 5, "cost": 1}, [IMPACT, COST], 75.0),
        ({"impact": 1, "cost": 5}, [IMPACT, COST], 25.0),
        ({"impact": 3, "ten": 10}, [IMPACT, TEN], 62.5),
        ({"impact": 5, "fit": 1}, [IMPACT, FIT], 100.0),
        ({"impact": 4, "cost": 2, "unknown": 5}, [IMPACT, COST], 62.5),
        ({"impact": 2, "cost": 2, "ten": 1}, [IMPACT, COST, TEN], 22.0),
        ({"cost": 2, "ten": 1, "reach": 1}, [COST, TEN, REACH], 11.666667),
    ],
    ids=[
        "lowest-is-0",
        "middle-is-50",
        "highest-is-100",
        "zero-to-ten-scale",
        "weights-favour-impact",
        "weights-the-other-way",
        "scales-mix-after-rescaling",
        "independent-criterion-ignored",
        "unknown-keys-ignored",
        "three-criteria",
        "rounded-to-six-places",
    ],
)
def test_review_total(scores, criteria, expected):
    assert review_total(scores, criteria) == expected


@pytest.mark.parametrize(
    ("scores", "criteria"),
    [
        ({"impact": 4}, [IMPACT, COST]),
        ({}, [IMPACT]),
        ({"fit": 3}, [IMPACT, FIT]),
        ({"fit": 3}, [FIT]),
        ({}, []),
    ],
    ids=["one-counted-missing", "nothing-scored", "only-independent-scored", "no-counted", "empty"],
)
def test_review_total_is_none_until_every_counted_criterion_is_scored(scores, criteria):
    assert review_total(scores, criteria) is None


def test_missing_independent_criterion_does_not_block_the_total():
    assert review_total({"impact": 5, "cost": 5}, [IMPACT, COST, FIT]) == 100.0


@pytest.mark.parametrize(
    ("scores", "criteria"),
    [({"impact": 0}, [IMPACT]), ({"impact": 6}, [IMPACT]), ({"ten": 11}, [TEN]),
     ({"ten": -1}, [TEN])],
    ids=["below-1-5", "above-1-5", "above-0-10", "below-0-10"],
)  # fmt: skip
def test_review_total_refuses_a_score_outside_the_scale(scores, criteria):
    with pytest.raises(ValueError, match="outside"):
        review_total(scores, criteria)
