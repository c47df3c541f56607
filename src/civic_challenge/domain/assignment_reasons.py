"""Why an assignment cannot be made, in plain English with the numbers.

First the checks anyone can follow (too few judges, too few places, a proposal with too few
judges free of conflict); when those pass but the plan is still impossible, the max-flow number
against the need and the group of proposals that the judges open to them cannot cover (the
source side of a minimum cut: Hall's condition failing for that group).
"""

from collections.abc import Mapping

import numpy as np

from civic_challenge.domain.assignment_flow import Instance, max_flow_cut

_LISTED = 10


def simple_reasons(
    instance: Instance, proposal_names: Mapping[int, str], judge_names: Mapping[int, str]
) -> list[str]:
    n_p, n_j = instance.kept.shape
    k = instance.k
    reasons = []
    if n_p and k > n_j:
        reasons.append(f"Each proposal needs {_count(k, 'judge')}, but there {_are(n_j, 'judge')}.")
    if n_p and n_j and n_p * k > instance.caps.sum():
        reasons.append(_places_reason(instance))
    for row in np.flatnonzero(instance.demand < 0):
        name = proposal_names[int(instance.proposal_ids[row])]
        reasons.append(
            f"Proposal {name} already has {k - instance.demand[row]} judges kept from earlier, "
            f"more than the {k} now asked for."
        )
    for col in np.flatnonzero(instance.spare < 0):
        name = judge_names[int(instance.judge_ids[col])]
        reasons.append(
            f"Judge {name} already holds {instance.caps[col] - instance.spare[col]} kept "
            f"proposals, more than their cap of {instance.caps[col]}."
        )
    if k <= n_j:
        reasons += _listed(_short_proposals(instance, proposal_names), "proposals have")
    return reasons


def _places_reason(instance: Instance) -> str:
    n_p, n_j = instance.kept.shape
    needed = f"Needs {n_p * instance.k:,} reviews ({n_p:,} proposals x {instance.k})"
    total = int(instance.caps.sum())
    if len(set(instance.caps.tolist())) == 1:
        return f"{needed}; {n_j:,} judges x cap {instance.caps[0]} = {total:,} places."
    return f"{needed}; the {n_j:,} judges' caps add up to {total:,} places."


def _short_proposals(instance: Instance, proposal_names: Mapping[int, str]) -> list[str]:
    free_of_conflict = (~instance.conflicted).sum(axis=1)
    with_room = instance.candidates.sum(axis=1)
    reasons = []
    for row, proposal_id in enumerate(instance.proposal_ids.tolist()):
        name = proposal_names[proposal_id]
        if free_of_conflict[row] < instance.k:
            reasons.append(
                f"Proposal {name}: only {_count(free_of_conflict[row], 'judge')} without a "
                f"conflict, {instance.k} needed."
            )
        elif instance.demand[row] > 0 and with_room[row] < instance.demand[row]:
            reasons.append(
                f"Proposal {name}: only {_count(with_room[row], 'judge')} without a conflict "
                f"{'has' if with_room[row] == 1 else 'have'} room left, "
                f"{instance.demand[row]} more needed."
            )
    return reasons


def flow_shortage_reasons(
    instance: Instance, proposal_names: Mapping[int, str], judge_names: Mapping[int, str]
) -> list[str]:
    needed = int(np.clip(instance.demand, 0, None).sum())
    flow, proposals_side, judges_side = max_flow_cut(instance)
    if flow >= needed:
        return []
    group = proposals_side & (instance.demand > 0)
    wanted = int(instance.demand[group].sum())
    places = int(np.clip(instance.spare[judges_side], 0, None).sum())
    others = int(instance.candidates[np.ix_(proposals_side, ~judges_side)].sum())
    proposals = _names(instance.proposal_ids[group], proposal_names, "Proposal")
    judges = _names(instance.judge_ids[judges_side], judge_names, "judge")
    group_reason = (
        f"{proposals} need {_count(wanted, 'more judge')} between them but can get at most "
        f"{places + others}: "
    )
    if others:
        group_reason += (
            f"{judges} {'has' if judges_side.sum() == 1 else 'have'} {_count(places, 'place')} "
            f"left, and the other judges without a conflict can add {others} (one per proposal "
            "each)."
        )
    else:
        one = judges_side.sum() == 1
        group_reason += (
            f"the only {'judge' if one else 'judges'} without a conflict who could take them "
            f"({judges}) {'has' if one else 'have'} {_count(places, 'place')} left."
        )
    return [
        f"Only {flow:,} of the {needed:,} reviews still needed can be placed without a conflict "
        f"or a judge over their cap ({needed - flow:,} short).",
        group_reason,
    ]


def _names(ids: np.ndarray, names: Mapping[int, str], noun: str) -> str:
    """E.g. "judge 4", "judges 1 and 2", "Proposals 3, 8, 12, 15, 20 and 7 more"."""
    shown = [names[int(i)] for i in ids[:5]]
    if len(ids) == 1:
        return f"{noun} {shown[0]}"
    if len(ids) > 5:
        return f"{noun}s {', '.join(shown)} and {len(ids) - 5} more"
    return f"{noun}s {', '.join(shown[:-1])} and {shown[-1]}"


def _listed(reasons: list[str], what: str) -> list[str]:
    if len(reasons) <= _LISTED:
        return reasons
    rest = len(reasons) - _LISTED
    return [*reasons[:_LISTED], f"And {rest:,} more {what} too few judges free to take them."]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _are(n: int, noun: str) -> str:
    if n == 0:
        return f"are no {noun}s"
    return f"{'is' if n == 1 else 'are'} only {_count(n, noun)}"
