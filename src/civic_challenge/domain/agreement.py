"""How far judges agree: Krippendorff's alpha (interval metric), overall and per criterion.

Alpha = 1 - D_o / D_e: observed disagreement within proposals over the disagreement expected if
scores were paired at random. With squared differences (the interval metric), both sums of pair
differences reduce to sums and sums of squares, so alpha costs one group-by:
    sum over ordered pairs i != j in a group of (v_i - v_j)^2 = 2 (m S2 - S1^2),
for a group of m values with sum S1 and sum of squares S2. Only proposals with two or more values
count ("pairable"); n is the number of pairable values; then
    alpha = 1 - (n - 1) * sum_u (m_u S2_u - S1_u^2) / (m_u - 1) / (n S2 - S1^2)
(Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011, sections on the interval
metric and on the coincidence matrix, rewritten in closed form).

Readings (`reading`): below 0.0 "judges disagree more than chance" (alpha is 0 at chance by
construction); below 0.4 "judges agree poorly" (Landis and Koch, 1977, put fair agreement below
0.41); below 0.667 "judges agree moderately"; below 0.8 "judges agree substantially"; otherwise
"judges agree strongly". 0.667 and 0.800 are Krippendorff's own thresholds (Content Analysis,
2nd ed., 2004, p. 241): below 0.667 data should not be relied on, 0.667-0.800 allows tentative
conclusions only, 0.800 and above is reliable.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from civic_challenge.domain.review_frame import checked_reviews

_READINGS = (
    (0.0, "judges disagree more than chance"),
    (0.4, "judges agree poorly"),
    (0.667, "judges agree moderately"),
    (0.8, "judges agree substantially"),
)


@dataclass(frozen=True)
class Agreement:
    """alpha: Krippendorff's alpha, interval metric (NaN when it cannot be measured).
    reading: a plain-English sentence fragment, see the module docstring.
    units: proposals with two or more values (only these inform alpha).
    values: the values in those proposals.
    """

    alpha: float
    reading: str
    units: int
    values: int


def krippendorff_alpha(frame: pd.DataFrame, *, unit: str, value: str) -> Agreement:
    """Interval alpha of `value` over units named by the `unit` column, one row per rating.

    Who gave each rating does not enter the formula: alpha compares values within a unit to
    values across units. Rows with a missing value are ignored, as are units left with one value.
    """
    data = frame.loc[frame[value].notna(), [unit, value]]
    if not np.isfinite(data[value].to_numpy(dtype=float)).all():
        raise ValueError("Scores must be finite numbers; an infinite score cannot be compared")
    values = _centred(data[value].to_numpy(dtype=float))
    sums = pd.DataFrame({"unit": data[unit].to_numpy(), "v": values, "v2": values**2})
    per_unit = sums.groupby("unit", sort=False).agg(
        m=("v", "size"), s1=("v", "sum"), s2=("v2", "sum")
    )
    return _alpha_from_sums(per_unit[per_unit["m"] > 1])


def agreement_on_totals(reviews: pd.DataFrame, column: str = "total") -> Agreement:
    """Alpha over review totals. Input: a long frame, one row per review, with `proposal_id`,
    `judge_id` and `column` (default `total`, 0-100); rows without a value are dropped."""
    frame = checked_reviews(reviews, column, keys=("proposal_id", "judge_id"))
    return krippendorff_alpha(frame, unit="proposal_id", value=column)


def agreement_by_criterion(scores: pd.DataFrame) -> pd.DataFrame:
    """Alpha per criterion, on the criterion's own scale (alpha does not depend on the scale).

    Input: a long frame, one row per criterion score, with columns `review_id`, `judge_id`,
    `proposal_id`, `criterion_key` and `score`. Output: one row per criterion_key (the index,
    sorted), columns `alpha`, `reading`, `units`, `values` as in `Agreement`.
    """
    missing = {"review_id", "judge_id", "proposal_id", "criterion_key", "score"} - set(scores)
    if missing:
        raise ValueError(f"The score frame has no column {', '.join(sorted(missing))}")
    data = scores.loc[scores["score"].notna()]
    if not np.isfinite(data["score"].to_numpy(dtype=float)).all():
        raise ValueError("Scores must be finite numbers; an infinite score cannot be compared")
    values = _centred(data["score"].to_numpy(dtype=float))
    sums = pd.DataFrame(
        {
            "criterion_key": data["criterion_key"].to_numpy(),
            "proposal_id": data["proposal_id"].to_numpy(),
            "v": values,
            "v2": values**2,
        }
    )
    per_unit = sums.groupby(["criterion_key", "proposal_id"], sort=True).agg(
        m=("v", "size"), s1=("v", "sum"), s2=("v2", "sum")
    )
    pairable = per_unit[per_unit["m"] > 1]
    criterion_of = pairable.index.get_level_values("criterion_key")
    rows = {
        key: vars(_alpha_from_sums(pairable[criterion_of == key]))
        for key in per_unit.index.get_level_values("criterion_key").unique()
    }
    columns = ["alpha", "reading", "units", "values"]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    table.index.name = "criterion_key"
    return table


def reading(alpha: float) -> str:
    """The plain-English reading of an alpha, see the module docstring for the thresholds."""
    if not np.isfinite(alpha):
        return "agreement cannot be measured"
    for upper, words in _READINGS:
        if alpha < upper:
            return words
    return "judges agree strongly"


def _alpha_from_sums(per_unit: pd.DataFrame) -> Agreement:
    """per_unit: rows of pairable units with columns m (count), s1 (sum), s2 (sum of squares)."""
    m, s1, s2 = (per_unit[c].to_numpy(dtype=float) for c in ("m", "s1", "s2"))
    n, total, total_sq = m.sum(), s1.sum(), s2.sum()
    units, values = len(per_unit), int(n)
    if units == 0:
        words = "too few proposals have two or more reviews to measure agreement"
        return Agreement(float("nan"), words, units, values)
    expected = n * total_sq - total**2
    if expected <= 1e-9 * max(1.0, n * total_sq):
        words = "every score is the same, so agreement cannot be measured"
        return Agreement(float("nan"), words, units, values)
    observed = np.sum((m * s2 - s1**2) / (m - 1))
    alpha = float(1 - (n - 1) * observed / expected)
    return Agreement(alpha, reading(alpha), units, values)


def _centred(values: np.ndarray) -> np.ndarray:
    """Alpha ignores a shift; centring keeps the sums of squares free of cancellation."""
    return values - values.mean() if len(values) else values
