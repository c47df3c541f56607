"""Large slates (above model.CORE_ABOVE candidates): solve a core, then prove the rest idle.

The integer programme is first solved on a core: the awards already
decided, the best value for money (score per pound) several times over what the budget can buy,
the best value within each theme and each statement, and the plain top-N. The core's slate
keeps every rule, so it is a slate of the whole problem. Then a bound in integers-and-floats
that anyone can check: for any price of money lam >= 0, no slate scores more than

    lam x budget + sum over organisations of max(0, best (score - lam x amount) among its own)

(every other rule dropped, which can only raise the best). Minimised over lam, it is the linear
relaxation's bound with only the budget and one award per organisation. A candidate whose
inclusion alone would take that bound below the core's score + 0.01 is in no better slate. When
every candidate left is in the core and the core's slate is proven best there, it is the best
of all; otherwise the core grows by those candidates once, and the bound is stated as the gap.
"""

from dataclasses import replace

import numpy as np

from civic_challenge.domain.slate.model import Candidates, Rules, Solution, covered

CORE_MIN = 2_000  # candidates in the first core at least
_PER_GROUP = 200


def solve_by_core(c: Candidates, rules: Rules, solve, start: np.ndarray | None, **options):
    """`solve` (model.solve) on a core, grown once if the bound says so; a Solution or None."""
    core = _core(c, rules, start)
    for _ in range(2):
        found = solve(_subset(c, core), rules, start=_on(start, core), by_core=False, **options)
        if found is None:
            return None  # (the caller's full solve would say the same or run out of time)
        chosen = np.zeros(len(c), dtype=bool)
        chosen[np.flatnonzero(core)[found.chosen]] = True
        score = int(c.units[chosen].sum())
        bound, free = _bound(c, rules, score)
        outside = free & ~core
        if not outside.any():
            coverable = {x for x in c.statements if x in rules.cover}
            most = rules.cover_at_least is not None or covered(c, rules, chosen) == len(coverable)
            proven = found.optimal and most
            return Solution(chosen, proven, score if proven else max(found.bound_units, score))
        core = core | free
    return Solution(chosen, False, max(bound, score))


def _core(c: Candidates, rules: Rules, start: np.ndarray | None) -> np.ndarray:
    value = c.units / np.maximum(c.amounts, 1)
    order = np.lexsort((c.ids, -value))
    affordable = int(np.searchsorted(np.cumsum(c.amounts[order]), rules.budget_pence, "right"))
    core = np.zeros(len(c), dtype=bool)
    core[order[: max(CORE_MIN, 5 * affordable)]] = True
    core |= c.fixed
    if start is not None:
        core |= start
    for labels in (c.themes, c.statements):
        for label in {x for x in labels if x is not None}:
            members = order[labels[order] == label]
            core[members[: min(_PER_GROUP, CORE_MIN)]] = True
    return core


def _bound(c: Candidates, rules: Rules, score: int) -> tuple[int, np.ndarray]:
    """The Lagrangian bound above (floored), and which candidates could be in a better slate."""
    if not rules.budget:
        return int(c.units.clip(0).sum()), np.ones(len(c), dtype=bool)
    groups = np.unique(c.organisations.astype(str), return_inverse=True)[1].ravel()
    if not rules.one_per_organisation:
        groups = np.arange(len(c))
    best_lam, best_value = 0.0, np.inf
    prices = np.unique(np.r_[0.0, c.units / np.maximum(c.amounts, 1)])
    low, high = 0, len(prices) - 1
    while high - low > 2:  # the bound is convex in lam: ternary search over the breakpoints
        a, b = low + (high - low) // 3, high - (high - low) // 3
        if _value(c, groups, rules, prices[a]) <= _value(c, groups, rules, prices[b]):
            high = b
        else:
            low = a
    for lam in prices[low : high + 1]:
        value = _value(c, groups, rules, lam)
        if value < best_value:
            best_lam, best_value = float(lam), value
    gain = c.units - best_lam * c.amounts
    top = np.zeros(groups.max() + 1)
    np.maximum.at(top, groups, gain.clip(0))
    forced = c.fixed.copy()
    with_it = best_value - top[groups] + gain
    free = (with_it >= score + 1 - 1e-6 * max(1.0, abs(best_value))) | forced
    return int(np.floor(best_value + 1e-6)), free


def _value(c: Candidates, groups: np.ndarray, rules: Rules, lam: float) -> float:
    gain = c.units - lam * c.amounts
    top = np.zeros(groups.max() + 1)
    np.maximum.at(top, groups, gain.clip(0))
    fixed = c.fixed
    extra = float((gain[fixed] - top[groups[fixed]]).sum()) if fixed.any() else 0.0
    return lam * rules.budget_pence + float(top.sum()) + min(extra, 0.0)


def _subset(c: Candidates, mask: np.ndarray) -> Candidates:
    return replace(
        c,
        ids=c.ids[mask],
        organisations=c.organisations[mask],
        statements=c.statements[mask],
        themes=c.themes[mask],
        units=c.units[mask],
        amounts=c.amounts[mask],
        fixed=c.fixed[mask],
    )


def _on(start: np.ndarray | None, mask: np.ndarray) -> np.ndarray | None:
    return None if start is None else start[mask]
