"""The assignment network as arrays, its max flow (is it feasible?) and its min-cost flow LP.

Rows are proposals and columns judges, both sorted by id, so the model handed to the solvers is
the same whatever order the caller listed them in.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

# Objective coefficients are whole numbers solved in floating point; below 2**52 they are exact.
_EXACT_LIMIT = 2**52


@dataclass(frozen=True)
class Instance:
    proposal_ids: np.ndarray  # sorted
    judge_ids: np.ndarray  # sorted
    k: int
    caps: np.ndarray  # per judge
    kept: np.ndarray  # bool, proposals x judges
    conflicted: np.ndarray  # bool, proposals x judges
    match: np.ndarray  # bool, proposals x judges: the judge has one of the proposal's themes

    @property
    def demand(self) -> np.ndarray:
        """Judges each proposal still needs (negative when more are kept than k)."""
        return self.k - self.kept.sum(axis=1)

    @property
    def spare(self) -> np.ndarray:
        """Places each judge has left under their cap (negative when kept pairs exceed it)."""
        return self.caps - self.kept.sum(axis=0)

    @property
    def candidates(self) -> np.ndarray:
        """Pairs that may be added: no conflict, not kept, proposal short, judge not full."""
        open_rows = (self.demand > 0)[:, None]
        open_cols = (self.spare > 0)[None, :]
        return ~self.conflicted & ~self.kept & open_rows & open_cols


def build_instance(
    *,
    proposal_ids: Sequence[int],
    proposal_themes: Sequence[frozenset[str]],
    judge_ids: Sequence[int],
    judge_caps: Sequence[int],
    judge_expertise: Sequence[frozenset[str]],
    k: int,
    conflicts: set[tuple[int, int]],
    keep: set[tuple[int, int]],
) -> Instance:
    p_order = sorted(range(len(proposal_ids)), key=lambda i: proposal_ids[i])
    j_order = sorted(range(len(judge_ids)), key=lambda i: judge_ids[i])
    p_ids = np.array([proposal_ids[i] for i in p_order], dtype=np.int64)
    j_ids = np.array([judge_ids[i] for i in j_order], dtype=np.int64)
    themes = sorted(set().union(*proposal_themes, *judge_expertise))
    p_themes = _theme_matrix([proposal_themes[i] for i in p_order], themes)
    j_themes = _theme_matrix([judge_expertise[i] for i in j_order], themes)
    return Instance(
        proposal_ids=p_ids,
        judge_ids=j_ids,
        k=k,
        caps=np.array([judge_caps[i] for i in j_order], dtype=np.int64),
        kept=_pair_matrix(keep, p_ids, j_ids),
        conflicted=_pair_matrix(conflicts, p_ids, j_ids),
        match=(p_themes.astype(np.int64) @ j_themes.T.astype(np.int64)) > 0,
    )


def _theme_matrix(theme_sets: Sequence[frozenset[str]], themes: list[str]) -> np.ndarray:
    column = {theme: i for i, theme in enumerate(themes)}
    matrix = np.zeros((len(theme_sets), len(themes)), dtype=bool)
    for row, theme_set in enumerate(theme_sets):
        matrix[row, [column[t] for t in theme_set]] = True
    return matrix


def _pair_matrix(pairs: set[tuple[int, int]], p_ids: np.ndarray, j_ids: np.ndarray) -> np.ndarray:
    row = {int(p): i for i, p in enumerate(p_ids)}
    col = {int(j): i for i, j in enumerate(j_ids)}
    matrix = np.zeros((len(p_ids), len(j_ids)), dtype=bool)
    for judge_id, proposal_id in pairs:
        if proposal_id in row and judge_id in col:
            matrix[row[proposal_id], col[judge_id]] = True
    return matrix


def max_flow_cut(instance: Instance) -> tuple[int, np.ndarray, np.ndarray]:
    """How many of the still-needed reviews can be placed, and the source side of a min cut.

    Returns (flow, proposals on the source side, judges on the source side). The source side
    is the part of the network still reachable after a maximum flow: those proposals need more
    than the judges reachable from them can give, which is what an explanation should name.
    """
    n_p, n_j = instance.kept.shape
    source, sink = 0, 1 + n_p + n_j
    rows_p, cols_j = instance.candidates.nonzero()
    demand = np.clip(instance.demand, 0, None)
    spare = np.clip(instance.spare, 0, None)
    tails = np.concatenate([np.zeros(n_p, int), 1 + rows_p, 1 + n_p + np.arange(n_j)])
    heads = np.concatenate([1 + np.arange(n_p), 1 + n_p + cols_j, np.full(n_j, sink)])
    capacity = np.concatenate([demand, np.ones(len(rows_p), int), spare]).astype(np.int32)
    graph = sparse.csr_matrix((capacity, (tails, heads)), shape=(sink + 1, sink + 1))
    result = maximum_flow(graph, source, sink, method="dinic")
    residual = (graph - result.flow).tocsr()
    residual.data = np.where(residual.data > 0, 1, 0).astype(np.int32)
    residual.eliminate_zeros()
    reached = np.zeros(sink + 1, dtype=bool)
    reached[breadth_first_order(residual, source, return_predecessors=False)] = True
    return int(result.flow_value), reached[1 : 1 + n_p], reached[1 + n_p : sink]


def solve_new_pairs(instance: Instance) -> np.ndarray:
    """The pairs to add to the kept ones (bool, proposals x judges), by min-cost flow.

    Variables: one per candidate pair (0-1) and one per place left under each judge's cap
    (0-1, the n-th costing n). Equalities: each proposal takes its demand; each judge's new
    pairs equal the places used. A match saves ``weight``, more than any difference in load
    cost between two plans, so expertise comes first and evenness second, exactly.
    """
    rows_p, cols_j = instance.candidates.nonzero()
    demand = np.clip(instance.demand, 0, None)
    if len(rows_p) == 0 or demand.sum() == 0:
        return np.zeros_like(instance.kept)
    cost, a_eq, b_eq = _min_cost_flow_lp(instance, rows_p, cols_j, demand)
    result = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, 1), method="highs-ds")
    if result.status != 0:
        raise RuntimeError(f"The assignment solver stopped: {result.message}")
    taken = _whole(result.x[: len(rows_p)])
    chosen = np.zeros_like(instance.kept)
    chosen[rows_p[taken], cols_j[taken]] = True
    return chosen


def _min_cost_flow_lp(instance: Instance, rows_p, cols_j, demand):
    """(costs, equality matrix, right-hand side): pair variables first, then place variables."""
    unit_judge, unit_cost = _places(instance, cols_j, int(demand.sum()))
    weight = int((unit_cost - unit_cost.min()).sum()) + 1
    if weight * (int(demand.sum()) + 1) + int(np.abs(unit_cost).sum()) >= _EXACT_LIMIT:
        raise ValueError("This assignment is too large to solve exactly.")
    n_pairs, n_units = len(rows_p), len(unit_judge)
    n_p, n_j = instance.kept.shape
    cost = np.concatenate([np.where(instance.match[rows_p, cols_j], -weight, 0), unit_cost])
    rows = np.concatenate([rows_p, n_p + cols_j, n_p + unit_judge])
    cols = np.concatenate([np.arange(n_pairs), np.arange(n_pairs), n_pairs + np.arange(n_units)])
    values = np.concatenate([np.ones(2 * n_pairs), -np.ones(n_units)])
    a_eq = sparse.csr_matrix((values, (rows, cols)), shape=(n_p + n_j, n_pairs + n_units))
    return cost.astype(float), a_eq, np.concatenate([demand, np.zeros(n_j)])


def _places(instance: Instance, cols_j: np.ndarray, total: int) -> tuple[np.ndarray, np.ndarray]:
    """Each judge's usable places as (judge column, cost): the n-th proposal overall costs n.

    A judge can use no more places than they have candidate pairs, nor than all that is needed.
    """
    n_j = instance.kept.shape[1]
    usable = np.minimum(np.clip(instance.spare, 0, None), np.bincount(cols_j, minlength=n_j))
    usable = np.minimum(usable, total)
    already = instance.kept.sum(axis=0)
    unit_judge = np.repeat(np.arange(n_j), usable)
    starts = np.repeat(np.cumsum(usable) - usable, usable)
    unit_cost = already[unit_judge] + 1 + np.arange(len(unit_judge)) - starts
    return unit_judge, unit_cost.astype(np.int64)


def _whole(values: np.ndarray) -> np.ndarray:
    """The simplex vertex of a network LP is whole-numbered; check rather than trust it."""
    rounded = np.rint(values)
    if np.abs(values - rounded).max(initial=0.0) > 1e-6:
        raise RuntimeError("The assignment solver returned a fractional plan.")
    return rounded.astype(bool)
