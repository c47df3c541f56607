"""Judge calibration: how lenient each judge is, how sure we are, and how many reviews say so."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from civic_challenge.domain.additive_model import fit_additive_model
from civic_challenge.domain.comparability import comparability_problems
from civic_challenge.domain.review_frame import checked_reviews

CALIBRATION_COLUMNS = [
    "n_reviews",
    "n_shared",
    "mean_total",
    "offset",
    "standard_error",
    "low",
    "high",
]


@dataclass(frozen=True)
class Calibration:
    """table: one row per judge, indexed by judge_id, sorted by judge_id, with columns
    - `n_reviews`: reviews with a total by this judge;
    - `n_shared`: of those, reviews of proposals that another judge also reviewed (only these
      tell us anything about the judge's leniency);
    - `mean_total`: the judge's mean raw total (0-100);
    - `offset`: the additive model's offset in points (positive = more generous than the panel;
      offsets sum to 0); NaN when the graph is disconnected;
    - `standard_error`, `low`, `high`: its standard error and an interval at `level` with the t
      quantile for the model's residual degrees of freedom (reviews - proposals - judges + 1): a
      small panel has few, and a normal quantile there gave intervals that missed the truth one
      time in six; NaN when the model has no residual freedom (e.g. one review per proposal).
    refused_reason: None, or why offsets could not be estimated (disconnected graph).
    """

    table: pd.DataFrame
    level: float
    refused_reason: str | None


def calibrate_judges(
    reviews: pd.DataFrame, *, level: float = 0.95, judge_names: dict | None = None
) -> Calibration:
    """Each judge's estimated offset with an interval and the number of reviews behind it.

    Input: a long frame, one row per review, with `proposal_id`, `judge_id` and `total` (0-100);
    rows without a total are dropped. Unlike `leniency.adjust_for_leniency`, a judge with few
    reviews is not refused here: their interval is simply wide, which is the point of showing it.
    Only a disconnected judge-proposal graph stops the estimate (offsets NaN, reason given).
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    frame = checked_reviews(reviews, "total", keys=("proposal_id", "judge_id"))
    table = _counts(frame)
    if frame.empty:
        return Calibration(_with_offsets(table, np.nan, np.nan, level), level, None)
    problems = comparability_problems(frame, min_reviews=0, judge_names=judge_names)
    if problems:
        return Calibration(_with_offsets(table, np.nan, np.nan, level), level, " ".join(problems))
    fit = fit_additive_model(frame)
    freedom = len(frame) - frame["proposal_id"].nunique() - (frame["judge_id"].nunique() - 1)
    table = _with_offsets(table, fit.offsets, fit.offset_standard_errors(), level, freedom)
    return Calibration(table, level, None)


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    reviews_of_proposal = frame.groupby("proposal_id")["judge_id"].transform("size")
    by_judge = frame.assign(shared=reviews_of_proposal > 1).groupby("judge_id", sort=True)
    table = pd.DataFrame(
        {
            "n_reviews": by_judge.size().astype(int),
            "n_shared": by_judge["shared"].sum().astype(int),
            "mean_total": by_judge["total"].mean(),
        }
    )
    table.index.name = "judge_id"
    return table


def _with_offsets(table: pd.DataFrame, offsets, errors, level: float, freedom: int = 0):
    centre = pd.Series(offsets, index=table.index, dtype=float)
    error = pd.Series(errors, index=table.index, dtype=float)
    z = student_t.ppf(0.5 + level / 2, freedom) if freedom > 0 else np.nan
    return table.assign(
        offset=centre, standard_error=error, low=centre - z * error, high=centre + z * error
    )[CALIBRATION_COLUMNS]
