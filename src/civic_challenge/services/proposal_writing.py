"""Storing an applicant's proposal form: its columns (with the optimistic `version` check), its
themes, boroughs and attachment, and the upload and eligibility checks made before a write."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import organisations as db_organisations
from civic_challenge.db import proposals as db_proposals
from civic_challenge.domain import attachments
from civic_challenge.domain.eligibility import eligibility_problems
from civic_challenge.domain.money_input import read_pounds
from civic_challenge.domain.proposals import AMOUNT, ProposalDraft
from civic_challenge.domain.terms import Role
from civic_challenge.services import autosave
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound
from civic_challenge.services.organisations import applicant_organisation_id, facts_of, rules_of
from civic_challenge.services.permissions import acting
from civic_challenge.services.proposal_access import NOT_YOURS, ChangedElsewhere
from civic_challenge.services.proposal_drafts import proposal_form

if TYPE_CHECKING:
    from sqlmodel import Session

    from civic_challenge.db.models import Challenge, Proposal


def check_upload(problems: dict[str, list[str]], upload: attachments.Upload | None) -> None:
    if upload is not None:
        found = attachments.pdf_problems(upload)
        if found:
            problems["attachment"] = found


def eligibility_reasons(
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


def write_proposal(
    session: Session,
    actor: UserView,
    challenge: Challenge,
    proposal: Proposal | None,
    expected_version: int | None,
    draft: ProposalDraft,
    now: datetime,
    extra: dict,
) -> Proposal:
    actor = acting(session, actor, Role.APPLICANT)
    if proposal is not None and proposal.organisation_id != actor.organisation_id:
        raise NotFound(NOT_YOURS)
    values = _columns(draft, now) | extra
    assert challenge.id is not None
    # A save ends the form's autosaved work (a pending edit of a submitted one too), unless
    # the autosave holds something else (typed in another tab).
    form = proposal_form(proposal and proposal.id, challenge.id)
    autosave.discard_if_saved(session, actor.id, form, asdict(draft))
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


def write_parts(
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
