"""An applicant's proposal: open it, save a draft, submit (or edit) it. Withdrawing is in
withdrawal.py, who may change what and when in proposal_access.py, the writes themselves in
proposal_writing.py.

Every write checks, against `now`, that the challenge is open and its deadline not passed, and
writes only if nobody saved the proposal since the form was loaded (optimistic `version`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import proposals as db_proposals
from civic_challenge.db.audit import record_event
from civic_challenge.domain import attachments
from civic_challenge.domain.proposal_progress import applicant_stage
from civic_challenge.domain.proposals import (
    ProposalDraft,
    draft_problems,
    next_reference,
    submission_problems,
    submission_refusal,
)
from civic_challenge.domain.terms import ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import ServiceError, raise_if_problems
from civic_challenge.services.mail.progress_notices import queue_submission_receipt
from civic_challenge.services.proposal_access import (
    ChangedElsewhere,
    ProposalLocked,
    own_proposal,
    writable_proposal,
)
from civic_challenge.services.proposal_views import (
    ProposalView,
    choices_for,
    proposal_view,
    record_submitted_version,
    snapshot_of,
)
from civic_challenge.services.proposal_writing import (
    check_upload,
    eligibility_reasons,
    write_parts,
    write_proposal,
)

if TYPE_CHECKING:
    from sqlmodel import Session


def open_proposal(*, session: Session, actor: UserView, proposal_id: int, now: datetime):
    proposal = own_proposal(session, actor, proposal_id)
    return proposal_view(session, proposal, now)


def save_draft(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int | None,
    draft: ProposalDraft,
    expected_version: int | None,
    now: datetime,
    upload: attachments.Upload | None = None,
    remove_attachment: bool = False,
) -> ProposalView:
    """Store the form as it is, gaps and all; only what cannot be stored is refused."""
    proposal, challenge = writable_proposal(session, actor, proposal_id, now)
    if proposal is not None and proposal.version != expected_version:
        raise ChangedElsewhere()  # first: a tab drawn before a submission must say so
    if proposal is not None and applicant_stage(ProposalStatus(proposal.status)) != "draft":
        raise ServiceError(
            "This proposal has been submitted: use Save changes, which checks it in full."
        )
    problems = draft_problems(draft, choices_for(session, challenge))
    check_upload(problems, upload)
    raise_if_problems(problems)
    proposal = write_proposal(session, actor, challenge, proposal, expected_version, draft, now, {})
    write_parts(session, challenge, proposal, draft, upload, remove_attachment)
    return proposal_view(session, proposal, now)


def submit_proposal(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int | None,
    draft: ProposalDraft,
    expected_version: int | None,
    now: datetime,
    upload: attachments.Upload | None = None,
    remove_attachment: bool = False,
) -> ProposalView:
    """Submit a draft, or save changes to a submitted proposal: checked in full, every problem
    at once; each submitted version is kept, and the event audited."""
    proposal, challenge = writable_proposal(session, actor, proposal_id, now)
    if early := submission_refusal(opens_at=challenge.opens_at, now=now):
        raise ProposalLocked(early)
    problems = submission_problems(
        draft, choices_for(session, challenge), challenge.max_award_pence
    )
    check_upload(problems, upload)
    reasons = eligibility_reasons(session, actor, challenge, proposal, draft)
    if reasons:
        problems["eligibility"] = reasons
    raise_if_problems(problems)
    first = proposal is None or ProposalStatus(proposal.status) is ProposalStatus.DRAFT
    before = None if first else snapshot_of(session, proposal)
    extra = {}
    if first:
        assert challenge.id is not None
        db_proposals.lock_challenge(session, challenge.id)
        prefix = f"CIC-{challenge.year}-"
        extra = {
            "status": ProposalStatus.SUBMITTED.value,
            "submitted_at": now,
            "reference": (proposal and proposal.reference)
            or next_reference(challenge.year, db_proposals.highest_reference(session, prefix)),
        }
    proposal = write_proposal(
        session, actor, challenge, proposal, expected_version, draft, now, extra
    )
    write_parts(session, challenge, proposal, draft, upload, remove_attachment)
    after = record_submitted_version(session, proposal, now, actor.id)
    queue_submission_receipt(session=session, actor=actor, proposal_id=proposal.id, now=now)
    rankings_changed(session, challenge.id)
    record_event(
        session,
        actor_id=actor.id,
        action="proposal.submitted" if first else "proposal.edited",
        object_type="proposal",
        object_id=proposal.id,
        before=before,
        after=after,
    )
    return proposal_view(session, proposal, now)
