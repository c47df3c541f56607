"""The one gate every judge service passes: whose proposal, which state, what may be done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import assignments as db_assignments
from civic_challenge.db import judging as db_judging
from civic_challenge.db.models import Assignment, Challenge
from civic_challenge.domain.reviews import judging_open
from civic_challenge.domain.terms import AssignmentState, Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import PermissionDenied, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting
from civic_challenge.services.rubric import CriterionView

if TYPE_CHECKING:
    from sqlmodel import Session

NOT_ASSIGNED = "This proposal is not assigned to you. Open one from My queue."
CONFLICTED = (
    "You have a conflict of interest with this proposal's organisation, so it is not shown to you."
)
JUDGED_PHASES = {Phase.JUDGING, Phase.MODERATION, Phase.DECIDED, Phase.PUBLISHED}
JUDGEABLE = {
    ProposalStatus.ELIGIBLE.value,
    ProposalStatus.SHORTLISTED.value,
    ProposalStatus.AWARDED.value,
    ProposalStatus.DECLINED.value,
}


class DeclarationNeeded(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            "Before you see any proposal, declare your conflicts of interest on the Conflicts "
            "page and confirm the list is complete."
        )


@dataclass(frozen=True)
class Access:
    challenge: Challenge
    assignment: Assignment
    criteria: tuple[CriterionView, ...]


def judge_gate(session: Session, actor: UserView) -> Challenge:
    """A judge who has confirmed their conflict declaration, in a challenge being judged."""
    actor = acting(session, actor, Role.JUDGE)
    challenge = current_challenge(session)
    if not db_judging.declaration_confirmed(session, actor.id, challenge.id):
        raise DeclarationNeeded()
    if Phase(challenge.phase) not in JUDGED_PHASES:
        raise PermissionDenied("Judging has not started yet. Proposals open when it does.")
    return challenge


def judge_access(
    session: Session, actor: UserView, proposal_id: int, now: datetime, *, lock: bool = False
) -> Access:
    """Refuse unless the proposal is assigned and published to this judge, still in judging,
    and free of any blocking conflict. `lock` locks the assignment row (for writes)."""
    challenge = judge_gate(session, actor)
    assignment = db_assignments.find_assignment(session, actor.id, proposal_id, lock=lock)
    proposal = db_judging.proposal_brief(session, proposal_id)
    if (
        assignment is None
        or not assignment.published
        or proposal is None
        or proposal.challenge_id != challenge.id
        or proposal.status not in JUDGEABLE
    ):
        raise PermissionDenied(NOT_ASSIGNED)
    if proposal.organisation_id in db_judging.blocked_organisations(session, actor.id):
        raise PermissionDenied(CONFLICTED)
    criteria = tuple(CriterionView.of(c) for c in db_judging.criteria_of(session, challenge.id))
    return Access(challenge, assignment, criteria)


def refuse_unless_open(access: Access, now: datetime) -> None:
    challenge = access.challenge
    if not judging_open(challenge.phase, challenge.judging_closes_at, now):
        raise ServiceError(
            "Judging is closed, so reviews can no longer be changed. What you saved is kept."
        )
    if access.assignment.state == AssignmentState.ABSTAINED.value:
        raise ServiceError("You abstained from this proposal, so it can no longer be scored.")
