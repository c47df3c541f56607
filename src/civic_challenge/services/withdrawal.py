"""An applicant withdraws a submitted proposal: before the deadline, if nobody changed it since
the form was loaded (optimistic `version`); audited, and the rankings marked stale."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import proposals as db_proposals
from civic_challenge.db.audit import record_event
from civic_challenge.domain.terms import ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.proposal_access import ChangedElsewhere, writable_proposal
from civic_challenge.services.proposal_views import ProposalView, proposal_view

if TYPE_CHECKING:
    from sqlmodel import Session


def withdraw_proposal(
    *, session: Session, actor: UserView, proposal_id: int, expected_version: int, now: datetime
) -> ProposalView:
    proposal, challenge = writable_proposal(session, actor, proposal_id, now)
    assert proposal is not None and proposal.id is not None
    if ProposalStatus(proposal.status) is ProposalStatus.DRAFT:
        raise ServiceError("This draft has not been submitted, so there is nothing to withdraw.")
    values = {
        "status": ProposalStatus.WITHDRAWN.value,
        "withdrawn_at": now,
        "updated_at": now,
    }
    if db_proposals.update_proposal(session, proposal.id, expected_version, values) is None:
        raise ChangedElsewhere()
    record_event(
        session,
        actor_id=actor.id,
        action="proposal.withdrawn",
        object_type="proposal",
        object_id=proposal.id,
        before={"status": ProposalStatus.SUBMITTED.value},
        after={"status": ProposalStatus.WITHDRAWN.value},
    )
    rankings_changed(session, challenge.id)
    proposal = db_proposals.get_proposal(session, proposal.id)
    assert proposal is not None
    return proposal_view(session, proposal, now)
