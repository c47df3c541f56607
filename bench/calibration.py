"""Do the ranking's "95%" intervals hold the truth 95% of the time?

Simulated panels with known true scores (normal around 60, sd 12, within 5-95), each proposal
reviewed by r distinct judges out of 50 with their own leniency (sd 3), review noise of the given
sd, totals kept within 0-100. For each method and setting it prints the share of 95% intervals
that hold the true score and the true rank; then how well P(top k) is calibrated (the share of
proposals truly in the top k among those given each band of chance); then the time for the
intervals and P(top k) at 100k proposals x 5 reviews.

Methods: ours (`domain.uncertainty.rank_uncertainty`); a plain t-interval per proposal (its own
reviews' sd, t with r - 1 degrees of freedom; no ranks); the percentile bootstrap of each
proposal's reviews that the ranking used before (200 resamples).

Run: .venv/bin/python bench/calibration.py [--panels 20] [--proposals 200] [--seed 2018]
"""

import argparse
import time

import numpy as np
import pandas as pd
from scipy import stats

from civic_challenge.domain.uncertainty import rank_uncertainty

K = 20
BANDS = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001]


def panel(rng, n, reviews, noise, judges=50):
    truth = np.clip(rng.normal(60, 12, n), 5, 95)
    leniency = rng.normal(0, 3, judges)
    proposal = np.repeat(np.arange(n), reviews)
    judge = np.concatenate([rng.choice(judges, reviews, replace=False) for _ in range(n)])
    total = truth[proposal] + leniency[judge] + rng.normal(0, noise, n * reviews)
    return truth, pd.DataFrame({"proposal_id": proposal, "total": np.clip(total, 0, 100)})


def ours(frame, rng):
    table = rank_uncertainty(frame, k=K, draws=1000, seed=rng).table.sort_index()
    return table[["score_low", "score_high", "rank_best", "rank_worst", "p_top_k"]]


def plain_t(frame, rng):
    grouped = frame.groupby("proposal_id")["total"]
    mean, sd, n = grouped.mean(), grouped.std(ddof=1), grouped.count()
    half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    return pd.DataFrame({"score_low": mean - half, "score_high": mean + half})


def bootstrap(frame, rng, resamples=200):
    values = frame.sort_values("proposal_id")["total"].to_numpy()
    n = frame.groupby("proposal_id").size().iloc[0]
    table = values.reshape(-1, n)
    picks = rng.integers(0, n, size=(resamples, table.shape[0], n))
    means = table[np.arange(table.shape[0])[None, :, None], picks].mean(axis=2)
    ranks = (-means).argsort(axis=1).argsort(axis=1) + 1
    return pd.DataFrame(
        {
            "score_low": np.percentile(means, 2.5, axis=0),
            "score_high": np.percentile(means, 97.5, axis=0),
            "rank_best": np.percentile(ranks, 2.5, axis=0),
            "rank_worst": np.percentile(ranks, 97.5, axis=0),
            "p_top_k": (ranks <= K).mean(axis=0),
        }
    )


METHODS = {"ours": ours, "plain t": plain_t, "bootstrap": bootstrap}


def coverage(args):
    print("| method | reviews | noise sd | score covered | rank covered |")
    print("| --- | ---: | ---: | ---: | ---: |")
    reliability = {name: [] for name in ("ours", "bootstrap")}
    for name, method in METHODS.items():
        for reviews in (3, 5, 10):
            for noise in (5, 10, 20):
                rng = np.random.default_rng(args.seed)
                scores, ranks = [], []
                for _ in range(args.panels):
                    truth, frame = panel(rng, args.proposals, reviews, noise)
                    got = method(frame, rng).reset_index(drop=True)
                    scores.append((got.score_low <= truth) & (truth <= got.score_high))
                    true_rank = pd.Series(truth).rank(ascending=False).to_numpy()
                    if "rank_best" in got:
                        ranks.append((got.rank_best <= true_rank) & (true_rank <= got.rank_worst))
                    if name in reliability:
                        reliability[name].append(
                            pd.DataFrame({"p": got.p_top_k, "in": true_rank <= K})
                        )
                rank_text = f"{np.mean(np.concatenate(ranks)):.3f}" if ranks else "-"
                print(
                    f"| {name} | {reviews} | {noise} | {np.mean(np.concatenate(scores)):.3f} "
                    f"| {rank_text} |"
                )
    return reliability


def reliability_table(reliability):
    print(f"\nP(top {K}) reliability, all settings pooled:\n")
    print("| method | chance given | proposals | mean chance | truly in the top k |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, parts in reliability.items():
        frame = pd.concat(parts)
        frame["band"] = pd.cut(frame["p"], BANDS, right=False)
        for band, rows in frame.groupby("band", observed=True):
            low, high = band.left, min(band.right, 1.0)
            print(
                f"| {name} | {low:.1f}-{high:.1f} | {len(rows):,} | {rows['p'].mean():.3f} "
                f"| {rows['in'].mean():.3f} |"
            )


def timing(seed):
    rng = np.random.default_rng(seed)
    _, frame = panel(rng, 100_000, 5, 10, judges=1000)
    times = []
    for run in range(3):
        start = time.perf_counter()
        result = rank_uncertainty(frame, k=50, seed=run)
        times.append(time.perf_counter() - start)
    print(
        f"\nIntervals and P(top k) at 100,000 proposals x 5 reviews ({result.draws} draws): "
        f"median of 3 runs {np.median(times):.2f} s (target 5 s)."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--panels", type=int, default=20)
    parser.add_argument("--proposals", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    reliability = coverage(args)
    reliability_table(reliability)
    timing(args.seed)


if __name__ == "__main__":
    main()
