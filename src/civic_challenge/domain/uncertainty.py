"""How sure a ranking is: intervals for scores and ranks, P(top k), ties at the shortlist cut.

The model is the normal one that the judges' scores roughly follow: each proposal has a true
score; each review is that score plus independent noise with one spread shared by all reviews
(pooled from the spread within every proposal, so three reviews say as much about the noise as a
thousand); true scores vary around their mean with a spread estimated from how far proposals'
means lie apart beyond what the noise explains (empirical Bayes, method of moments). A
proposal's score then has a normal distribution given its reviews, centred between its own mean
and the overall mean, closer to its own the more reviews it has. Intervals are that
distribution's central `level`, widened by a t quantile for the noise spread's own uncertainty,
and kept within 0-100. Ranks and P(top k) come from `draws` joint draws of every proposal's
score. A bootstrap of three reviews cannot see beyond the three values it has: its "95%"
intervals covered the truth about three times in four (bench/calibration.py).

Cost: two sorts of `draws` x proposals numbers; 200 draws for 100k proposals take a few seconds.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from civic_challenge.domain.aggregation import rank_scores, score_proposals
from civic_challenge.domain.review_frame import checked_reviews
from civic_challenge.domain.terms import Aggregation

SCALE = (0.0, 100.0)
_CHUNK_VALUES = 4_000_000
_DRAW_VALUES = 20_000_000  # draws x proposals at most, down to MIN_DRAWS
MIN_DRAWS = 200


@dataclass(frozen=True)
class RankingUncertainty:
    """table: one row per proposal, indexed by proposal_id, best first (then by proposal_id):
    - `score`, `n`: the point estimates, exactly as `aggregation.score_proposals`;
    - `too_few`: fewer reviews than `min_reviews`: too few reviews to place. Such proposals
      are not placed: no `rank`, `rank_best`, `rank_worst` (<NA>) nor `p_top_k` (NaN); they
      come after every placed proposal, best score first;
    - `rank`: the place among placed proposals (1 is best; ties share the better place);
    - `score_low`, `score_high`: the interval for the proposal's true score at `level`
      (4 decimals, within 0-100; given for every proposal);
    - `rank_best`, `rank_worst`: the same for its true place among placed proposals;
    - `p_top_k`: the probability that its true score is among the k best placed;
    - `in_top_k`: among the first k placed rows of this table (the shortlist as ranked);
    - `uncertain`: `p_top_k` inside the `band` (default 0.2-0.8): neither safely in nor out.
    tie_at_cut, tied_proposals, tie_warning: whether the cut between places k and k+1 falls
      inside a statistical tie, which proposals to look at together, and a sentence saying so.
    noise_sd, spread_sd: the review noise and the spread of true scores the model found.
    """

    table: pd.DataFrame
    k: int
    draws: int
    level: float
    band: tuple[float, float]
    tie_at_cut: bool
    tied_proposals: tuple
    tie_warning: str | None
    noise_sd: float = math.nan
    spread_sd: float = math.nan


def rank_uncertainty(
    reviews: pd.DataFrame,
    *,
    k: int,
    aggregation: Aggregation = Aggregation.MEAN,
    draws: int = 1000,
    seed: int | np.random.Generator = 0,
    level: float = 0.95,
    band: tuple[float, float] = (0.2, 0.8),
    column: str = "total",
    min_reviews: int = 1,
) -> RankingUncertainty:
    """Intervals and P(top k) for a long frame, one row per review, with `proposal_id` and
    `column` (default `total`; `adjusted` for a leniency result's reviews). Rows without a value
    are dropped. The same seed and reviews, in any row order, give the same result. Above
    20,000 proposals fewer draws are taken (200 at 100k); the result says how many.
    """
    _check_arguments(k, draws, level, band)
    frame = checked_reviews(reviews, column)
    points = score_proposals(frame, aggregation=aggregation, column=column)[["score", "n", "rank"]]
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    if points.empty:
        table = points.assign(
            score_low=[], score_high=[], rank_best=[], rank_worst=[], p_top_k=[], uncertain=[]
        )
        return _result(table.assign(in_top_k=[], too_few=[]), k, draws, level, band, (0, 0))
    draws = min(draws, max(MIN_DRAWS, _DRAW_VALUES // len(points)))
    centre, sd, df, model = posterior(frame, column)
    centre, sd = centre.loc[points.index].to_numpy(), sd.loc[points.index].to_numpy()
    half = stats.t.ppf(0.5 + level / 2, df) * sd
    table = points.assign(
        score_low=np.round(np.clip(centre - half, *SCALE), 4),
        score_high=np.round(np.clip(centre + half, *SCALE), 4),
        too_few=points["n"] < min_reviews,
    )
    placed = ~table["too_few"].to_numpy()
    ranks = rank_scores(table.loc[placed, "score"]).reindex(table.index)
    table["rank"] = ranks.astype("Int64")
    table["rank_best"] = table["rank_worst"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table["p_top_k"] = np.nan
    if placed.any():
        best, worst, in_top = _ranks(centre[placed], sd[placed], df, k, draws, level, rng)
        table.loc[placed, "rank_best"], table.loc[placed, "rank_worst"] = best, worst
        table.loc[placed, "p_top_k"] = in_top / draws
    table = _placed_first(table)
    table["uncertain"] = table["p_top_k"].between(*band)
    table["in_top_k"] = np.arange(len(table)) < min(k, int(placed.sum()))
    return _result(table, k, draws, level, band, model)


def _placed_first(table: pd.DataFrame) -> pd.DataFrame:
    """Placed proposals by rank, then those with too few reviews by score; ties by proposal_id."""
    keys = pd.DataFrame(
        {"few": table["too_few"], "rank": table["rank"], "score": -table["score"]}
    ).assign(_proposal=table.index)
    order = keys.sort_values(["few", "rank", "score", "_proposal"], kind="stable").index
    return table.loc[order]


def posterior(frame: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series, float, tuple]:
    """(centre, sd) per proposal_id, the noise's degrees of freedom, (noise sd, spread sd)."""
    grouped = frame.groupby("proposal_id")[column]
    means, counts = grouped.mean(), grouped.count()
    within = ((frame[column] - frame["proposal_id"].map(means)) ** 2).sum()
    df = float((counts - 1).sum())
    if df >= 1:
        noise = float(within / df)
    else:  # one review each: the noise cannot be told from the spread; assume half of it
        noise, df = float(means.var(ddof=1) / 2) if len(means) > 1 else 100.0, 1.0
    noise = max(noise, 1e-6)
    spread = float(means.var(ddof=1) - (noise / counts).mean()) if len(means) > 1 else 0.0
    spread = max(spread, noise / counts.max() / 10, 1e-6)
    grand = float(means.mean())
    shrink = (noise / counts) / (noise / counts + spread)  # the pull toward the overall mean
    centre = means - shrink * (means - grand)
    p = len(means)
    # Morris (1983): the spread and the overall mean are estimates too; without these terms
    # proposals far from the mean get intervals that are too narrow.
    variance = (noise / counts) * (1 - shrink * (p - 1) / p)
    if p > 3:
        variance = variance + 2 / (p - 3) * shrink**2 * (means - grand) ** 2
    return centre, np.sqrt(variance), df, (math.sqrt(noise), math.sqrt(spread))


def _check_arguments(k: int, draws: int, level: float, band: tuple[float, float]) -> None:
    if k < 1:
        raise ValueError(f"The shortlist size k must be at least 1, not {k}")
    if draws < 1:
        raise ValueError(f"draws must be at least 1, not {draws}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    if not 0 <= band[0] <= band[1] <= 1:
        raise ValueError(f"band must be two probabilities, low then high, not {band}")


def _ranks(centre, sd, df, k, draws, level, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rank intervals (best, worst) and top-k counts from joint draws of the true scores.

    Draws use a t distribution with the noise's degrees of freedom, as the intervals do.
    """
    n = len(centre)
    ranks = np.empty((draws, n), dtype=np.int32)
    step = max(1, _CHUNK_VALUES // n)
    places = np.arange(1, n + 1, dtype=np.int32)
    for first in range(0, draws, step):
        rows = min(step, draws - first)
        noise = rng.standard_t(df, size=(rows, n)) if df < 100 else rng.standard_normal((rows, n))
        sample = (-(centre + sd * noise)).astype(np.float32)  # ties have probability ~0
        order = np.argsort(sample, axis=1)
        np.put_along_axis(ranks[first : first + rows], order, places[None, :], axis=1)
    tail = (1 - level) / 2
    spots = [max(math.ceil(q * draws - 1e-9) - 1, 0) for q in (tail, 1 - tail)]
    best, worst = np.empty(n, dtype=int), np.empty(n, dtype=int)
    width = max(1, _CHUNK_VALUES // draws)
    for first in range(0, n, width):
        block = np.ascontiguousarray(ranks[:, first : first + width].T)
        block.partition(spots, axis=1)
        best[first : first + width], worst[first : first + width] = (
            block[:, spots[0]],
            block[:, spots[1]],
        )
    return best, worst, (ranks <= k).sum(axis=0)


def _result(table, k, draws, level, band, model) -> RankingUncertainty:
    extra = {"noise_sd": model[0], "spread_sd": model[1]}
    if len(table) <= k or table["too_few"].iloc[k - 1]:
        return RankingUncertainty(table, k, draws, level, band, False, (), None, **extra)
    last_in, first_out = table.iloc[k - 1], table.iloc[k]
    if first_out["too_few"]:  # everyone placed is in: the cut is not inside a tie
        return RankingUncertainty(table, k, draws, level, band, False, (), None, **extra)
    tie = bool(
        last_in["p_top_k"] <= band[1]
        or first_out["p_top_k"] >= band[0]
        or last_in["score"] == first_out["score"]
    )
    if not tie:
        return RankingUncertainty(table, k, draws, level, band, False, (), None, **extra)
    near = table["uncertain"].to_numpy().copy()
    near[[k - 1, k]] = True
    tied = tuple(table.index[near])
    warning = (
        f"Places {k} and {k + 1} are too close to call: {len(tied)} proposals around the cut "
        f"could each be on either side of it (each between {band[0]:.0%} and {band[1]:.0%} "
        f"likely to make the top {k}, or next to the cut). Look at them together, or ask for "
        "another review, before fixing the shortlist."
    )
    return RankingUncertainty(table, k, draws, level, band, True, tied, warning, **extra)
