"""Assignment (organisers): build the solver's inputs from the database, preview the plan,
adjust it by hand, publish it; and judging progress per judge.

A generated plan is stored as unpublished assignments, so a preview survives reloads and hand
edits; judges see an assignment only once it is published. Re-running keeps every pair with a
submitted review, never gives a proposal back to a judge who abstained from it, and leaves
unchanged pairs as they were (published ones stay published).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import assignments as db_assignments
from civic_challenge.db import judging as db_judging
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Assignment
from civic_challenge.domain.assignment import (
    AssignmentInfeasible,
    JudgeCapacity,
    ProposalNeed,
    assign_judges,
    summarise_plan,
)
from civic_challenge.domain.terms import AssignmentState, ReviewState, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import NotFound, ServiceError, raise_if_problems
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.mail.progress_notices import queue_assignment_notices
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

ABSTAINED = AssignmentState.ABSTAINED.value


class AssignmentNotPossible(ServiceError):
    """The solver found no plan that meets every rule; `reasons` say why, with numbers."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("No assignment meets every rule. " + " ".join(self.reasons))


@dataclass(frozen=True)
class Inputs:
    proposals: list[ProposalNeed]
    judges: list[JudgeCapacity]
    blocked: set[tuple[int, int]]
    keep: set[tuple[int, int]]


def solver_inputs(session: Session, challenge) -> Inputs:  # type: ignore[no-untyped-def]
    """Eligible proposals with their themes, active judges with expertise and the cap, blocking
    conflicts and abstentions as (judge, proposal) pairs, and the pairs to keep."""
    themes = db_assignments.eligible_proposal_themes(session, challenge.id)
    expertise = db_judging.expertise_of_judges(session, challenge.id)
    judges = [
        JudgeCapacity(u.id, challenge.judge_load_cap, expertise.get(u.id, frozenset()), u.name)
        for u in db_judging.active_judges(session)
    ]
    frame = db_assignments.plan_frame(session, challenge.id)
    labels = dict(zip(frame.proposal_id, frame.reference, strict=True))
    proposals = [ProposalNeed(p, t, labels.get(p) or "") for p, t in themes.items()]
    abstained = frame[frame.state == ABSTAINED]
    blocked = db_judging.blocked_pairs(session, challenge.id) | set(
        zip(abstained.judge_id.astype(int), abstained.proposal_id.astype(int), strict=True)
    )
    known_judges = {j.id for j in judges}
    keep = {
        (j, p)
        for j, p in db_assignments.submitted_pairs(session, challenge.id)
        if j in known_judges and p in themes and (j, p) not in blocked
    }
    return Inputs(proposals, judges, blocked, keep)


def generate_assignments(*, session: Session, actor: UserView, now: datetime) -> str:
    """Solve and store the plan as unpublished assignments; returns a one-line summary."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    inputs = solver_inputs(session, challenge)
    if not inputs.proposals:
        raise ServiceError("No proposal is eligible yet. Screen the submitted proposals first.")
    try:
        plan = assign_judges(
            proposals=inputs.proposals,
            judges=inputs.judges,
            k=challenge.reviews_per_proposal,
            conflicts=inputs.blocked,
            keep=inputs.keep,
        )
    except AssignmentInfeasible as infeasible:
        raise AssignmentNotPossible(infeasible.reasons) from None
    wanted = set(plan.pairs)
    existing = {
        (row.judge_id, row.proposal_id): row
        for row in db_assignments.assignments_of(session, challenge.id)
        if row.state != ABSTAINED
    }
    removed = [row for pair, row in existing.items() if pair not in wanted]
    for row in removed:
        session.delete(row)
    added = sorted(wanted - set(existing))
    for judge_id, proposal_id in added:
        session.add(
            Assignment(
                judge_id=judge_id,
                proposal_id=proposal_id,
                due_at=challenge.judging_closes_at,
                created_at=now,
            )
        )
    session.flush()
    summary = summarise_plan(plan)
    record_event(
        session,
        actor_id=actor.id,
        action="assignments.generated",
        object_type="challenge",
        object_id=challenge.id,
        after={
            "added": len(added),
            "removed": len(removed),
            "kept": len(inputs.keep),
            "summary": summary,
        },
    )
    return summary


def add_assignment(
    *, session: Session, actor: UserView, judge_id: int, proposal_id: int, now: datetime
) -> None:
    """Add one pair by hand (unpublished), re-checking conflicts, abstentions and the cap."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    inputs = solver_inputs(session, challenge)
    judges = {j.id: j for j in inputs.judges}
    problems: dict[str, list[str]] = {"judge": [], "proposal": []}
    if judge_id not in judges:
        problems["judge"].append("Choose an active judge.")
    if proposal_id not in {p.id for p in inputs.proposals}:
        problems["proposal"].append("Choose an eligible proposal.")
    raise_if_problems(problems)
    if (judge_id, proposal_id) in inputs.blocked:
        raise ServiceError(
            "This judge has a conflict with this proposal's organisation, or abstained from it."
        )
    if db_assignments.find_assignment(session, judge_id, proposal_id) is not None:
        raise ServiceError("This judge already has this proposal.")
    load = db_assignments.load_of(session, judge_id, challenge.id)
    if load >= challenge.judge_load_cap:
        raise ServiceError(
            f"This judge already holds {load} proposals, the load cap "
            f"({challenge.judge_load_cap}). Raise the cap or remove one of theirs first."
        )
    row = Assignment(
        judge_id=judge_id,
        proposal_id=proposal_id,
        due_at=challenge.judging_closes_at,
        created_at=now,
    )
    session.add(row)
    session.flush()
    _record(session, actor, "assignment.added", row)


def remove_assignment(*, session: Session, actor: UserView, assignment_id: int) -> None:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    row = db_assignments.lock_assignment(session, assignment_id)
    frame = db_assignments.plan_frame(session, challenge.id)
    match = frame[frame.id == assignment_id]
    if row is None or match.empty:
        raise NotFound("That assignment no longer exists. Reload the page.")
    if match.review_state.iloc[0] == ReviewState.SUBMITTED.value:
        raise ServiceError("This judge has submitted their review; it stays assigned.")
    _record(session, actor, "assignment.removed", row)
    if row.published:
        rankings_changed(session, challenge.id)
    session.delete(row)
    session.flush()


def publish_assignments(*, session: Session, actor: UserView, now: datetime) -> int:
    """Show every unpublished assignment to its judge, due when judging closes."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    rows = [r for r in db_assignments.assignments_of(session, challenge.id) if not r.published]
    for row in rows:
        row.published = True
        row.due_at = challenge.judging_closes_at
        row.version += 1
    session.flush()
    queue_assignment_notices(
        session=session, judge_counts=dict(Counter(row.judge_id for row in rows)), now=now
    )
    rankings_changed(session, challenge.id)
    record_event(
        session,
        actor_id=actor.id,
        action="assignments.published",
        object_type="challenge",
        object_id=challenge.id,
        after={"published": len(rows), "at": now.isoformat()},
    )
    return len(rows)


def _record(session, actor, action, row) -> None:  # type: ignore[no-untyped-def]
    record_event(
        session,
        actor_id=actor.id,
        action=action,
        object_type="assignment",
        object_id=row.id,
        after={"judge_id": row.judge_id, "proposal_id": row.proposal_id},
    )
