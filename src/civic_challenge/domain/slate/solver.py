"""A 0/1 programme solved with HiGHS, built a block of rows at a time.

Above REDUCE_ABOVE variables the search starts from the linear relaxation, as knapsack solvers
do: a core (the variables the relaxation uses, plus those closest to entering) is solved first
for a good slate, then every variable whose reduced cost alone would take the relaxation's bound
below that slate's score is fixed where the relaxation has it, since no better slate can move it.
What is left is searched in full, so the answer is still the proven best (or the best found, with
its proven bound, when time runs out). Rows hold numbers near 1 (money is divided by the budget)
and the tolerances are tight; the caller still checks every answer in integers.
"""

from dataclasses import dataclass

import highspy
import numpy as np
from scipy.sparse import coo_array

REDUCE_ABOVE = 1_000
INF = highspy.kHighsInf
_CORE_EXTRA = 300  # variables beyond the relaxation's own taken into the first core
_Status = highspy.HighsModelStatus


class SolverTime:
    """Seconds of solver time left for one recommendation, counted by the solver itself."""

    def __init__(self, seconds: float) -> None:
        self.left = float(seconds)

    def share(self, parts: int) -> float:
        return max(self.left / max(parts, 1), 0.05)

    def spend(self, seconds: float) -> None:
        self.left -= seconds


@dataclass(frozen=True)
class Found:
    x: np.ndarray  # bool, one per variable
    optimal: bool
    bound: int  # no solution scores more (the objective is whole numbers)


class Programme:
    """Sparse rows of a maximisation over 0/1 variables."""

    def __init__(self, size: int, time: SolverTime, seconds: float) -> None:
        self.size = size
        self.time = time
        self.deadline = time.left - seconds  # the solver time left once this programme is done
        self._rows: list[np.ndarray] = []
        self._cols: list[np.ndarray] = []
        self._vals: list[np.ndarray] = []
        self._lower: list[float] = []
        self._upper: list[float] = []
        self.fixed = np.zeros(size, dtype=bool)  # variables that must be 1
        self.start: np.ndarray | None = None  # a 0/1 vector thought to keep every row

    def add(self, cols, vals, lower: float, upper: float) -> None:
        cols = np.asarray(cols, dtype=np.int64)
        self._rows.append(np.full(len(cols), len(self._lower), dtype=np.int64))
        self._cols.append(cols)
        self._vals.append(np.broadcast_to(np.asarray(vals, dtype=float), cols.shape))
        self._lower.append(float(lower))
        self._upper.append(float(upper))

    def at_most_one_per(self, labels: np.ndarray) -> None:
        """At most one variable per label, one row per label with two or more members."""
        _, codes = np.unique(labels.astype(str), return_inverse=True)
        codes = codes.ravel()
        shared = np.bincount(codes, minlength=1)[codes] > 1
        if not shared.any():
            return
        groups, members = np.unique(codes[shared], return_inverse=True)
        first = len(self._lower)
        self._rows.append(first + members.astype(np.int64))
        self._cols.append(np.flatnonzero(shared))
        self._vals.append(np.ones(int(shared.sum())))
        self._lower.extend([-INF] * len(groups))
        self._upper.extend([1.0] * len(groups))

    def maximise(self, objective: np.ndarray) -> Found | None:
        """The best 0/1 vector, or None when the rows admit none (proven)."""
        if self.size == 0:
            ok = all(lo <= 0 <= up for lo, up in zip(self._lower, self._upper, strict=True))
            return Found(np.zeros(0, dtype=bool), True, 0) if ok else None
        lower, upper = self.fixed.astype(float), np.ones(self.size)
        start = self.start if self.keeps_rows(self.start) else None
        if self.size > REDUCE_ABOVE:
            reduced = self._reduce(objective, lower, upper, start)
            if reduced is None:
                return None
            lower, upper, start = reduced
        return self._search(objective, lower, upper, start)

    def keeps_rows(self, x: np.ndarray | None) -> bool:
        if x is None or len(x) != self.size or np.any(self.fixed & ~x.astype(bool)):
            return False
        values = self._matrix() @ x.astype(float)
        return bool(
            np.all(values >= np.array(self._lower) - 1e-9)
            and np.all(values <= np.array(self._upper) + 1e-9)
        )

    def _reduce(self, objective, lower, upper, start):
        """(lower, upper, start) after fixing by reduced costs, or None when the relaxation,
        and so the programme, has no solution."""
        relaxation = self._run(objective, lower, upper, None, integral=False)
        status = relaxation.getModelStatus()
        if status == _Status.kInfeasible:
            return None
        if status != _Status.kOptimal:
            return lower, upper, start
        solution = relaxation.getSolution()
        x_lp = np.asarray(solution.col_value)
        reduced_cost = np.abs(np.asarray(solution.col_dual))
        bound = relaxation.getInfo().objective_function_value
        core = x_lp > 1e-9
        extra = np.argsort(np.where(core, np.inf, reduced_cost), kind="stable")[:_CORE_EXTRA]
        core[extra] = True
        core_upper = np.where(core, upper, 0.0)
        first = self._search(objective, lower, core_upper, start, tolerant=True, share=0.5)
        if first is not None and (start is None or objective @ first.x > objective @ start):
            start = first.x
        if start is None:
            return lower, upper, start
        incumbent = float(objective @ start)
        margin = bound - (incumbent + 1) + 1e-6 * max(1.0, abs(bound))
        fixable = reduced_cost > margin
        upper = np.where(fixable & (x_lp < 0.5), 0.0, upper)
        lower = np.where(fixable & (x_lp > 0.5), 1.0, lower)
        return lower, np.maximum(upper, lower), start

    def _search(
        self, objective, lower, upper, start, *, tolerant: bool = False, share: float = 1.0
    ) -> Found | None:
        highs = self._run(objective, lower, upper, start, integral=True, share=share)
        status = highs.getModelStatus()
        if status == _Status.kInfeasible:
            return None
        info = highs.getInfo()
        values = np.asarray(highs.getSolution().col_value)
        optimal = status == _Status.kOptimal
        if optimal or (len(values) == self.size and info.primal_solution_status == 2):
            x = values > 0.5
        elif start is not None:
            x = start.astype(bool)
        elif tolerant:
            return None
        else:
            raise RuntimeError(f"The slate solver stopped without an answer ({status.name})")
        achieved = round(float(objective @ x))
        bound = float(info.mip_dual_bound)
        if not np.isfinite(bound):
            bound = float(objective.clip(0).sum())
        bound = achieved if optimal else max(achieved, int(np.floor(bound + 1e-6)))
        return Found(x, optimal and bound == achieved, bound)

    def _run(
        self, objective, lower, upper, start, *, integral: bool, share: float = 1.0
    ) -> "highspy.Highs":
        highs = _highs((self.time.left - self.deadline) * share)
        highs.passModel(self._lp(objective, lower, upper, integral))
        if start is not None and np.all(start >= lower) and np.all(start <= upper):
            solution = highspy.HighsSolution()
            solution.col_value = start.astype(float)
            solution.value_valid = True
            highs.setSolution(solution)
        highs.run()
        self.time.spend(highs.getRunTime())
        return highs

    def _matrix(self) -> coo_array:
        rows, cols = np.concatenate(self._rows or [[]]), np.concatenate(self._cols or [[]])
        vals = np.concatenate(self._vals or [[]])
        return coo_array((vals, (rows, cols)), (len(self._lower), self.size)).tocsr()

    def _lp(self, objective, lower, upper, integral: bool) -> "highspy.HighsLp":
        matrix = self._matrix().tocsc()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.size, len(self._lower)
        lp.col_cost_ = np.asarray(objective, dtype=float)
        lp.col_lower_, lp.col_upper_ = lower, upper
        lp.row_lower_, lp.row_upper_ = np.array(self._lower), np.array(self._upper)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        kind = highspy.HighsVarType.kInteger if integral else highspy.HighsVarType.kContinuous
        lp.integrality_ = [kind] * self.size
        return lp


def _highs(time_limit: float) -> "highspy.Highs":
    highs = highspy.Highs()
    for name, value in {
        "output_flag": False,
        "mip_rel_gap": 0.0,
        "mip_abs_gap": 0.99,  # objectives are whole numbers: a gap under 1 proves optimality
        "primal_feasibility_tolerance": 1e-9,
        "mip_feasibility_tolerance": 1e-7,  # tighter stalls HiGHS; answers are checked anyway
        "time_limit": float(max(time_limit, 0.1)),
        "threads": 1,
        "random_seed": 0,
    }.items():
        highs.setOptionValue(name, value)
    return highs
