"""Shortlisting (organisers): a pending decision per proposal, audited, that applicants do not
see until decisions are released."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import judging as db_judging
from civic_challenge.db import rankings as db_rankings
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Decision
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

YES = DecisionOutcome.YES.value


def shortlist(*, session: Session, actor: UserView, proposal_ids: list[int], now: datetime) -> int:
    """Record a pending "yes" shortlist decision for each proposal; returns how many changed.

    All or nothing: any proposal outside judging refuses the whole request. A proposal already
    shortlisted is left as it is; a pending "no" becomes "yes"; a released decision is refused,
    since applicants have already seen it. Nothing is released here (released_at stays empty).
    """
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    wanted = sorted(set(proposal_ids))
    if not wanted:
        raise InvalidInput({"proposals": ["Choose at least one proposal to shortlist."]})
    _refuse_outside_judging(session, challenge.id, wanted)
    changed = 0
    for proposal_id in wanted:
        changed += _shortlist_one(session, actor, proposal_id, now)
    if changed:
        rankings_changed(session, challenge.id)
    return changed


def _refuse_outside_judging(session: Session, challenge_id: int, proposal_ids: list[int]) -> None:
    refused = []
    for proposal_id in proposal_ids:
        proposal = db_judging.proposal_brief(session, proposal_id)
        if (
            proposal is None
            or proposal.challenge_id != challenge_id
            or proposal.status not in db_rankings.IN_JUDGING
        ):
            refused.append(proposal.reference or str(proposal_id) if proposal else str(proposal_id))
    if refused:
        raise InvalidInput(
            {
                "proposals": [
                    f"Only proposals in judging can be shortlisted; not {', '.join(refused)}. "
                    "Reload the page and choose again."
                ]
            }
        )


def _shortlist_one(session: Session, actor: UserView, proposal_id: int, now: datetime) -> int:
    decision = db_rankings.find_shortlist_decision(session, proposal_id)
    if decision is not None and decision.outcome == YES:
        return 0
    if decision is not None and decision.released_at is not None:
        raise ServiceError(
            "A shortlist decision on one of these proposals has already been released to its "
            "applicant, so it cannot be changed here."
        )
    before = None if decision is None else {"outcome": decision.outcome}
    if decision is None:
        decision = Decision(
            proposal_id=proposal_id,
            stage=DecisionStage.SHORTLIST.value,
            outcome=YES,
            decided_by_id=actor.id,
            decided_at=now,
        )
        session.add(decision)
    else:
        decision.outcome, decision.decided_by_id, decision.decided_at = YES, actor.id, now
        decision.version += 1
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="decision.shortlisted",
        object_type="decision",
        object_id=decision.id,
        before=before,
        after={"proposal_id": proposal_id, "stage": "shortlist", "outcome": YES, "released": False},
    )
    return 1
