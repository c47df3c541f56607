"""An applicant's proposal: open it, save a draft, submit (or edit) it, withdraw it.

Every write checks, against `now`, that the challenge is open and its deadline not passed, and
writes only if nobody saved the proposal since the form was loaded (optimistic `version`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import organisations as db_organisations
from civic_challenge.db import proposals as db_proposals
from civic_challenge.db.audit import record_event
from civic_challenge.domain import attachments
from civic_challenge.domain.eligibility import eligibility_problems
from civic_challenge.domain.money_input import read_pounds
from civic_challenge.domain.proposal_progress import applicant_stage
from civic_challenge.domain.proposals import (
    AMOUNT,
    ProposalDraft,
    change_refusal,
    draft_problems,
    next_reference,
    submission_problems,
)
from civic_challenge.domain.terms import Phase, ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import NotFound, ServiceError, raise_if_problems
from civic_challenge.services.organisations import (
    applicant_organisation_id,
    facts_of,
    rules_of,
)
from civic_challenge.services.proposal_views import (
    ProposalView,
    choices_for,
    proposal_view,
    record_submitted_version,
    snapshot_of,
)

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
    proposal, challenge = _writable(session, actor, proposal_id, now)
    if proposal is not None and applicant_stage(ProposalStatus(proposal.status)) != "draft":
        raise ServiceError(
            "This proposal has been submitted: use Save changes, which checks it in full."
        )
    problems = draft_problems(draft, choices_for(session, challenge))
    _check_upload(problems, upload)
    raise_if_problems(problems)
    proposal = _write(session, actor, challenge, proposal, expected_version, draft, now, {})
    _write_parts(session, challenge, proposal, draft, upload, remove_attachment)
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
    proposal, challenge = _writable(session, actor, proposal_id, now)
    problems = submission_problems(
        draft, choices_for(session, challenge), challenge.max_award_pence
    )
    _check_upload(problems, upload)
    reasons = _eligibility(session, actor, challenge, proposal, draft)
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
    proposal = _write(session, actor, challenge, proposal, expected_version, draft, now, extra)
    _write_parts(session, challenge, proposal, draft, upload, remove_attachment)
    after = record_submitted_version(session, proposal, now, actor.id)
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


def withdraw_proposal(
    *, session: Session, actor: UserView, proposal_id: int, expected_version: int, now: datetime
) -> ProposalView:
    proposal, challenge = _writable(session, actor, proposal_id, now)
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


def _writable(
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


def _check_upload(problems: dict[str, list[str]], upload: attachments.Upload | None) -> None:
    if upload is not None:
        found = attachments.pdf_problems(upload)
        if found:
            problems["attachment"] = found


def _eligibility(
    session: Session,
    actor: UserView,
    challenge: Challenge,
    proposal: Proposal | None,
    draft: ProposalDraft,
) -> list[str]:
    """The organisation's eligibility (the amount itself is checked on its own field)."""
    organisation_id = applicant_organisation_id(session, actor)
    assert organisation_id is not None
    organisation = db_organisations.get_organisation(session, organisation_id)
    others = 0
    if draft.statement_id is not None:
        others = db_proposals.count_counted_for_statement(
            session, organisation_id, draft.statement_id, proposal.id if proposal else None
        )
    return eligibility_problems(facts_of(organisation), rules_of(challenge), None, others)


def _columns(draft: ProposalDraft, now: datetime) -> dict:
    pence, _ = read_pounds(draft.amount, what=AMOUNT)
    return {
        "statement_id": draft.statement_id,
        "title": draft.title.strip(),
        "summary": draft.summary.strip(),
        "problem": draft.problem.strip(),
        "solution": draft.solution.strip(),
        "impact": draft.impact.strip(),
        "milestones": draft.milestones.strip(),
        "amount_requested_pence": pence,
        "consent": draft.consent,
        "updated_at": now,
    }


def _write(
    session: Session,
    actor: UserView,
    challenge: Challenge,
    proposal: Proposal | None,
    expected_version: int | None,
    draft: ProposalDraft,
    now: datetime,
    extra: dict,
) -> Proposal:
    values = _columns(draft, now) | extra
    if proposal is None:
        organisation_id = applicant_organisation_id(session, actor)
        return db_proposals.add_proposal(
            session,
            values
            | {
                "challenge_id": challenge.id,
                "organisation_id": organisation_id,
                "created_by_id": actor.id,
                "created_at": now,
            },
        )
    assert proposal.id is not None
    if expected_version is None or (
        db_proposals.update_proposal(session, proposal.id, expected_version, values) is None
    ):
        raise ChangedElsewhere()
    written = db_proposals.get_proposal(session, proposal.id)
    assert written is not None
    return written


def _write_parts(
    session: Session,
    challenge: Challenge,
    proposal: Proposal,
    draft: ProposalDraft,
    upload: attachments.Upload | None,
    remove_attachment: bool,
) -> None:
    assert proposal.id is not None
    statement = next(
        (
            s
            for s in db_challenges.statements_of(session, challenge.id)
            if s.id == draft.statement_id
        ),
        None,
    )
    db_proposals.replace_tags(
        session,
        proposal.id,
        primary_theme_id=statement.theme_id if statement else None,
        secondary_theme_ids=sorted(set(draft.secondary_theme_ids)),
        boroughs=sorted(set(draft.pilot_boroughs)),
    )
    if upload is not None:
        db_proposals.replace_attachment(
            session,
            proposal.id,
            {
                "filename": attachments.clean_filename(upload.filename),
                "size_bytes": len(upload.content),
                "sha256": attachments.sha256(upload.content),
                "content": upload.content,
            },
        )
    elif remove_attachment:
        db_proposals.replace_attachment(session, proposal.id, None)
