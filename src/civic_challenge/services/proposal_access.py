"""Which proposal an applicant may change, and whether now: ownership, the open challenge,
the deadline and the proposal's status."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import proposals as db_proposals
from civic_challenge.domain.proposals import change_refusal
from civic_challenge.domain.terms import Phase, ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound, ServiceError
from civic_challenge.services.organisations import applicant_organisation_id

if TYPE_CHECKING:
    from sqlmodel import Session

    from civic_challenge.db.models import Challenge, Proposal

CHANGED_ELSEWHERE = "This proposal was changed elsewhere. Reload to see the latest version."
NOT_YOURS = "There is no proposal with that number among your organisation's proposals."


class ProposalLocked(ServiceError):
    """The deadline passed, the challenge is not open, or the proposal was withdrawn."""


class ChangedElsewhere(ServiceError):
    def __init__(self) -> None:
        super().__init__(CHANGED_ELSEWHERE)


def own_proposal(session: Session, actor: UserView, proposal_id: int) -> Proposal:
    """The proposal if it belongs to the applicant's organisation; NotFound otherwise (so an id
    that is someone else's reads exactly like one that does not exist)."""
    organisation_id = applicant_organisation_id(session, actor)
    proposal = db_proposals.get_proposal(session, proposal_id)
    if proposal is None or organisation_id is None or proposal.organisation_id != organisation_id:
        raise NotFound(NOT_YOURS)
    return proposal


def writable_proposal(
    session: Session, actor: UserView, proposal_id: int | None, now: datetime
) -> tuple[Proposal | None, Challenge]:
    """The applicant's proposal (None for a new one) and its challenge, if it may change now."""
    if proposal_id is not None:
        proposal = own_proposal(session, actor, proposal_id)
        challenge = db_proposals.get_challenge(session, proposal.challenge_id)
        status = ProposalStatus(proposal.status)
    else:
        if applicant_organisation_id(session, actor) is None:
            raise ServiceError(
                "Fill in your organisation's profile on My organisation before writing a proposal."
            )
        proposal, status = None, None
        challenge = db_challenges.current_challenge(session)
    if challenge is None:
        raise ProposalLocked("No challenge is open for proposals at the moment.")
    refusal = change_refusal(
        phase=Phase(challenge.phase), closes_at=challenge.closes_at, now=now, status=status
    )
    if refusal:
        raise ProposalLocked(refusal)
    return proposal, challenge
