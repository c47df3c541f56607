"""Proposal scores: each proposal's reviews summed up in one number, its spread, and its rank."""

from typing import Literal

import pandas as pd

from civic_challenge.domain.review_frame import checked_reviews
from civic_challenge.domain.terms import Aggregation

SCORE_COLUMNS = ["score", "n", "sd", "spread", "disagreement", "rank"]


def score_proposals(
    reviews: pd.DataFrame,
    *,
    aggregation: Aggregation = Aggregation.MEAN,
    disagreement_threshold: float = 20.0,
    disagreement_on: Literal["spread", "sd"] = "spread",
    column: str = "total",
) -> pd.DataFrame:
    """One row per proposal that has at least one review with a value in `column`.

    Input: a long frame, one row per review, with columns `proposal_id` and `column` (default
    `total`, the 0-100 review total; pass `column="adjusted"` for a `leniency` result's reviews).
    Other columns are ignored; rows without a value are dropped (drafts).

    Output, indexed by `proposal_id`, best first (then by proposal_id):
    - `score`: mean or median of the proposal's reviews, as `aggregation` says (0-100 scale);
    - `n`: number of reviews (int);
    - `sd`: sample standard deviation (ddof=1); NaN when n is 1, since one review has no spread;
    - `spread`: max minus min (0.0 when n is 1);
    - `disagreement`: True when `spread` (or `sd`, per `disagreement_on`) is strictly above
      `disagreement_threshold`, in points on the 0-100 scale; never True for a single review;
    - `rank`: 1 is best; equal scores share the better rank (1, 2, 2, 4), see `rank_scores`.
    The order of the input rows makes no difference.
    """
    if disagreement_on not in ("spread", "sd"):
        raise ValueError(f"disagreement_on must be 'spread' or 'sd', not {disagreement_on!r}")
    aggregation = Aggregation(aggregation)
    frame = checked_reviews(reviews, column)
    if frame.empty:
        return _empty_scores()
    grouped = frame.groupby("proposal_id", sort=True)[column]
    stats = grouped.agg(["mean", "median", "std", "min", "max", "count"])
    table = pd.DataFrame(
        {
            "score": stats["mean" if aggregation is Aggregation.MEAN else "median"],
            "n": stats["count"].astype(int),
            "sd": stats["std"],
            "spread": stats["max"] - stats["min"],
        }
    )
    table["disagreement"] = table[disagreement_on].gt(disagreement_threshold)
    table["rank"] = rank_scores(table["score"])
    return ordered_by_rank(table)


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank 1 for the highest score; equal scores share the better rank ("1, 2, 2, 4").

    Scores are compared after rounding to 9 decimal places, so that two means equal on paper
    but different in the last floating-point bit share a rank instead of splitting by noise.
    """
    return scores.round(9).rank(ascending=False, method="min").astype(int)


def ordered_by_rank(table: pd.DataFrame) -> pd.DataFrame:
    """The table sorted best first, ties by proposal_id, so equal input gives equal output."""
    keys = table.assign(_proposal=table.index)
    order = keys.sort_values(["rank", "_proposal"], kind="stable").index
    return table.loc[order]


def _empty_scores() -> pd.DataFrame:
    empty = pd.DataFrame(
        {
            "score": pd.Series(dtype=float),
            "n": pd.Series(dtype=int),
            "sd": pd.Series(dtype=float),
            "spread": pd.Series(dtype=float),
            "disagreement": pd.Series(dtype=bool),
            "rank": pd.Series(dtype=int),
        }
    )
    empty.index.name = "proposal_id"
    return empty
