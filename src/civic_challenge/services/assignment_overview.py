"""What organisers see of the plan: each pair's status, loads, proposals short of judges, and
judging progress per judge with every abstention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import assignments as db_assignments
from civic_challenge.db import judging as db_judging
from civic_challenge.domain.terms import ReviewState, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.assignments import ABSTAINED, solver_inputs
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class AssignmentOverview:
    """The plan as organisers see it. `plan` has one row per assignment with `status` in words,
    `expertise` (True when the judge knows a theme of the proposal) and `conflicted`; `loads`
    one row per active judge."""

    plan: pd.DataFrame
    loads: pd.DataFrame
    reviews_per_proposal: int
    load_cap: int
    eligible: int
    short: tuple[str, ...]
    unpublished: int
    pending_suggestions: int
    proposals: dict[int, str]  # eligible proposal id -> reference


def assignment_overview(*, session: Session, actor: UserView) -> AssignmentOverview:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    inputs = solver_inputs(session, challenge)
    frame = db_assignments.plan_frame(session, challenge.id)
    themes = {p.id: p.themes for p in inputs.proposals}
    expertise = {j.id: j.expertise for j in inputs.judges}
    pairs = list(zip(frame.judge_id, frame.proposal_id, strict=True))
    blocked = db_judging.blocked_pairs(session, challenge.id)
    plan = frame.assign(
        status=[_status(row) for row in frame.itertuples()],
        expertise=[
            bool(expertise.get(j, frozenset()) & themes.get(p, frozenset())) for j, p in pairs
        ],
        conflicted=[(j, p) in blocked for j, p in pairs],
    )
    active = plan[plan.state != ABSTAINED]
    counts = active.groupby("judge_id").size()
    loads = pd.DataFrame(
        {
            "judge_id": [j.id for j in inputs.judges],
            "judge": [j.label for j in inputs.judges],
            "load": [int(counts.get(j.id, 0)) for j in inputs.judges],
        }
    )
    per_proposal = active.groupby("proposal_id").size()
    k = challenge.reviews_per_proposal
    short = tuple(
        f"{p.label or p.id} has {int(per_proposal.get(p.id, 0))} of {k} judges"
        for p in inputs.proposals
        if per_proposal.get(p.id, 0) < k
    )
    pending = db_judging.pending_suggestions(session)
    return AssignmentOverview(
        plan,
        loads,
        k,
        challenge.judge_load_cap,
        len(inputs.proposals),
        short,
        int((~frame.published).sum()) if len(frame) else 0,
        pending,
        {p.id: p.label or f"#{p.id}" for p in inputs.proposals},
    )


def _status(row) -> str:  # type: ignore[no-untyped-def]
    if row.state == ABSTAINED:
        return "Abstained"
    if row.review_state == ReviewState.SUBMITTED.value:
        return "Review submitted"
    if not row.published:
        return "New: not yet published"
    return "Review started" if row.review_state == ReviewState.DRAFT.value else "Published"


def judging_progress(*, session: Session, actor: UserView) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per judge: assigned, submitted, started, abstained; and every abstention with its reason."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame = db_assignments.plan_frame(session, challenge.id)
    abstentions = frame[frame.state == ABSTAINED][["judge", "reference", "title", "abstain_reason"]]
    return db_assignments.progress_frame(session, challenge.id), abstentions.reset_index(drop=True)
