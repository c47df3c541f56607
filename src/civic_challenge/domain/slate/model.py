"""The slate's integer programme, solved exactly with HiGHS through scipy.optimize.milp.

One binary variable per candidate (1 = award it) and, when statements are to be covered, one per
statement (1 = covered). Two solves: first the most statements that can be covered, then, holding
that coverage, the highest total score. Scores enter as integer hundredths of a point, so totals
differing by 0.01 are told apart exactly; a tie-break bonus worth less than 0.01 in all prefers
lower proposal ids (see `_objective`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

SHARE_STEPS = 10_000  # shares are read to the basis point (0.01%)
_SOLVER_OPTIONS = {"mip_rel_gap": 0.0, "time_limit": 30.0}


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
    """Proposals that may be awarded, sorted by proposal id; position i is variable i."""

    ids: np.ndarray
    organisations: np.ndarray
    statements: np.ndarray  # None where a proposal has no statement
    themes: np.ndarray
    units: np.ndarray  # score in hundredths of a point, integers
    amounts: np.ndarray  # pence, integers

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

    def without(self, family: str) -> "Rules":
        return replace(self, **{family: () if family in {"minimums", "cover"} else False})


def money_floor(minimum: ThemeMinimum, budget_pence: int) -> int:
    """Pence a budget-based share needs: the share of the budget, rounded up to the penny."""
    return -(-minimum.share_steps * budget_pence // SHARE_STEPS)


def solve(candidates: Candidates, rules: Rules) -> np.ndarray | None:
    """The chosen mask over candidates, or None when no slate meets the hard rules."""
    cover = [s for s in rules.cover if np.any(candidates.statements == s)]
    model = _Model(len(candidates) + len(cover))
    _add_hard_rules(model, candidates, rules)
    for j, statement in enumerate(cover):
        members = np.flatnonzero(candidates.statements == statement)
        model.add([len(candidates) + j, *members], [1.0] + [-1.0] * len(members), -np.inf, 0)
    covered = 0
    if cover:
        first = model.solve(np.r_[np.zeros(len(candidates)), -np.ones(len(cover))])
        if first is None:
            return None
        covered = round(first[len(candidates) :].sum())
        model.add(range(len(candidates), model.size), [1.0] * len(cover), covered, np.inf)
    objective = np.r_[-_objective(candidates), np.zeros(len(cover))]
    chosen = model.solve(objective)
    return None if chosen is None else chosen[: len(candidates)] > 0.5


def _objective(candidates: Candidates) -> np.ndarray:
    """Score hundredths plus a bonus below 0.5/n each for lower ids: under 0.5 for any slate.

    So the bonus only ever decides between slates of equal total score. The solver resolves bonus
    differences down to 1e-6, i.e. exactly for up to several hundred candidates; beyond that equal
    slates are still chosen deterministically, since the model is built in proposal id order.
    """
    n = len(candidates)
    bonus = 0.5 * (n - np.arange(n)) / (n * n + 1)
    return candidates.units.astype(float) + bonus


def _add_hard_rules(model: "_Model", c: Candidates, rules: Rules) -> None:
    everyone = np.arange(len(c))
    model.add(everyone, c.amounts, -np.inf, rules.budget_pence)
    if rules.max_awards is not None:
        model.add(everyone, np.ones(len(c)), -np.inf, rules.max_awards)
    if rules.one_per_organisation:
        for organisation in np.unique(c.organisations):
            members = np.flatnonzero(c.organisations == organisation)
            if len(members) > 1:
                model.add(members, np.ones(len(members)), -np.inf, 1)
    for minimum in rules.minimums:
        _add_minimum(model, c, rules, minimum)
    if rules.force is not None:
        members = np.flatnonzero(c.statements == rules.force)
        model.add(members, np.ones(len(members)), 1, np.inf)


def _add_minimum(model: "_Model", c: Candidates, rules: Rules, minimum: ThemeMinimum) -> None:
    in_theme = c.themes == minimum.theme_key
    members = np.flatnonzero(in_theme)
    if minimum.awards:
        model.add(members, np.ones(len(members)), minimum.awards, np.inf)
    if not minimum.share_steps:
        return
    if rules.share_of is ShareBasis.BUDGET:
        model.add(members, c.amounts[members], money_floor(minimum, rules.budget_pence), np.inf)
    else:
        weights = in_theme.astype(float) - minimum.share_steps / SHARE_STEPS
        model.add(np.arange(len(c)), weights * c.amounts, 0, np.inf)


class _Model:
    """Sparse rows of a binary programme, added one constraint at a time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._rows: list[int] = []
        self._cols: list[int] = []
        self._vals: list[float] = []
        self._lower: list[float] = []
        self._upper: list[float] = []

    def add(self, cols: Sequence[int], vals: Sequence[float], lower: float, upper: float) -> None:
        row = len(self._lower)
        self._rows.extend([row] * len(cols))
        self._cols.extend(int(col) for col in cols)
        self._vals.extend(float(val) for val in vals)
        self._lower.append(lower)
        self._upper.append(upper)

    def solve(self, objective: np.ndarray) -> np.ndarray | None:
        if self.size == 0:
            return np.zeros(0) if all(lo <= 0 <= up for lo, up in self._bounds()) else None
        matrix = coo_array((self._vals, (self._rows, self._cols)), (len(self._lower), self.size))
        result = milp(
            objective,
            integrality=np.ones(self.size),
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(matrix, self._lower, self._upper),
            options=_SOLVER_OPTIONS,
        )
        if result.status == 2:
            return None
        if result.x is None or result.status != 0:
            raise RuntimeError(f"The slate solver stopped without an answer: {result.message}")
        return np.round(result.x)

    def _bounds(self) -> list[tuple[float, float]]:
        return list(zip(self._lower, self._upper, strict=True))
