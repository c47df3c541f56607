"""What the Proposal page shows: the form's choices and help, and one proposal as loaded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import proposals as db_proposals
from civic_challenge.db import releases as db_releases
from civic_challenge.domain.attachments import active_content
from civic_challenge.domain.money_input import pounds_text
from civic_challenge.domain.proposal_help import CriterionText, field_help
from civic_challenge.domain.proposal_progress import (
    applicant_stage,
    applicant_status,
    outcome_released,
)
from civic_challenge.domain.proposals import (
    Choices,
    ProposalDraft,
    change_refusal,
    submission_problems,
)
from civic_challenge.domain.terms import Phase, ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.organisations import (
    Borough,
    applicant_organisation_id,
    list_boroughs,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from civic_challenge.db.models import Challenge, Proposal


@dataclass(frozen=True)
class StatementChoice:
    id: int
    title: str
    partner: str
    theme_id: int
    theme_name: str
    ceiling_pence: int


@dataclass(frozen=True)
class FormSetup:
    """Everything the form offers, whichever proposal is open."""

    challenge_name: str
    closes_at: datetime
    consent_text: str
    statements: tuple[StatementChoice, ...]
    themes: dict[int, str]
    boroughs: tuple[Borough, ...]
    help: dict[str, str]
    has_organisation: bool
    new_refusal: str | None
    proposals: dict[int, str]


@dataclass(frozen=True)
class ProposalView:
    id: int
    reference: str | None
    stage: str  # draft, submitted or withdrawn: nothing about screening or decisions
    status_words: str
    version: int
    draft: ProposalDraft
    attachment_name: str | None
    attachment_size: int | None
    submitted_at: datetime | None
    updated_at: datetime
    locked_reason: str | None
    missing: dict[str, list[str]]
    attachment_warnings: tuple[str, ...] = ()  # active content found in the PDF, in words


def choices_for(session: Session, challenge: Challenge) -> Choices:
    assert challenge.id is not None
    statements = db_challenges.statements_of(session, challenge.id)
    return Choices(
        ceilings={s.id: s.max_award_pence or challenge.max_award_pence for s in statements},
        theme_ids=frozenset(t.id for t in db_challenges.themes_of(session, challenge.id)),
        borough_codes=frozenset(b.code for b in list_boroughs()),
    )


def proposal_form_setup(*, session: Session, actor: UserView, now: datetime) -> FormSetup | None:
    """The form's choices for the current challenge; None before any challenge is set up."""
    organisation_id = applicant_organisation_id(session, actor)
    challenge = db_challenges.current_challenge(session)
    if challenge is None or challenge.id is None:
        return None
    themes = {t.id: t.name for t in db_challenges.themes_of(session, challenge.id)}
    statements = tuple(
        StatementChoice(
            s.id,
            s.title,
            s.partner,
            s.theme_id,
            themes.get(s.theme_id, ""),
            s.max_award_pence or challenge.max_award_pence,
        )
        for s in db_challenges.statements_of(session, challenge.id)
    )
    criteria = [
        CriterionText(c.key, c.name, c.guidance)
        for c in db_proposals.criteria_of(session, challenge.id)
    ]
    proposals: dict[int, str] = {}
    if organisation_id is not None:
        frame = db_proposals.organisation_proposals_frame(session, organisation_id, challenge.id)
        for row in frame.itertuples():
            name = row.title or "Untitled draft"
            proposals[int(row.id)] = f"{row.reference} · {name}" if row.reference else name
    return FormSetup(
        challenge_name=challenge.name,
        closes_at=challenge.closes_at,
        consent_text=challenge.consent_text,
        statements=statements,
        themes=themes,
        boroughs=list_boroughs(),
        help=field_help(criteria),
        has_organisation=organisation_id is not None,
        new_refusal=change_refusal(
            phase=Phase(challenge.phase), closes_at=challenge.closes_at, now=now, status=None
        ),
        proposals=proposals,
    )


def draft_of(session: Session, proposal: Proposal) -> ProposalDraft:
    assert proposal.id is not None
    tags = db_proposals.themes_of_proposal(session, proposal.id)
    return ProposalDraft(
        statement_id=proposal.statement_id,
        secondary_theme_ids=tuple(sorted(t.theme_id for t in tags if not t.is_primary)),
        title=proposal.title,
        summary=proposal.summary,
        problem=proposal.problem,
        solution=proposal.solution,
        impact=proposal.impact,
        milestones=proposal.milestones,
        amount=pounds_text(proposal.amount_requested_pence),
        pilot_boroughs=tuple(db_proposals.boroughs_of_proposal(session, proposal.id)),
        consent=proposal.consent,
    )


def proposal_view(session: Session, proposal: Proposal, now: datetime) -> ProposalView:
    assert proposal.id is not None
    challenge = db_proposals.get_challenge(session, proposal.challenge_id)
    assert challenge is not None
    status = ProposalStatus(proposal.status)
    draft = draft_of(session, proposal)
    released = outcome_released(
        Phase(challenge.phase), any_release=db_releases.has_release(session, challenge.id)
    )
    attachment = db_proposals.attachment_of(session, proposal.id)
    stage = applicant_stage(status)
    missing = {}
    if stage == "draft":
        missing = submission_problems(
            draft, choices_for(session, challenge), challenge.max_award_pence
        )
    return ProposalView(
        id=proposal.id,
        reference=proposal.reference,
        stage=stage,
        status_words=applicant_status(status, released),
        version=proposal.version,
        draft=draft,
        attachment_name=attachment.filename if attachment else None,
        attachment_size=attachment.size_bytes if attachment else None,
        submitted_at=proposal.submitted_at,
        updated_at=proposal.updated_at,
        locked_reason=change_refusal(
            phase=Phase(challenge.phase), closes_at=challenge.closes_at, now=now, status=status
        ),
        missing=missing,
        attachment_warnings=tuple(active_content(attachment.content)) if attachment else (),
    )


def snapshot_of(session: Session, proposal: Proposal) -> dict:
    """What was submitted, as plain values: kept in ProposalVersion and shown on the receipt."""
    assert proposal.id is not None
    statement = next(
        (
            s
            for s in db_challenges.statements_of(session, proposal.challenge_id)
            if s.id == proposal.statement_id
        ),
        None,
    )
    themes = {t.id: t.name for t in db_challenges.themes_of(session, proposal.challenge_id)}
    tags = db_proposals.themes_of_proposal(session, proposal.id)
    attachment = db_proposals.attachment_of(session, proposal.id)
    return {
        "reference": proposal.reference,
        "version": proposal.version,
        "statement": statement.title if statement else None,
        "primary_theme": next((themes[t.theme_id] for t in tags if t.is_primary), None),
        "secondary_themes": sorted(themes[t.theme_id] for t in tags if not t.is_primary),
        "title": proposal.title,
        "summary": proposal.summary,
        "problem": proposal.problem,
        "solution": proposal.solution,
        "impact": proposal.impact,
        "milestones": proposal.milestones,
        "amount_requested_pence": proposal.amount_requested_pence,
        "pilot_boroughs": db_proposals.boroughs_of_proposal(session, proposal.id),
        "attachment": None
        if attachment is None
        else {"filename": attachment.filename, "sha256": attachment.sha256},
        "consent": proposal.consent,
        "submitted_at": proposal.submitted_at,
        "updated_at": proposal.updated_at,
    }


def record_submitted_version(
    session: Session, proposal: Proposal, at: datetime, by: int | None
) -> dict:
    """Keep what was submitted as a JSON snapshot (one row per submitted version); returns it."""
    assert proposal.id is not None
    snapshot = snapshot_of(session, proposal)
    text = json.dumps(snapshot, default=str, sort_keys=True)
    db_proposals.add_version(session, proposal.id, proposal.version, text, at, by)
    return snapshot
