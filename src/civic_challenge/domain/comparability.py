"""Whether judges' scales can be compared: a connected judge-proposal graph and enough reviews."""

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from civic_challenge.domain.review_frame import checked_reviews, described_judge

DEFAULT_MIN_REVIEWS = 3
_NAMED_AT_MOST = 5


def comparability_problems(
    reviews: pd.DataFrame,
    *,
    min_reviews: int = DEFAULT_MIN_REVIEWS,
    judge_names: dict | None = None,
    column: str = "total",
) -> list[str]:
    """Plain-English reasons why judges' scales cannot be compared; empty when they can.

    Input: a long frame, one row per review, with `proposal_id`, `judge_id` and `column`; rows
    without a value are ignored. `judge_names` optionally maps judge_id to the name used in the
    messages (otherwise "Judge 7"). Two checks, both reported when both fail:
    - the judges and proposals form one connected graph (a judge is linked to every proposal they
      reviewed); otherwise nothing ties one group's scale to another's;
    - every judge has at least `min_reviews` reviews, so their leniency is estimated from more
      than a handful of proposals.
    """
    frame = checked_reviews(reviews, column, keys=("proposal_id", "judge_id"))
    if frame.empty:
        return ["There are no reviews with a total yet, so there is nothing to compare."]
    problems = []
    groups = judge_groups(frame)
    if len(groups) > 1:
        listed = "; ".join(_names(group, judge_names) for group in groups[:_NAMED_AT_MOST])
        more = f"; and {len(groups) - _NAMED_AT_MOST} more" if len(groups) > _NAMED_AT_MOST else ""
        problems.append(
            f"The judges fall into {len(groups)} groups that share no proposal ({listed}{more}), "
            "so their scales cannot be compared. Assign a few proposals to judges from "
            "different groups."
        )
    short = _short_of_reviews(frame, min_reviews)
    if len(short):
        problems.append(_short_message(short, min_reviews, judge_names))
    return problems


def judge_groups(reviews: pd.DataFrame) -> list[list]:
    """The judges split into groups linked by shared proposals, largest group first.

    Input: a frame with `proposal_id` and `judge_id`, one row per review. Within a group, any two
    judges are joined by a chain of proposals each reviewed by two judges of the chain. Judges in
    a group are sorted; groups of equal size are ordered by their first judge.
    """
    judge_codes, judges = pd.factorize(reviews["judge_id"], sort=True)
    proposal_codes, proposals = pd.factorize(reviews["proposal_id"], sort=True)
    n_judges = len(judges)
    size = n_judges + len(proposals)
    edges = sparse.coo_matrix(
        (np.ones(len(reviews)), (judge_codes, n_judges + proposal_codes)), shape=(size, size)
    )
    _, labels = connected_components(edges, directed=False)
    judge_labels = labels[:n_judges]
    groups = [list(judges[judge_labels == label]) for label in np.unique(judge_labels)]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def _short_of_reviews(frame: pd.DataFrame, min_reviews: int) -> pd.Series:
    counts = frame.groupby("judge_id").size().sort_index()
    return counts[counts < min_reviews]


def _short_message(short: pd.Series, min_reviews: int, judge_names: dict | None) -> str:
    if len(short) == 1:
        judge, count = next(iter(short.items()))
        return (
            f"{described_judge(judge, judge_names)} has only {_reviews(count)}; "
            f"at least {min_reviews} are needed."
        )
    listed = ", ".join(
        f"{described_judge(judge, judge_names)}: {count}"
        for judge, count in list(short.items())[:_NAMED_AT_MOST]
    )
    more = f", and {len(short) - _NAMED_AT_MOST} more" if len(short) > _NAMED_AT_MOST else ""
    return (
        f"{len(short)} judges have fewer than {min_reviews} reviews ({listed}{more}); "
        f"at least {min_reviews} each are needed."
    )


def _names(group: list, judge_names: dict | None) -> str:
    shown = ", ".join(described_judge(judge, judge_names) for judge in group[:_NAMED_AT_MOST])
    return (
        shown
        if len(group) <= _NAMED_AT_MOST
        else f"{shown} and {len(group) - _NAMED_AT_MOST} others"
    )


def _reviews(count: int) -> str:
    return "1 review" if count == 1 else f"{count} reviews"
