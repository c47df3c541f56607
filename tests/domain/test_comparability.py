"""comparability_problems: when judges' scales cannot be compared, say why in plain English."""

import pandas as pd
import pytest

from civic_challenge.domain.comparability import comparability_problems, judge_groups


def reviews(*rows):
    """rows: (proposal_id, judge_id, total)."""
    return pd.DataFrame(rows, columns=["proposal_id", "judge_id", "total"])


LINKED = reviews(*[(p, j, 50.0) for p in (1, 2, 3) for j in (1, 2)])
SPLIT = reviews(*[(p, j, 50.0) for p in (1, 2, 3) for j in (1, 2)],
                *[(p, j, 50.0) for p in (4, 5, 6) for j in (3, 4)])  # fmt: skip


def test_a_linked_panel_with_enough_reviews_has_no_problem():
    assert comparability_problems(LINKED) == []


def test_groups_that_share_no_proposal_are_named():
    assert comparability_problems(SPLIT) == [
        "The judges fall into 2 groups that share no proposal (Judge 1, Judge 2; Judge 3, "
        "Judge 4), so their scales cannot be compared. Assign a few proposals to judges from "
        "different groups."
    ]


def test_one_judge_short_of_reviews():
    frame = pd.concat([LINKED, reviews((1, 7, 40.0), (2, 7, 45.0))])
    assert comparability_problems(frame) == ["Judge 7 has only 2 reviews; at least 3 are needed."]


def test_several_judges_short_of_reviews_and_names_used():
    frame = pd.concat([LINKED, reviews((1, 7, 40.0), (2, 7, 45.0), (3, 9, 40.0))])
    names = {7: "Ada Lovelace"}
    assert comparability_problems(frame, judge_names=names) == [
        "2 judges have fewer than 3 reviews (Ada Lovelace: 2, Judge 9: 1); "
        "at least 3 each are needed."
    ]


def test_both_problems_are_reported():
    problems = comparability_problems(SPLIT, min_reviews=4)
    assert len(problems) == 2
    assert problems[0].startswith("The judges fall into 2 groups")
    assert problems[1].startswith("4 judges have fewer than 4 reviews")


@pytest.mark.parametrize("min_reviews", [0, 1, 3])
def test_minimum_is_a_parameter(min_reviews):
    assert comparability_problems(LINKED, min_reviews=min_reviews) == []


def test_no_reviews_is_a_problem_not_a_crash():
    assert comparability_problems(reviews()) == [
        "There are no reviews with a total yet, so there is nothing to compare."
    ]


@pytest.mark.parametrize(
    ("rows", "groups"),
    [
        ([(1, 1), (1, 2), (2, 2), (2, 3)], [[1, 2, 3]]),
        ([(1, 1), (2, 2), (3, 3)], [[1], [2], [3]]),
        ([(1, 5), (1, 4), (2, 1)], [[4, 5], [1]]),
        ([(1, 1), (2, 1), (3, 2), (3, 3), (4, 3)], [[2, 3], [1]]),
    ],
    ids=["chain", "islands", "largest-first", "proposal-reviewed-once-links-nothing"],
)
def test_judge_groups(rows, groups):
    frame = pd.DataFrame(rows, columns=["proposal_id", "judge_id"])
    assert judge_groups(frame) == groups
