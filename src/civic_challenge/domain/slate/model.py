"""The slate's integer programme, solved with HiGHS and checked in whole pence.

One binary variable per candidate (1 = award it) and, when statements are to be covered, one per
statement (1 = covered). Up to three solves: first the most statements that can be covered, then,
holding that coverage, the highest total score; then, holding that score (up to TIE_BREAK_LIMIT
candidates), the slate whose proposals come earliest in id order. Scores enter as integer
hundredths of a point, so every objective is a whole number and a gap below one unit proves the
answer optimal.

Money rows are divided by the budget (or the largest award) so the solver sees numbers near 1,
with tight tolerances. The solver still works in floating point, so every answer is checked
against every rule in integers (`broken_rules`); an answer that fails is cut off (a "no-good"
row that removes exactly that set) and the model solved again. An answer that broke a rule is
never returned.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from civic_challenge.domain.slate.solver import INF, Programme, SolverTime

SHARE_STEPS = 10_000  # shares are read to the basis point (0.01%)
TIME_LIMIT = 6.0  # seconds of solver time for one recommendation (see time_limit)
TIE_BREAK_LIMIT = 300  # up to this many candidates, ties between slates favour lower ids
CORE_ABOVE = 3_000  # candidates; above this, see core.py
_RETRIES = 25
_INF = INF


class ShareBasis(StrEnum):
    """What a theme's minimum share is a share of."""

    AWARDED = "awarded"  # of the money the slate awards (the default)
    BUDGET = "budget"  # of the whole budget: a fixed sum of money


@dataclass(frozen=True)
class ThemeMinimum:
    """A strategy priority's floor: `share` (0-1) of the money and/or `awards` awards at least."""

    theme_key: str
    share: float = 0.0
    awards: int = 0

    @property
    def share_steps(self) -> int:
        return round(self.share * SHARE_STEPS)


@dataclass(frozen=True)
class Candidates:
    """Proposals that may be awarded, sorted by proposal id; position i is variable i.

    `fixed` marks proposals already awarded: they are in every slate, with their money.
    """

    ids: np.ndarray
    organisations: np.ndarray
    statements: np.ndarray  # None where a proposal has no statement
    themes: np.ndarray
    units: np.ndarray  # score in hundredths of a point, integers
    amounts: np.ndarray  # pence, integers
    fixed: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Rules:
    budget_pence: int
    max_awards: int | None = None
    minimums: tuple[ThemeMinimum, ...] = ()
    share_of: ShareBasis = ShareBasis.AWARDED
    one_per_organisation: bool = True
    cover: tuple[str, ...] = ()  # statement keys to cover where possible
    force: str | None = None  # a statement that must be covered (for explanations)
    cover_at_least: int | None = None  # hold coverage at this many instead of maximising it
    budget: bool = True  # False only to find what the other rules cost in money

    def without(self, family: str) -> "Rules":
        return replace(self, **{family: () if family in {"minimums", "cover"} else False})


@dataclass(frozen=True)
class Solution:
    """A checked slate. `bound_units` is the best total any slate could reach (proven)."""

    chosen: np.ndarray
    optimal: bool
    bound_units: int


def time_limit(candidates: int) -> float:
    """Solver seconds for a recommendation: TIME_LIMIT, 10 s above 15,000 candidates."""
    return TIME_LIMIT if candidates <= 15_000 else 10.0


def money_floor(minimum: ThemeMinimum, budget_pence: int) -> int:
    """Pence a budget-based share needs: the share of the budget, rounded up to the penny."""
    return -(-minimum.share_steps * budget_pence // SHARE_STEPS)


def broken_rules(c: Candidates, rules: Rules, chosen: np.ndarray) -> list[str]:
    """Every hard rule the set `chosen` breaks, checked in integers (empty when it keeps all)."""
    broken = []
    total = int(c.amounts[chosen].sum())
    if rules.budget and total > rules.budget_pence:
        broken.append(f"budget by {total - rules.budget_pence} pence")
    if rules.max_awards is not None and chosen.sum() > rules.max_awards:
        broken.append("the number of awards")
    if rules.one_per_organisation and len(set(c.organisations[chosen])) < chosen.sum():
        broken.append("one award per organisation")
    for m in rules.minimums:
        in_theme = chosen & (c.themes == m.theme_key)
        basis = rules.budget_pence if rules.share_of is ShareBasis.BUDGET else total
        money = int(c.amounts[in_theme].sum())
        if in_theme.sum() < m.awards or SHARE_STEPS * money < m.share_steps * basis:
            broken.append(f"the minimum for {m.theme_key}")
    if rules.force is not None and not np.any(chosen & (c.statements == rules.force)):
        broken.append(f"covering {rules.force}")
    if not np.all(chosen[c.fixed]):
        broken.append("the awards already decided")
    return broken


def covered(c: Candidates, rules: Rules, chosen: np.ndarray) -> int:
    return len({s for s in c.statements[chosen] if s in rules.cover})


def solve(
    c: Candidates,
    rules: Rules,
    *,
    time: SolverTime | None = None,
    parts: int = 1,
    at_least_one: bool = False,
    tie_break: bool = True,
    start: np.ndarray | None = None,
    by_core: bool = True,
) -> Solution | None:
    """The best checked slate, or None when none meets the hard rules (proven by the solver).

    The solves share `time.share(parts)` seconds: with less, the best slate found comes back
    with `optimal` False and a proven bound. `start`, a slate known to keep these rules, is
    handed to the solver as its first incumbent.
    """
    time = time or SolverTime(TIME_LIMIT)
    if by_core and len(c) > CORE_ABOVE:
        from civic_challenge.domain.slate.core import solve_by_core  # it builds on this module

        options = {"time": time, "parts": parts, "at_least_one": at_least_one}
        return solve_by_core(c, rules, solve, start, tie_break=tie_break, **options)
    cover = [s for s in rules.cover if np.any(c.statements == s)]
    model = Programme(len(c) + len(cover), time, time.share(parts))
    if start is not None and not broken_rules(c, rules, start):
        model.start = np.r_[start, [np.any(start & (c.statements == s)) for s in cover]]
    _add_hard_rules(model, c, rules, at_least_one)
    slack = np.arange(len(c), model.size)
    for j, statement in enumerate(cover):
        members = np.flatnonzero(c.statements == statement)
        model.add([len(c) + j, *members], [1.0] + [-1.0] * len(members), -_INF, 0)
    if cover and rules.cover_at_least is not None:
        model.add(slack, np.ones(len(cover)), min(rules.cover_at_least, len(cover)), _INF)
    elif cover:
        first = _run(model, np.r_[np.zeros(len(c)), np.ones(len(cover))], c, rules)
        if first is None:
            return None
        model.add(slack, np.ones(len(cover)), covered(c, rules, first.chosen), _INF)
    best = _run(model, np.r_[c.units.astype(float), np.zeros(len(cover))], c, rules)
    if best is None or not best.optimal or not tie_break or len(c) > TIE_BREAK_LIMIT:
        return best
    model.add(np.arange(len(c)), c.units.astype(float), best.bound_units, _INF)
    earliest = _run(model, np.r_[len(c) - np.arange(len(c)), np.zeros(len(cover))], c, rules)
    return best if earliest is None else replace(best, chosen=earliest.chosen)


def cheapest(c: Candidates, rules: Rules, *, time: SolverTime) -> int | None:
    """The least money any slate with an award meeting every rule but the budget needs."""
    model = Programme(len(c), time, time.share(1))
    unbounded = replace(rules, budget=False, cover=())
    _add_hard_rules(model, c, unbounded, True)
    found = _run(model, -c.amounts.astype(float), c, unbounded)
    if found is None or not found.optimal:
        return None
    return int(c.amounts[found.chosen].sum())


def closest_to(
    c: Candidates, rules: Rules, minimum: ThemeMinimum, part: str, *, time: SolverTime
) -> np.ndarray | None:
    """The slate with an award, meeting every rule but the budget and `minimum`, that comes
    closest to `minimum`'s `part` ("awards": most awards in its theme; "share": most money, or
    for a share of the money awarded, the most theme money beyond that share), proven best; None
    when the other rules admit no slate or the solver ran out of time."""
    others = tuple(m for m in rules.minimums if m is not minimum)
    unbounded = replace(rules, budget=False, cover=(), minimums=others)
    model = Programme(len(c), time, time.share(1))
    _add_hard_rules(model, c, unbounded, True)
    in_theme = (c.themes == minimum.theme_key).astype(float)
    if part == "awards":
        objective = in_theme
    elif rules.share_of is ShareBasis.BUDGET:
        objective = in_theme * c.amounts
    else:
        objective = (in_theme * SHARE_STEPS - minimum.share_steps) * c.amounts
    found = _run(model, objective.astype(float), c, unbounded)
    return found.chosen if found is not None and found.optimal else None


def _run(model: Programme, objective: np.ndarray, c: Candidates, rules: Rules) -> Solution | None:
    """Maximise `objective`; while an answer breaks a rule in integers, cut off exactly that set
    of candidates (at least one must change) and solve again."""
    n = len(c)
    for _ in range(_RETRIES):
        found = model.maximise(objective)
        if found is None:
            return None
        chosen = found.x[:n]
        if not broken_rules(c, rules, chosen):
            return Solution(chosen, found.optimal, found.bound)
        model.add(np.arange(n), np.where(chosen, -1.0, 1.0), 1 - int(chosen.sum()), _INF)
    raise RuntimeError("The slate solver kept returning slates that break a rule")


def _add_hard_rules(model: Programme, c: Candidates, rules: Rules, at_least_one: bool) -> None:
    everyone = np.arange(len(c))
    scale = float(max(rules.budget_pence, int(c.amounts.max(initial=0)), 1))
    model.fixed[: len(c)] = c.fixed
    if rules.budget:
        model.add(everyone, c.amounts / scale, -_INF, (rules.budget_pence + 0.5) / scale)
    if rules.max_awards is not None:
        model.add(everyone, np.ones(len(c)), -_INF, rules.max_awards)
    if at_least_one:
        model.add(everyone, np.ones(len(c)), 1, _INF)
    if rules.one_per_organisation:
        model.at_most_one_per(c.organisations)
    for minimum in rules.minimums:
        _add_minimum(model, c, rules, minimum, scale)
    if rules.force is not None:
        members = np.flatnonzero(c.statements == rules.force)
        model.add(members, np.ones(len(members)), 1, _INF)


def _add_minimum(
    model: Programme, c: Candidates, rules: Rules, minimum: ThemeMinimum, scale: float
) -> None:
    in_theme = c.themes == minimum.theme_key
    members = np.flatnonzero(in_theme)
    if minimum.awards:
        model.add(members, np.ones(len(members)), minimum.awards, _INF)
    if not minimum.share_steps:
        return
    if rules.share_of is ShareBasis.BUDGET:
        floor = money_floor(minimum, rules.budget_pence)
        model.add(members, c.amounts[members] / scale, (floor - 0.5) / scale, _INF)
    else:
        weights = in_theme * SHARE_STEPS - minimum.share_steps
        model.add(np.arange(len(c)), weights * c.amounts / (scale * SHARE_STEPS), 0, _INF)
