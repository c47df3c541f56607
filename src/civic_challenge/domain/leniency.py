"""Judge leniency: review totals adjusted for how harsh or generous each judge is, or refused."""

from dataclasses import dataclass

import pandas as pd

from civic_challenge.domain.additive_model import fit_additive_model
from civic_challenge.domain.comparability import DEFAULT_MIN_REVIEWS, comparability_problems
from civic_challenge.domain.review_frame import checked_reviews
from civic_challenge.domain.terms import Normalisation


@dataclass(frozen=True)
class LeniencyResult:
    """What `adjust_for_leniency` did.

    requested: the method asked for. method_used: the method applied; NONE when refused.
    refused_reason: None, or the plain-English reason(s) the adjustment was refused (sentences
    joined by a space), e.g. "Judge 7 has only 2 reviews; at least 3 are needed."
    reviews: one row per review with a total: `proposal_id`, `judge_id`, `total` (raw) and
    `adjusted` (equal to `total` when method_used is NONE), in the input's row order.
    Feed it to `aggregation.score_proposals(result.reviews, column="adjusted")`.
    """

    requested: Normalisation
    method_used: Normalisation
    refused_reason: str | None
    reviews: pd.DataFrame

    @property
    def refused(self) -> bool:
        return self.refused_reason is not None


def adjust_for_leniency(
    reviews: pd.DataFrame,
    method: Normalisation,
    *,
    min_reviews: int = DEFAULT_MIN_REVIEWS,
    judge_names: dict | None = None,
) -> LeniencyResult:
    """Adjusted review totals by `method`, or raw totals with the reason when that is unsafe.

    Input: a long frame, one row per review, with `proposal_id`, `judge_id` and `total` (0-100,
    from `scoring.review_total`); rows without a total (drafts) are dropped. `judge_names`
    optionally maps judge_id to the name used in a refusal.

    Methods:
    - NONE: adjusted = total.
    - ZSCORE: each judge's totals become z-scores (population sd, ddof=0), then are put back on
      the 0-100 scale around the overall mean and sd of all totals: adjusted = overall_mean +
      overall_sd x z. A judge who gave every proposal the same total (sd 0) carries no
      information about order (max equals min; tested that way, not as sd == 0, which rounding
      could miss): their z is defined as 0, so their reviews sit at the overall
      mean. When every total is equal, overall_sd is 0 and every adjusted total is that value.
    - ADDITIVE: total = proposal quality + judge offset + noise, least squares with offsets
      summing to zero (`additive_model`); adjusted = total - the judge's offset, so the mean of
      a proposal's adjusted totals is its fitted quality. Constant judges are fine here.
    Adjusted totals are not clipped to 0-100: clipping would undo part of the correction.

    Before ZSCORE or ADDITIVE, `comparability.comparability_problems` must find nothing (one
    connected judge-proposal graph, at least `min_reviews` reviews per judge); otherwise the
    result is refused: method_used NONE, raw totals, and the reasons.
    """
    method = Normalisation(method)
    frame = checked_reviews(reviews, "total", keys=("proposal_id", "judge_id"))
    if method is Normalisation.NONE:
        return LeniencyResult(method, method, None, frame.assign(adjusted=frame["total"]))
    problems = comparability_problems(frame, min_reviews=min_reviews, judge_names=judge_names)
    if problems:
        raw = frame.assign(adjusted=frame["total"])
        return LeniencyResult(method, Normalisation.NONE, " ".join(problems), raw)
    adjusted = _zscored(frame) if method is Normalisation.ZSCORE else _additive(frame)
    return LeniencyResult(method, method, None, frame.assign(adjusted=adjusted))


def _zscored(frame: pd.DataFrame) -> pd.Series:
    by_judge = frame.groupby("judge_id")["total"]
    varied = by_judge.transform("max") > by_judge.transform("min")
    judge_sd = by_judge.transform("std", ddof=0).where(varied)
    z = ((frame["total"] - by_judge.transform("mean")) / judge_sd).fillna(0.0)
    return frame["total"].mean() + frame["total"].std(ddof=0) * z


def _additive(frame: pd.DataFrame) -> pd.Series:
    offsets = fit_additive_model(frame).offsets
    return frame["total"] - frame["judge_id"].map(offsets)
