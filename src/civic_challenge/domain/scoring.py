"""Review totals: the one place a review's 0-100 total is computed."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CriterionScale:
    key: str
    weight: float
    scale_min: int
    scale_max: int
    counts_toward_total: bool = True


def review_total(scores: Mapping[str, int], criteria: Sequence[CriterionScale]) -> float | None:
    """Weighted mean of the counted criteria, each rescaled to 0-100 first.

    Rescaling makes rubrics of different scales comparable: 3 on a 1-5 scale is 50. Returns None
    while any counted criterion is unscored, so a partial draft never gets a total.
    """
    counted = [c for c in criteria if c.counts_toward_total]
    if not counted or any(c.key not in scores for c in counted):
        return None
    weight_sum = sum(c.weight for c in counted)
    weighted = sum(c.weight * _rescaled(scores[c.key], c) for c in counted)
    return round(weighted / weight_sum, 6)


def _rescaled(score: int, criterion: CriterionScale) -> float:
    if not criterion.scale_min <= score <= criterion.scale_max:
        raise ValueError(
            f"Score {score} for {criterion.key} is outside "
            f"{criterion.scale_min}-{criterion.scale_max}"
        )
    span = criterion.scale_max - criterion.scale_min
    return 100 * (score - criterion.scale_min) / span
