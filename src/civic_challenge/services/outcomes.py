"""My proposals: each proposal's status and timeline, and outcome and feedback once released."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import proposals as db_proposals
from civic_challenge.db import releases as db_releases
from civic_challenge.domain.proposal_progress import (
    Step,
    applicant_stage,
    applicant_status,
    applicant_timeline,
    feedback_released,
    outcome_released,
)
from civic_challenge.domain.proposals import change_refusal
from civic_challenge.domain.terms import Phase, ProposalStatus
from civic_challenge.services.accounts import UserView
from civic_challenge.services.organisations import applicant_organisation_id

if TYPE_CHECKING:
    import pandas as pd
    from sqlmodel import Session


@dataclass(frozen=True)
class ProposalSummary:
    id: int
    reference: str | None
    title: str
    stage: str
    status_words: str
    timeline: tuple[Step, ...]
    updated_at: datetime
    locked_reason: str | None
    released: bool
    feedback: tuple[str, ...]
    screening_reason: str
    announcements: tuple[str, ...] = ()  # messages of the releases that included it


def release_messages(session: Session, challenge_id: int) -> dict[int, list[str]]:
    """proposal id -> the messages of the releases that made one of its decisions visible."""
    found: dict[int, list[str]] = {}
    for row in db_releases.releases_frame(session, challenge_id).itertuples():
        if not row.message:
            continue
        for proposal_id in {entry["proposal_id"] for entry in json.loads(row.contents)}:
            found.setdefault(int(proposal_id), []).append(row.message)
    return found


def list_my_proposals(*, session: Session, actor: UserView, now: datetime) -> list[ProposalSummary]:
    """The organisation's proposals to the current challenge, newest first."""
    organisation_id = applicant_organisation_id(session, actor)
    challenge = db_challenges.current_challenge(session)
    if organisation_id is None or challenge is None or challenge.id is None:
        return []
    frame = db_proposals.organisation_proposals_frame(session, organisation_id, challenge.id)
    phase = Phase(challenge.phase)
    released = outcome_released(phase, any_release=db_releases.has_release(session, challenge.id))
    messages = release_messages(session, challenge.id) if released else {}
    return [
        replace(
            _summary(session, row, released, challenge, now),
            announcements=tuple(messages.get(int(row.id), ())),
        )
        for row in frame.itertuples()
    ]


def _summary(session: Session, row: pd.Series, released: bool, challenge, now) -> ProposalSummary:  # type: ignore[no-untyped-def]
    status = ProposalStatus(row.status)
    proposal_id = int(row.id)
    feedback: tuple[str, ...] = ()
    reason = ""
    if released and applicant_stage(status) == "submitted":
        if feedback_released(Phase(challenge.phase), status):
            feedback = tuple(db_proposals.feedback_for(session, proposal_id))
        if status is ProposalStatus.INELIGIBLE:
            proposal = db_proposals.get_proposal(session, proposal_id)
            reason = proposal.screening_reason if proposal else ""
    return ProposalSummary(
        id=proposal_id,
        reference=row.reference,
        title=row.title,
        stage=applicant_stage(status),
        status_words=applicant_status(status, released),
        timeline=tuple(
            applicant_timeline(
                status,
                released=released,
                created_at=row.created_at,
                submitted_at=_moment(row.submitted_at),
                withdrawn_at=_moment(row.withdrawn_at),
            )
        ),
        updated_at=row.updated_at,
        locked_reason=change_refusal(
            phase=Phase(challenge.phase), closes_at=challenge.closes_at, now=now, status=status
        ),
        released=released,
        feedback=feedback,
        screening_reason=reason,
    )


def _moment(value) -> datetime | None:  # type: ignore[no-untyped-def]
    """pandas turns a missing timestamp into NaT: read it back as None."""
    return None if value is None or value != value else value.to_pydatetime()
