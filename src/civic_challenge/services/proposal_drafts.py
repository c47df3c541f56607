"""An applicant's proposal saving itself while they write: kept apart from the proposal (see
`services.autosave`), so a submitted proposal is never changed by it and its version never
moves; restored when they come back, discarded when they save."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.terms import Role
from civic_challenge.services import autosave
from civic_challenge.services.accounts import UserView
from civic_challenge.services.permissions import acting
from civic_challenge.services.proposal_access import own_proposal, writable_proposal

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class RestoredProposal:
    draft: ProposalDraft
    base_version: int | None  # None for a proposal not saved yet
    saved_at: datetime


def proposal_form(proposal_id: int | None, challenge_id: int) -> str:
    """The autosave store's name for one proposal's form (or the form of a new one)."""
    return f"proposal:{proposal_id}" if proposal_id else f"proposal:new:{challenge_id}"


def autosave_proposal(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int | None,
    base_version: int | None,
    draft: ProposalDraft,
    now: datetime,
) -> datetime:
    """Keep the form as typed while the proposal may still change; nothing else is written."""
    _, challenge = writable_proposal(session, actor, proposal_id, now)
    assert challenge.id is not None
    return autosave.keep(
        session,
        actor.id,
        proposal_form(proposal_id, challenge.id),
        base_version=base_version,
        values=asdict(draft),
        now=now,
    )


def autosaved_proposal(
    *, session: Session, actor: UserView, proposal_id: int | None
) -> RestoredProposal | None:
    """The applicant's autosaved form for this proposal (or for a new one), if any."""
    actor = acting(session, actor, Role.APPLICANT)
    found = autosave.restore(session, actor.id, _form_of(session, actor, proposal_id))
    if found is None:
        return None
    return RestoredProposal(_draft_of(found.values), found.base_version, found.saved_at)


def discard_proposal_autosave(
    *, session: Session, actor: UserView, proposal_id: int | None
) -> None:
    """Forget the autosaved form (the applicant chose the saved version instead)."""
    actor = acting(session, actor, Role.APPLICANT)
    autosave.discard(session, actor.id, _form_of(session, actor, proposal_id))


def _form_of(session: Session, actor: UserView, proposal_id: int | None) -> str:
    """The store's name, once the proposal is known to be the applicant's own."""
    if proposal_id is not None:
        proposal = own_proposal(session, actor, proposal_id)
        return proposal_form(proposal_id, proposal.challenge_id)
    challenge = db_challenges.current_challenge(session)
    return proposal_form(None, challenge.id if challenge and challenge.id else 0)


def _draft_of(values: dict) -> ProposalDraft:
    known = {k: v for k, v in values.items() if k in ProposalDraft.__dataclass_fields__}
    for name in ("secondary_theme_ids", "pilot_boroughs"):
        known[name] = tuple(known.get(name) or ())
    return ProposalDraft(**known)
