"""How sure a ranking is: bootstrap intervals for scores and ranks, P(top k), ties at the cut.

The bootstrap resamples each proposal's reviews with replacement (same number of reviews, same
proposals), recomputes every score and the whole ranking, and repeats. Resamples are drawn for all
proposals with the same review count at once, in chunks, so the work is a few large numpy
operations rather than a loop over proposals. Memory: 4 bytes x resamples x proposals (40 MB for
1,000 resamples of 10k proposals), because the scores are held in single precision and then
overwritten by their ranks. Measured on 2 cores, 1,000 resamples with 5 reviews per proposal:
about 0.8 s at 10k proposals, 10 s at 100k.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from civic_challenge.domain.aggregation import score_proposals
from civic_challenge.domain.review_frame import checked_reviews
from civic_challenge.domain.terms import Aggregation

_CHUNK_VALUES = 2_000_000
_TIE_GRID = 1e-6


@dataclass(frozen=True)
class RankingUncertainty:
    """table: one row per proposal, indexed by proposal_id, best first (then by proposal_id):
    - `score`, `n`, `rank`: the point estimates, exactly as `aggregation.score_proposals`;
    - `score_low`, `score_high`: percentile interval of the resampled score at `level`
      (4 decimals), widened where needed to include `score`;
    - `rank_best`, `rank_worst`: the same for the rank (1 is best; best <= rank <= worst);
    - `p_top_k`: share of resamples in which the proposal ranks in the top k (ties within a
      resample are broken at random, so the shares add up to k);
    - `in_top_k`: among the first k rows of this table (the shortlist as ranked);
    - `uncertain`: `p_top_k` inside the `band` (default 0.2-0.8): neither safely in nor out.
    tie_at_cut: True when the cut between places k and k+1 falls inside a statistical tie:
      the proposal at place k is not safely in (P(top k) <= the band's top), or the one at
      place k+1 is not safely out (P(top k) >= the band's bottom), or their point scores are
      equal. Never True when there
      are k proposals or fewer.
    tied_proposals: proposal_ids the organiser should look at when tie_at_cut: the two either
      side of the cut and every `uncertain` proposal, in table order.
    tie_warning: a plain-English sentence when tie_at_cut, else None.
    """

    table: pd.DataFrame
    k: int
    resamples: int
    level: float
    band: tuple[float, float]
    tie_at_cut: bool
    tied_proposals: tuple
    tie_warning: str | None


def bootstrap_ranking(
    reviews: pd.DataFrame,
    *,
    k: int,
    aggregation: Aggregation = Aggregation.MEAN,
    resamples: int = 1000,
    seed: int | np.random.Generator = 0,
    level: float = 0.95,
    band: tuple[float, float] = (0.2, 0.8),
    column: str = "total",
) -> RankingUncertainty:
    """Bootstrap the ranking of proposals by their reviews.

    Input: a long frame, one row per review, with `proposal_id` and `column` (default `total`;
    pass `column="adjusted"` with a `leniency` result's reviews; the judges' offsets are then
    taken as known, so intervals do not include their uncertainty). Rows without a value are
    dropped. `k` is the shortlist size; `seed` an int or a numpy Generator (which is advanced):
    the same seed and the same reviews, in any row order, give the same result.
    """
    _check_arguments(k, resamples, level, band)
    frame = checked_reviews(reviews, column)
    points = score_proposals(frame, aggregation=aggregation, column=column)[["score", "n", "rank"]]
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    if points.empty:
        samples, columns = np.empty((resamples, 0), dtype=np.float32), points.index
    else:
        frame = frame.sort_values(["proposal_id", column], kind="stable")
        samples, columns = _resampled_scores(
            frame, column, Aggregation(aggregation), resamples, rng
        )
    in_sample_order = _with_intervals(points.loc[columns], samples, k, level, band, rng)
    table = in_sample_order.loc[points.index]
    table["in_top_k"] = np.arange(len(table)) < k
    return _result(table, k, resamples, level, band)


def _check_arguments(k: int, resamples: int, level: float, band: tuple[float, float]) -> None:
    if k < 1:
        raise ValueError(f"The shortlist size k must be at least 1, not {k}")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    if not 0 <= band[0] <= band[1] <= 1:
        raise ValueError(f"band must be two probabilities, low then high, not {band}")


def _resampled_scores(frame, column, aggregation, resamples, rng) -> tuple[np.ndarray, pd.Index]:
    """(resamples x proposals) float32 scores, and the proposal_ids of its columns.

    Columns are ordered by review count, then proposal_id, so each count is one slice.
    """
    codes, proposals = pd.factorize(frame["proposal_id"], sort=True)
    values = frame[column].to_numpy(dtype=float)
    counts = np.bincount(codes)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    order = np.argsort(counts, kind="stable")
    samples = np.empty((resamples, len(counts)), dtype=np.float32)
    statistic = np.mean if aggregation is Aggregation.MEAN else np.median
    first_column = 0
    for size in np.unique(counts):
        members = order[counts[order] == size]
        columns = slice(first_column, first_column + len(members))
        first_column += len(members)
        table = values[starts[members][:, None] + np.arange(size)]
        rows = np.arange(len(members))[None, :, None]
        index_type = np.uint8 if size <= 255 else np.int64  # small integers draw 7x faster
        step = max(1, _CHUNK_VALUES // table.size)
        for first in range(0, resamples, step):
            chunk = min(step, resamples - first)
            picks = rng.integers(0, size, size=(chunk, len(members), size), dtype=index_type)
            samples[first : first + chunk, columns] = statistic(table[rows, picks], axis=2)
    return samples, proposals[order]


def _with_intervals(points, samples, k, level, band, rng) -> pd.DataFrame:
    """`points` in the order of the samples' columns."""
    tail = (1 - level) / 2
    low, high = _quantiles(samples, tail)
    table = points.assign(
        score_low=np.minimum(np.round(low, 4), points["score"]),
        score_high=np.maximum(np.round(high, 4), points["score"]),
    )
    in_top_k = _rank_in_place(samples, k, rng)
    best, worst = _quantiles(samples, tail)
    table["rank_best"] = np.minimum(best, table["rank"]).astype(int)
    table["rank_worst"] = np.maximum(worst, table["rank"]).astype(int)
    table["p_top_k"] = in_top_k / len(samples)
    table["uncertain"] = table["p_top_k"].between(*band)
    return table


def _quantiles(samples: np.ndarray, tail: float) -> tuple[np.ndarray, np.ndarray]:
    """Per column, the `tail` and 1 - `tail` quantiles, as numpy's "inverted_cdf" (observed
    values, no interpolation), a block of columns at a time, each block made contiguous."""
    n_resamples, n_columns = samples.shape
    places = [max(math.ceil(q * n_resamples - 1e-9) - 1, 0) for q in (tail, 1 - tail)]
    low, high = np.empty(n_columns), np.empty(n_columns)
    width = max(1, _CHUNK_VALUES // max(n_resamples, 1))
    for first in range(0, n_columns, width):
        block = np.ascontiguousarray(samples[:, first : first + width].T)
        block.partition(places, axis=1)
        low[first : first + width] = block[:, places[0]]
        high[first : first + width] = block[:, places[1]]
    return low, high


def _rank_in_place(samples: np.ndarray, k: int, rng) -> np.ndarray:
    """Overwrite each resample's scores by their ranks (1 = best); count top-k places.

    Scores are put on a 1e-6 grid and nudged by less than a grid step at random, so equal
    scores get a random order and different ones keep theirs.
    """
    n_resamples, n_proposals = samples.shape
    counts = np.zeros(n_proposals)
    places = np.broadcast_to(np.arange(1, n_proposals + 1, dtype=np.float32), samples.shape)
    step = max(1, _CHUNK_VALUES // max(n_proposals, 1))
    for first in range(0, n_resamples, step):
        block = samples[first : first + step].astype(float)
        keys = np.round(block / _TIE_GRID) + rng.random(block.shape) * 0.5
        order = np.argsort(-keys, axis=1)
        ranks = np.empty_like(samples[first : first + step])
        np.put_along_axis(ranks, order, places[: len(block)], axis=1)
        samples[first : first + step] = ranks
        counts += (ranks <= k).sum(axis=0)
    return counts


def _result(table, k, resamples, level, band) -> RankingUncertainty:
    if len(table) <= k:
        return RankingUncertainty(table, k, resamples, level, band, False, (), None)
    last_in, first_out = table.iloc[k - 1], table.iloc[k]
    tie = bool(
        last_in["p_top_k"] <= band[1]
        or first_out["p_top_k"] >= band[0]
        or last_in["score"] == first_out["score"]
    )
    if not tie:
        return RankingUncertainty(table, k, resamples, level, band, False, (), None)
    near = table["uncertain"].to_numpy().copy()
    near[[k - 1, k]] = True
    tied = tuple(table.index[near])
    warning = (
        f"Places {k} and {k + 1} are too close to call: when the reviews are resampled, "
        f"{len(tied)} proposals around the cut land on either side of it (each between "
        f"{band[0]:.0%} and {band[1]:.0%} likely to make the top {k}, or next to the cut). "
        "Look at them together, or ask for another review, before fixing the shortlist."
    )
    return RankingUncertainty(table, k, resamples, level, band, True, tied, warning)
