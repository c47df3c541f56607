"""The long review frame every ranking function reads: one row per review, checked in one place."""

from collections.abc import Iterable

import numpy as np
import pandas as pd


def checked_reviews(
    reviews: pd.DataFrame, column: str = "total", *, keys: Iterable[str] = ("proposal_id",)
) -> pd.DataFrame:
    """The rows of `reviews` that carry a value in `column`, with only the columns asked for.

    `reviews` is a long frame with one row per review and at least the `keys` columns plus
    `column` (a number on the 0-100 scale of `scoring.review_total`). Rows whose value is missing
    (drafts have no total yet) are dropped, because a review without a total cannot be ranked.
    Raises ValueError naming any missing column, or a value that is not finite.
    """
    wanted = [*keys, column]
    missing = [name for name in wanted if name not in reviews.columns]
    if missing:
        raise ValueError(f"The review frame has no column {', '.join(missing)}")
    frame = reviews.loc[reviews[column].notna(), wanted]
    values = frame[column].to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError(f"The review frame's {column} column holds an infinite value")
    return frame.assign(**{column: values}).reset_index(drop=True)


def described_judge(judge_id: object, judge_names: dict | None) -> str:
    """How a judge is named in a message: their name when the caller gave one, else 'Judge 7'."""
    if judge_names and judge_id in judge_names:
        return str(judge_names[judge_id])
    return f"Judge {judge_id}"
