"""Releasing decisions to applicants in stages (organisers): the shortlist first, with a message
such as a pitch date; the awards later; and again after a correction. Each release makes
visible only decisions not yet released, records what it made visible and when, and never
takes back what an earlier release showed (a released decision cannot be changed).

`release_decisions` is the one place a release happens: notices to applicants hook in there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import decisions as db_decisions
from civic_challenge.db import releases as db_releases
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Decision, DecisionRelease
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.mail.progress_notices import queue_decision_notices
from civic_challenge.services.permissions import acting
from civic_challenge.services.release_check import ReleaseCheck, release_check

if TYPE_CHECKING:
    from sqlmodel import Session

YES = DecisionOutcome.YES.value
MESSAGE_MAX = 2000
KINDS = ("shortlist", "awards")
BEFORE_JUDGING = {Phase.SETUP, Phase.OPEN}

__all__ = ["ReleaseCheck", "ReleaseEntry", "ReleaseRecord", "release_check", "release_decisions"]


@dataclass(frozen=True)
class ReleaseEntry:
    proposal_id: int
    reference: str
    stage: str
    outcome: str
    amount_pence: int | None


@dataclass(frozen=True)
class ReleaseRecord:
    id: int
    kind: str
    message: str
    released_at: datetime
    released_by: str
    entries: tuple[ReleaseEntry, ...]


def release_decisions(
    *,
    session: Session,
    actor: UserView,
    kind: str,
    message: str,
    now: datetime,
    confirm: bool = False,
) -> ReleaseRecord:
    """Release what is pending and record it. `kind` "shortlist" releases the pending shortlist
    decisions; "awards" releases every pending decision (shortlist ones too) and publishes the
    challenge. An awards release that would leave reviews missing or shortlisted proposals
    undecided is refused unless `confirm`."""
    actor = acting(session, actor, Role.ORGANISER)
    text = _checked(kind, message)
    challenge = current_challenge(session, lock=True)
    phase = Phase(challenge.phase)
    if phase in BEFORE_JUDGING:
        raise ServiceError(
            f"The challenge is still in its {phase.value} phase: decisions can be released "
            "only once judging has started."
        )
    pending = db_decisions.unreleased_decisions(session, challenge.id)  # type: ignore[arg-type]
    if kind == "shortlist":
        pending = [d for d in pending if d.stage == DecisionStage.SHORTLIST.value]
    if not pending:
        raise ServiceError(_nothing_to_release(kind))
    if kind == "awards":
        check = release_check(session=session, actor=actor)
        if check.award_warnings and not confirm:
            raise ServiceError(
                "Not released yet. "
                + " ".join(check.award_warnings)
                + ' Tick "Release anyway" to release regardless.'
            )
    entries = _entries(session, pending)
    db_decisions.release(session, pending, now)
    statuses = _statuses(pending)
    for proposal_id, status in statuses.items():
        db_decisions.set_status(session, proposal_id, status)
    queue_decision_notices(
        session=session,
        statuses={proposal_id: status.value for proposal_id, status in statuses.items()},
        now=now,
        message=text,
    )
    release = db_releases.add_release(
        session,
        DecisionRelease(
            challenge_id=challenge.id,  # type: ignore[arg-type]
            kind=kind,
            message=text,
            contents=json.dumps([entry.__dict__ for entry in entries]),
            decisions=len(entries),
            released_by_id=actor.id,
            released_at=now,
        ),
    )
    before = {"phase": challenge.phase}
    if kind == "awards" and phase is not Phase.PUBLISHED:
        challenge.phase = Phase.PUBLISHED.value
        challenge.version += 1
        session.flush()
    rankings_changed(session, challenge.id)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action=f"decisions.released_{kind}",
        object_type="challenge",
        object_id=challenge.id,
        before=before,
        after={
            "phase": challenge.phase,
            "release_id": release.id,
            "released": len(entries),
            "message": text,
            "references": sorted({e.reference for e in entries}),
        },
    )
    return ReleaseRecord(release.id, kind, text, now, actor.name, entries)  # type: ignore[arg-type]


def list_releases(*, session: Session, actor: UserView) -> list[ReleaseRecord]:
    """Every release of the current challenge, oldest first, with what each made visible."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame = db_releases.releases_frame(session, challenge.id)  # type: ignore[arg-type]
    return [
        ReleaseRecord(
            int(row.id),
            row.kind,
            row.message,
            row.released_at,
            row.released_by,
            tuple(ReleaseEntry(**entry) for entry in json.loads(row.contents)),
        )
        for row in frame.itertuples()
    ]


def _checked(kind: str, message: str) -> str:
    problems: dict[str, list[str]] = {"kind": [], "message": []}
    if kind not in KINDS:
        problems["kind"].append("Choose whether to release the shortlist or the awards.")
    text = (message or "").strip()
    if len(text) > MESSAGE_MAX:
        problems["message"].append(
            f"Keep the message to {MESSAGE_MAX:,} characters; it has {len(text):,}."
        )
    if any(problems.values()):
        raise InvalidInput(problems)
    return text


def _nothing_to_release(kind: str) -> str:
    if kind == "shortlist":
        return (
            "No shortlist decision is waiting to be released. Shortlist proposals on the "
            "Results page first."
        )
    return "No decision is waiting to be released. Record award decisions first."


def _entries(session: Session, decisions: list[Decision]) -> list[ReleaseEntry]:
    entries = []
    for decision in decisions:
        proposal = db_decisions.proposal_challenge(session, decision.proposal_id)
        reference = (proposal.reference if proposal else None) or str(decision.proposal_id)
        entries.append(
            ReleaseEntry(
                decision.proposal_id,
                reference,
                decision.stage,
                decision.outcome,
                decision.amount_pence,
            )
        )
    return entries


def _statuses(decisions: list[Decision]) -> dict[int, ProposalStatus]:
    """Each released proposal's status for applicants: shortlisted, then awarded or declined."""
    statuses: dict[int, ProposalStatus] = {}
    for decision in decisions:
        if decision.stage == DecisionStage.SHORTLIST.value and decision.outcome == YES:
            statuses.setdefault(decision.proposal_id, ProposalStatus.SHORTLISTED)
    for decision in decisions:
        if decision.stage == DecisionStage.AWARD.value:
            statuses[decision.proposal_id] = (
                ProposalStatus.AWARDED if decision.outcome == YES else ProposalStatus.DECLINED
            )
    return statuses
