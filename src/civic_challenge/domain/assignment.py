"""Judge assignment: k judges per proposal, caps and conflicts kept, solved exactly.

The model is a min-cost flow, solved as its linear programme with HiGHS (see
``assignment_flow``): source -> proposal (k minus its kept judges) -> judge (one unit per
allowed pair) -> sink (one unit per place left under the judge's cap). Its constraint matrix is
a network matrix, so the simplex vertex HiGHS returns is whole-numbered: the plan is optimal
among all assignments, not a greedy approximation.

What "best" means, in order:

1. the most expertise matches (a pair matches when the judge's expertise shares a theme with
   the proposal's themes, primary or secondary);
2. among those, the most even load: the smallest sum of squared loads, kept proposals included.
   Every judge's n-th proposal costs n, so a plan never gives a judge one more while another
   could take one fewer. (On these problems this also gives the smallest maximum load.)

Ties between equally good plans are settled by the solver on a model built from inputs sorted by
id, so the same input gives the same plan whatever order its lists arrive in.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from civic_challenge.domain.assignment_flow import Instance, build_instance, solve_new_pairs
from civic_challenge.domain.assignment_reasons import flow_shortage_reasons, simple_reasons


@dataclass(frozen=True)
class JudgeCapacity:
    id: int
    cap: int  # most proposals this judge may hold in total, kept ones included
    expertise: frozenset[str] = frozenset()  # theme keys
    label: str = ""  # how messages name the judge (their name); "judge <id>" when empty


@dataclass(frozen=True)
class ProposalNeed:
    id: int
    themes: frozenset[str] = frozenset()  # theme keys (primary and secondary)
    label: str = ""  # how messages name the proposal (its reference); "<id>" when empty


@dataclass(frozen=True)
class AssignmentPlan:
    pairs: tuple[tuple[int, int], ...]  # (judge_id, proposal_id), sorted, kept pairs included
    expertise_matches: int  # pairs whose judge has any of the proposal's themes
    loads: dict[int, int]  # judge_id -> number of proposals (every judge listed)


class AssignmentInfeasible(Exception):
    """No assignment meets every rule; ``reasons`` says why, in plain English with numbers."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))


def assign_judges(
    *,
    proposals: Sequence[ProposalNeed],
    judges: Sequence[JudgeCapacity],
    k: int,
    conflicts: Collection[tuple[int, int]] = (),
    keep: Collection[tuple[int, int]] = (),
) -> AssignmentPlan:
    """Give every proposal exactly k distinct judges, kept pairs included; see the module doc.

    ``conflicts`` and ``keep`` hold (judge_id, proposal_id) pairs. Conflicts naming unknown ids
    are ignored (they cannot be broken). Raises ValueError for input that is wrong rather than
    impossible (k below 1, repeated ids, a negative cap, a kept pair that names an unknown id
    or is also a conflict) and AssignmentInfeasible when the rules cannot all be met.
    """
    conflict_set = {(int(j), int(p)) for j, p in conflicts}
    keep_set = {(int(j), int(p)) for j, p in keep}
    _check_input(proposals, judges, k, conflict_set, keep_set)
    instance = build_instance(
        proposal_ids=[p.id for p in proposals],
        proposal_themes=[p.themes for p in proposals],
        judge_ids=[j.id for j in judges],
        judge_caps=[j.cap for j in judges],
        judge_expertise=[j.expertise for j in judges],
        k=k,
        conflicts=conflict_set,
        keep=keep_set,
    )
    proposal_names = {p.id: p.label or str(p.id) for p in proposals}
    judge_names = {j.id: j.label or str(j.id) for j in judges}
    reasons = simple_reasons(instance, proposal_names, judge_names)
    if not reasons:
        reasons = flow_shortage_reasons(instance, proposal_names, judge_names)
    if reasons:
        raise AssignmentInfeasible(reasons)
    return _plan(instance, instance.kept | solve_new_pairs(instance))


def _check_input(proposals, judges, k, conflicts, keep) -> None:
    problems = []
    if k < 1:
        problems.append(f"k must be at least 1, not {k}")
    proposal_ids = [p.id for p in proposals]
    judge_ids = [j.id for j in judges]
    if len(set(proposal_ids)) != len(proposal_ids):
        problems.append("proposal ids repeat")
    if len(set(judge_ids)) != len(judge_ids):
        problems.append("judge ids repeat")
    problems += [f"judge {j.id} has a negative cap ({j.cap})" for j in judges if j.cap < 0]
    known_p, known_j = set(proposal_ids), set(judge_ids)
    for judge_id, proposal_id in sorted(keep):
        if judge_id not in known_j or proposal_id not in known_p:
            problems.append(f"kept pair {(judge_id, proposal_id)} names an unknown id")
        elif (judge_id, proposal_id) in conflicts:
            problems.append(f"kept pair {(judge_id, proposal_id)} is also a conflict")
    if problems:
        raise ValueError("; ".join(problems))


def _plan(instance: Instance, chosen) -> AssignmentPlan:
    rows, cols = chosen.nonzero()
    pairs = sorted(
        (int(instance.judge_ids[j]), int(instance.proposal_ids[p]))
        for p, j in zip(rows, cols, strict=True)
    )
    counts = chosen.sum(axis=0)
    return AssignmentPlan(
        pairs=tuple(pairs),
        expertise_matches=int((chosen & instance.match).sum()),
        loads={int(j): int(n) for j, n in zip(instance.judge_ids, counts, strict=True)},
    )


def summarise_plan(plan: AssignmentPlan) -> str:
    """One sentence for organisers: the spread of loads and the share of matching expertise.

    E.g. "Each judge holds 8 to 9 proposals; 71% of reviews go to a judge with matching
    expertise." The share is never rounded to 0% or 100% unless it is exactly that.
    """
    if not plan.loads:
        return "There are no judges to assign."
    low, high = min(plan.loads.values()), max(plan.loads.values())
    spread = f"{low}" if low == high else f"{low} to {high}"
    noun = "proposal" if high == 1 else "proposals"
    if not plan.pairs:
        return f"Each judge holds {spread} {noun}; there are no reviews to assign."
    share = _percent(plan.expertise_matches, len(plan.pairs))
    return (
        f"Each judge holds {spread} {noun}; {share}% of reviews go to a judge with "
        "matching expertise."
    )


def _percent(part: int, whole: int) -> int:
    share = round(100 * part / whole)
    if share == 100 and part < whole:
        return 99
    if share == 0 and part > 0:
        return 1
    return share
