"""The slate's integer programme, solved with HiGHS and checked in whole pence.

One binary variable per candidate (1 = award it) and, when statements are to be covered, one per
statement (1 = covered). Up to three solves: first the most statements that can be covered, then,
holding that coverage, the highest total score; then, holding that score (up to TIE_BREAK_LIMIT
candidates), the slate whose proposals come earliest in id order. Scores enter as integer
hundredths of a point, so every objective is a whole number and a gap below one unit proves the
answer optimal.

Money rows are divided by the largest sum in play so the solver sees numbers near 1, with tight
tolerances. The solver still works in floating point, so every answer is checked against every
rule in integers (`broken_rules`); an answer that fails is cut off (a "no-good" row that removes
exactly that set) and the model solved again. An answer that broke a rule is never returned.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

import highspy
import numpy as np
from scipy.sparse import coo_array

SHARE_STEPS = 10_000  # shares are read to the basis point (0.01%)
TIME_LIMIT = 8.0  # seconds of solver time for one recommendation, all solves together
TIE_BREAK_LIMIT = 300  # up to this many candidates, ties between slates favour lower ids
REDUCE_ABOVE = 1_000  # variables; above this, fix by reduced costs before searching
_RETRIES = 25
_INF = highspy.kHighsInf


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


class SolverTime:
    """Seconds of solver time left for one recommendation, counted by the solver itself."""

    def __init__(self, seconds: float) -> None:
        self.left = float(seconds)

    def share(self, parts: int) -> float:
        return max(self.left / max(parts, 1), 0.05)

    def spend(self, seconds: float) -> None:
        self.left -= seconds


@dataclass(frozen=True)
class Solution:
    """A checked slate. `bound_units` is the best total any slate could reach (proven)."""

    chosen: np.ndarray
    optimal: bool
    bound_units: int


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
) -> Solution | None:
    """The best checked slate, or None when none meets the hard rules (proven by the solver).

    The solves share `time.share(parts)` seconds: with less, the best slate found comes back
    with `optimal` False and a proven bound. `start`, a slate known to keep these rules, is
    handed to the solver as its first incumbent.
    """
    time = time or SolverTime(TIME_LIMIT)
    cover = [s for s in rules.cover if np.any(c.statements == s)]
    model = _Model(len(c) + len(cover), time, time.share(parts))
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
        first = model.run(np.r_[np.zeros(len(c)), np.ones(len(cover))], c, rules)
        if first is None:
            return None
        model.add(slack, np.ones(len(cover)), covered(c, rules, first.chosen), _INF)
    best = model.run(np.r_[c.units.astype(float), np.zeros(len(cover))], c, rules)
    if best is None or not best.optimal or not tie_break or len(c) > TIE_BREAK_LIMIT:
        return best
    model.add(np.arange(len(c)), c.units.astype(float), best.bound_units, _INF)
    earliest = model.run(np.r_[len(c) - np.arange(len(c)), np.zeros(len(cover))], c, rules)
    return best if earliest is None else replace(best, chosen=earliest.chosen)


def cheapest(c: Candidates, rules: Rules, *, time: SolverTime) -> int | None:
    """The least money any slate with an award meeting every rule but the budget needs."""
    model = _Model(len(c), time, time.share(1))
    unbounded = replace(rules, budget=False, cover=())
    _add_hard_rules(model, c, unbounded, True)
    found = model.run(-c.amounts.astype(float), c, unbounded)
    if found is None or not found.optimal:
        return None
    return int(c.amounts[found.chosen].sum())


def _add_hard_rules(model: "_Model", c: Candidates, rules: Rules, at_least_one: bool) -> None:
    everyone = np.arange(len(c))
    scale = float(max(rules.budget_pence, int(c.amounts.max(initial=0)), 1))
    model.fix(np.flatnonzero(c.fixed))
    if rules.budget:
        model.add(everyone, c.amounts / scale, -_INF, (rules.budget_pence + 0.5) / scale)
    if rules.max_awards is not None:
        model.add(everyone, np.ones(len(c)), -_INF, rules.max_awards)
    if at_least_one:
        model.add(everyone, np.ones(len(c)), 1, _INF)
    if rules.one_per_organisation:
        model.groups(c.organisations)
    for minimum in rules.minimums:
        _add_minimum(model, c, rules, minimum, scale)
    if rules.force is not None:
        members = np.flatnonzero(c.statements == rules.force)
        model.add(members, np.ones(len(members)), 1, _INF)


def _add_minimum(
    model: "_Model", c: Candidates, rules: Rules, minimum: ThemeMinimum, scale: float
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


class _Model:
    """Sparse rows of a binary programme, added a block at a time, solved and checked."""

    def __init__(self, size: int, time: SolverTime, seconds: float) -> None:
        self.size = size
        self.time = time
        self.deadline = time.left - seconds  # the solver time left once this model is done
        self._rows: list[np.ndarray] = []
        self._cols: list[np.ndarray] = []
        self._vals: list[np.ndarray] = []
        self._lower: list[float] = []
        self._upper: list[float] = []
        self._fixed = np.zeros(size, dtype=bool)
        self.start: np.ndarray | None = None  # a 0/1 vector known to keep every row

    def add(self, cols, vals, lower: float, upper: float) -> None:
        cols = np.asarray(cols, dtype=np.int64)
        self._rows.append(np.full(len(cols), len(self._lower), dtype=np.int64))
        self._cols.append(cols)
        self._vals.append(np.broadcast_to(np.asarray(vals, dtype=float), cols.shape))
        self._lower.append(float(lower))
        self._upper.append(float(upper))

    def groups(self, labels: np.ndarray) -> None:
        """At most one chosen per label, one row per label with two or more members."""
        codes, _ = _factorize(labels)
        counts = np.bincount(codes, minlength=1)
        shared = counts[codes] > 1
        if not shared.any():
            return
        rows, members = np.unique(codes[shared], return_inverse=True)
        first = len(self._lower)
        self._rows.append(first + members.astype(np.int64))
        self._cols.append(np.flatnonzero(shared))
        self._vals.append(np.ones(int(shared.sum())))
        self._lower.extend([-_INF] * len(rows))
        self._upper.extend([1.0] * len(rows))

    def fix(self, columns: np.ndarray) -> None:
        self._fixed[columns] = True

    def run(self, objective: np.ndarray, c: Candidates, rules: Rules) -> Solution | None:
        """Maximise `objective` (whole numbers); re-solve with a cut while an answer breaks a
        rule in integers."""
        for _ in range(_RETRIES):
            found = self._solve_once(objective)
            if found is None:
                return None
            x, optimal, bound = found
            chosen = x[: len(c)]
            if not broken_rules(c, rules, chosen):
                return Solution(chosen, optimal, bound)
            self._cut(x, len(c))
        raise RuntimeError("The slate solver kept returning slates that break a rule")

    def _cut(self, x: np.ndarray, n: int) -> None:
        """Remove exactly the set x[:n]: at least one candidate must change."""
        chosen = x[:n]
        self.add(np.arange(n), np.where(chosen, -1.0, 1.0), 1 - int(chosen.sum()), _INF)

    def _solve_once(self, objective: np.ndarray) -> tuple[np.ndarray, bool, int] | None:
        if self.size == 0:
            empty = np.zeros(0, dtype=bool)
            ok = all(lo <= 0 <= up for lo, up in zip(self._lower, self._upper, strict=True))
            return (empty, True, 0) if ok else None
        lp = self._lp(objective)
        if self.size > REDUCE_ABOVE and self._keeps_rows(lp, self.start):
            self._reduce(lp, objective)
        highs = _highs(self.time.left - self.deadline)
        highs.passModel(lp)
        if self.start is not None and len(self.start) == self.size:
            solution = highspy.HighsSolution()
            solution.col_value = self.start.astype(float)
            solution.value_valid = True
            highs.setSolution(solution)
        highs.run()
        self.time.spend(highs.getRunTime())
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        info = highs.getInfo()
        values = np.asarray(highs.getSolution().col_value)
        optimal = status == highspy.HighsModelStatus.kOptimal
        if optimal or (len(values) == self.size and info.primal_solution_status == 2):
            x = values > 0.5
        elif self.start is not None and len(self.start) == self.size:
            x = self.start.astype(bool)
        else:
            raise RuntimeError(f"The slate solver stopped without an answer ({status.name})")
        achieved = round(float(objective @ x))
        bound = float(info.mip_dual_bound)
        if not np.isfinite(bound):
            bound = float(objective.clip(0).sum())
        bound = achieved if optimal else max(achieved, int(np.floor(bound + 1e-6)))
        return x, optimal and bound == achieved, bound

    def _keeps_rows(self, lp: "highspy.HighsLp", x: np.ndarray | None) -> bool:
        if x is None or len(x) != self.size:
            return False
        values = self._matrix() @ x.astype(float)
        lower, upper = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)
        return bool(np.all(values >= lower - 1e-9) and np.all(values <= upper + 1e-9))

    def _reduce(self, lp: "highspy.HighsLp", objective: np.ndarray) -> None:
        """Reduced-cost fixing: solve the linear relaxation; a variable whose reduced cost alone
        would take the relaxation's bound below (incumbent + 1) keeps its bound in every better
        slate, so it is fixed there. The solver then only searches the few that are left."""
        incumbent = float(objective @ self.start)
        highs = _highs(self.time.left - self.deadline)
        relaxed = self._lp(objective)
        relaxed.integrality_ = [highspy.HighsVarType.kContinuous] * self.size
        highs.passModel(relaxed)
        highs.run()
        self.time.spend(highs.getRunTime())
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return
        bound = highs.getInfo().objective_function_value
        dual = np.abs(np.asarray(highs.getSolution().col_dual))
        status = np.array([int(s) for s in highs.getBasis().col_status])
        at_lower, at_upper = (
            int(highspy.HighsBasisStatus.kLower),
            int(highspy.HighsBasisStatus.kUpper),
        )
        margin = bound - (incumbent + 1) + 1e-6 * max(1.0, abs(bound))
        fixable = dual > margin
        lower, upper = np.array(lp.col_lower_), np.array(lp.col_upper_)
        upper[fixable & (status == at_lower)] = 0.0
        lower[fixable & (status == at_upper)] = 1.0
        lp.col_lower_, lp.col_upper_ = lower, np.maximum(upper, lower)

    def _matrix(self) -> coo_array:
        rows, cols = np.concatenate(self._rows or [[]]), np.concatenate(self._cols or [[]])
        vals = np.concatenate(self._vals or [[]])
        return coo_array((vals, (rows, cols)), (len(self._lower), self.size)).tocsr()

    def _lp(self, objective: np.ndarray) -> "highspy.HighsLp":
        matrix = self._matrix().tocsc()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.size, len(self._lower)
        lp.col_cost_ = np.asarray(objective, dtype=float)
        lp.col_lower_ = self._fixed.astype(float)
        lp.col_upper_ = np.ones(self.size)
        lp.row_lower_, lp.row_upper_ = np.array(self._lower), np.array(self._upper)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        lp.integrality_ = [highspy.HighsVarType.kInteger] * self.size
        return lp


def _highs(time_limit: float) -> "highspy.Highs":
    highs = highspy.Highs()
    for name, value in {
        "output_flag": False,
        "mip_rel_gap": 0.0,
        "mip_abs_gap": 0.99,  # objectives are whole numbers: a gap under 1 proves optimality
        "primal_feasibility_tolerance": 1e-9,
        "mip_feasibility_tolerance": 1e-9,
        "time_limit": float(max(time_limit, 0.1)),
        "threads": 1,
        "random_seed": 0,
    }.items():
        highs.setOptionValue(name, value)
    return highs


def _factorize(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    uniques, codes = np.unique(labels.astype(str), return_inverse=True)
    return codes.ravel(), uniques
