"""Slate benchmark: recommend_slate at 1,000, 10,000 and 100,000 candidates beside a plain
greedy fill and scipy's milp on the same input, each answer checked in whole pence.

Run: .venv/bin/python bench/slate.py [--sizes 1000 10000 100000] [--seed 2018]
"""

import argparse
import re
import time

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from civic_challenge.domain.slate import SlateOptions, ThemeMinimum, recommend_slate

THEMES = ["climate", "ageing", "inequality"]
STATEMENTS = ["walking", "vehicles", "housing", "dementia", "loneliness", "activity", "money"]
MINIMUMS = [ThemeMinimum("climate", share=0.2), ThemeMinimum("ageing", share=0.15)]
MAX_AWARD = 2_250_000


def instance(n: int, seed: int) -> tuple[pd.DataFrame, int]:
    """Realistic awards (£5k-£22.5k with odd pence), scores to 0.01, some organisations with
    several proposals, and a budget of £2.5m less 3p (a city's pilot budget; hundreds of
    awards)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "proposal_id": np.arange(1, n + 1),
            "organisation_id": rng.integers(0, int(n * 0.7), n),
            "statement_key": rng.choice(STATEMENTS, n),
            "theme_key": rng.choice(THEMES, n, p=[0.5, 0.2, 0.3]),
            "score": np.round(np.clip(rng.normal(60, 12, n), 1, 100), 2),
            "amount_pence": rng.integers(500_000, MAX_AWARD + 1, n),
        }
    )
    return frame, 250_000_000 - 3


def greedy(frame: pd.DataFrame, budget: int) -> np.ndarray:
    taken = np.zeros(len(frame), dtype=bool)
    left, seen = budget, set()
    order = np.lexsort((frame["proposal_id"], -frame["score"].to_numpy()))
    amounts, organisations = frame["amount_pence"].to_numpy(), frame["organisation_id"].to_numpy()
    for i in order:
        if amounts[i] <= left and organisations[i] not in seen:
            taken[i], left = True, left - amounts[i]
            seen.add(organisations[i])
    return taken


def scipy_milp(frame: pd.DataFrame, budget: int) -> tuple[np.ndarray | None, str]:
    """The same hard rules (budget, one per organisation, theme shares) in pence, as most would
    write them, with scipy's defaults and a 60 s limit."""
    n = len(frame)
    amounts = frame["amount_pence"].to_numpy(float)
    rows, cols, vals, lower, upper = [], [], [], [], []

    def add(c, v, lo, up):
        rows.extend([len(lower)] * len(c))
        cols.extend(c)
        vals.extend(v)
        lower.append(lo)
        upper.append(up)

    add(range(n), amounts, -np.inf, budget)
    for members in frame.groupby("organisation_id").indices.values():
        if len(members) > 1:
            add(members, [1.0] * len(members), -np.inf, 1)
    for m in MINIMUMS:
        weights = (frame["theme_key"].to_numpy() == m.theme_key) - m.share
        add(range(n), weights * amounts, 0, np.inf)
    matrix = coo_array((vals, (rows, cols)), (len(lower), n))
    result = milp(
        -frame["score"].to_numpy(),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, lower, upper),
        options={"time_limit": 60.0},
    )
    if result.x is None:
        return None, result.message
    return np.round(result.x) > 0.5, result.message


def pence_check(frame: pd.DataFrame, budget: int, chosen: np.ndarray) -> str:
    total = int(frame["amount_pence"].to_numpy()[chosen].sum())
    over = total - budget
    organisations = frame["organisation_id"].to_numpy()[chosen]
    faults = [f"over budget by {over}p"] if over > 0 else []
    if len(set(organisations)) < len(organisations):
        faults.append("two awards to one organisation")
    for m in MINIMUMS:
        theme = frame["theme_key"].to_numpy()[chosen] == m.theme_key
        money = int(frame["amount_pence"].to_numpy()[chosen][theme].sum())
        if 10_000 * money < round(m.share * 10_000) * total:
            faults.append(f"{m.theme_key} share short")
    return "; ".join(faults) or "keeps every rule"


def score(frame: pd.DataFrame, chosen: np.ndarray | None) -> str:
    return "-" if chosen is None else f"{frame['score'].to_numpy()[chosen].sum():,.2f}"


def run(n: int, seed: int) -> None:
    frame, budget = instance(n, seed)
    options = SlateOptions(max_award_pence=MAX_AWARD, cover_statements=True)
    start = time.perf_counter()
    slate = recommend_slate(frame, budget_pence=budget, minimums=MINIMUMS, options=options)
    ours = time.perf_counter() - start
    mask = frame["proposal_id"].isin(slate.recommended.proposal_ids).to_numpy()
    start = time.perf_counter()
    plain = greedy(frame, budget)
    greedy_time = time.perf_counter() - start
    start = time.perf_counter()
    theirs, message = scipy_milp(frame, budget)
    milp_time = time.perf_counter() - start
    gap = re.search(r"at most ([0-9,.]+) points", slate.gap or "")
    proven = "proven best" if slate.gap is None else f"proven within {gap.group(1)} points"
    print(
        f"| {n:,} | {ours:.1f} | {score(frame, mask)} "
        f"({proven}; {pence_check(frame, budget, mask)})"
        f" | {greedy_time:.2f} | {score(frame, plain)} ({pence_check(frame, budget, plain)})"
        f" | {milp_time:.1f} | {score(frame, theirs)} "
        f"({message if theirs is None else pence_check(frame, budget, theirs)}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    print(
        "| candidates | recommend_slate (s) | its total score | greedy (s) | greedy total "
        "| scipy milp (s) | milp total |"
    )
    print("| ---: | ---: | --- | ---: | --- | ---: | --- |")
    for n in args.sizes:
        run(n, args.seed)


if __name__ == "__main__":
    main()
