"""Assignment benchmark: time to assign judges at 500, 1,000 and 2,000 proposals, and a brute-force
check of optimality on small random instances.

Run: .venv/bin/python bench/assignment.py [--runs 3] [--small 300] [--seed 2018]
"""

import argparse
import itertools
import math
import os
import random
import statistics
import time

import scipy

from civic_challenge.domain.assignment import (
    AssignmentInfeasible,
    JudgeCapacity,
    ProposalNeed,
    assign_judges,
    summarise_plan,
)

THEMES = [
    "active-travel",
    "electric-vehicles",
    "housing",
    "dementia",
    "loneliness",
    "physical-activity",
    "financial-inclusion",
]


# Proposals crowd into a few themes; judges' expertise is spread evenly, so matches are scarce.
PROPOSAL_WEIGHTS = [6, 2, 3, 1, 5, 1, 2]


def random_instance(rnd, n_proposals, n_judges, k, conflict_share=0.01, slack=1.15):
    """Proposals with a primary theme and sometimes a secondary one; judges with one theme."""
    proposals = []
    for i in range(1, n_proposals + 1):
        themes = rnd.choices(THEMES, PROPOSAL_WEIGHTS, k=1 if rnd.random() < 0.7 else 2)
        proposals.append(ProposalNeed(i, frozenset(themes)))
    cap = math.ceil(slack * n_proposals * k / n_judges)
    judges = [
        JudgeCapacity(1000 + i, cap, frozenset(rnd.sample(THEMES, 1))) for i in range(n_judges)
    ]
    conflicts = [(j.id, p.id) for j in judges for p in proposals if rnd.random() < conflict_share]
    return dict(proposals=proposals, judges=judges, k=k, conflicts=conflicts), cap


def time_sizes(sizes, runs, seed):
    print("| proposals | judges | k | cap | conflicts | median of", runs, "runs (s) | plan |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for n_proposals in sizes:
        case, cap = random_instance(random.Random(seed), n_proposals, 100, 3)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            plan = assign_judges(**case)
            times.append(time.perf_counter() - started)
        print(
            f"| {n_proposals:,} | 100 | 3 | {cap} | {len(case['conflicts']):,} | "
            f"{statistics.median(times):.2f} | {summarise_plan(plan)} |"
        )


def brute_force_best(proposals, judges, k, conflicts, keep):
    """(-matches, sum of squared loads) of the best plan found by trying them all, or None."""
    caps = {j.id: j.cap for j in judges}
    options = []
    for p in proposals:
        kept = {j for j, pid in keep if pid == p.id}
        free = [j.id for j in judges if (j.id, p.id) not in conflicts and j.id not in kept]
        if len(kept) > k:
            return None
        options.append([kept | set(c) for c in itertools.combinations(free, k - len(kept))])
    expertise = {j.id: j.expertise for j in judges}
    best = None
    for choice in itertools.product(*options):
        loads = dict.fromkeys(caps, 0)
        for chosen in choice:
            for j in chosen:
                loads[j] += 1
        if all(loads[j] <= caps[j] for j in caps):
            matches = sum(
                bool(expertise[j] & p.themes)
                for p, chosen in zip(proposals, choice, strict=True)
                for j in chosen
            )
            score = (-matches, sum(n * n for n in loads.values()))
            best = score if best is None else min(best, score)
    return best


def small_instance(rnd):
    n_p, n_j = rnd.randint(1, 5), rnd.randint(1, 4)
    proposals = [
        ProposalNeed(i, frozenset(rnd.sample("abc", rnd.randint(0, 2)))) for i in range(n_p)
    ]
    judges = [
        JudgeCapacity(10 + i, rnd.randint(0, 5), frozenset(rnd.sample("abc", rnd.randint(0, 2))))
        for i in range(n_j)
    ]
    pairs = [(j.id, p.id) for j in judges for p in proposals]
    conflicts = {pair for pair in pairs if rnd.random() < 0.12}
    keep = {pair for pair in pairs if pair not in conflicts and rnd.random() < 0.08}
    k = rnd.randint(1, min(2, n_j))
    return dict(proposals=proposals, judges=judges, k=k, conflicts=conflicts, keep=keep)


def check_small(count, seed):
    rnd = random.Random(seed)
    feasible = infeasible = mismatched = 0
    for _ in range(count):
        case = small_instance(rnd)
        best = brute_force_best(**case)
        try:
            plan = assign_judges(**case)
        except AssignmentInfeasible:
            infeasible += best is None
            mismatched += best is not None
            continue
        got = (-plan.expertise_matches, sum(n * n for n in plan.loads.values()))
        feasible += got == best
        mismatched += got != best
    print(
        f"Brute force on {count} random small instances (up to 5 proposals, 4 judges, k <= 2): "
        f"{feasible} feasible ones matched the best plan, {infeasible} infeasible ones agreed, "
        f"{mismatched} differed."
    )
    return mismatched


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    print(f"scipy {scipy.__version__}, {os.cpu_count()} CPUs; target: 2,000 proposals under 5 s\n")
    time_sizes([500, 1000, 2000], args.runs, args.seed)
    print()
    return 1 if check_small(args.small, args.seed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
