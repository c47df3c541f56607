"""Eligibility screening (organisers): each submitted proposal marked eligible or ineligible,
pre-filled from `domain.eligibility`, overridable with a recorded reason."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import screening as db_screening
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Challenge
from civic_challenge.domain.eligibility import (
    EligibilityRules,
    OrganisationFacts,
    eligibility_problems,
)
from civic_challenge.domain.terms import ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import (
    ChangedElsewhere,
    NotFound,
    ServiceError,
    raise_if_problems,
)
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

SCREENABLE = {
    ProposalStatus.SUBMITTED.value,
    ProposalStatus.ELIGIBLE.value,
    ProposalStatus.INELIGIBLE.value,
}
MEETS_RULES = "Meets every eligibility rule."
REASON_MAX = 2000  # Proposal.screening_reason
CHANGED = (
    "This proposal was changed since you opened this page (screened by someone else, or "
    "withdrawn). Your decision is not saved yet."
)


def list_screening(*, session: Session, actor: UserView) -> pd.DataFrame:
    """Submitted proposals with the check's reasons (`suggested_reasons`, a list; empty when it
    looks eligible) and `suggested_eligible` beside the organiser's decision so far."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return _with_suggestions(
        session, challenge, db_screening.screening_frame(session, challenge.id)
    )


def _with_suggestions(session: Session, challenge: Challenge, frame: pd.DataFrame) -> pd.DataFrame:
    ceilings = {s.id: s.max_award_pence for s in db_challenges.statements_of(session, challenge.id)}
    seen: dict[tuple[int, int | None], int] = {}
    reasons = []
    for row in frame.itertuples():  # oldest first: only earlier proposals count as "others"
        key = (int(row.organisation_id), _int(row.statement_id))
        reasons.append(_reasons(challenge, row, ceilings, seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return frame.assign(suggested_reasons=reasons, suggested_eligible=[not r for r in reasons])


def _reasons(challenge: Challenge, row, ceilings, earlier: int) -> list[str]:  # type: ignore[no-untyped-def]
    ceiling = ceilings.get(_int(row.statement_id))
    rules = EligibilityRules(
        max_employees=challenge.max_employees,
        max_turnover_pence=challenge.max_turnover_pence,
        london_only=challenge.london_only,
        max_award_pence=challenge.max_award_pence if ceiling is None else ceiling,
        max_proposals_per_statement=challenge.max_proposals_per_statement,
    )
    facts = OrganisationFacts(
        employees=_int(row.employees),
        turnover_pence=_int(row.turnover_pence),
        borough_code=row.borough_code if isinstance(row.borough_code, str) else None,
    )
    return eligibility_problems(facts, rules, _int(row.amount_requested_pence), earlier)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def screen_proposal(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int,
    eligible: bool,
    reason: str,
    version: int,
    now: datetime,
) -> None:
    """Mark one proposal, drawn at `version`. A reason is required to mark it ineligible or to
    go against the check. Refused if the proposal changed since (ChangedElsewhere)."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame = list_screening(session=session, actor=actor)
    match = frame[frame["id"] == proposal_id]
    if match.empty:
        raise NotFound("That proposal is not among the submitted proposals.")
    suggested = bool(match["suggested_eligible"].iloc[0])
    text = reason.strip()
    problems: list[str] = []
    if not text and (not eligible or eligible != suggested):
        problems.append(
            "Say why: a reason is needed to mark a proposal ineligible or to go against the "
            "eligibility check."
        )
    if len(text) > REASON_MAX:
        problems.append(f"Keep the reason to {REASON_MAX} characters.")
    raise_if_problems({"reason": problems})
    _mark(session, actor, challenge, proposal_id, eligible, text or MEETS_RULES, now, version)


def accept_screening_suggestions(*, session: Session, actor: UserView, now: datetime) -> int:
    """Apply the check's suggestion to every proposal not screened yet; returns how many."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame = list_screening(session=session, actor=actor)
    waiting = frame[frame["status"] == ProposalStatus.SUBMITTED.value]
    for row in waiting.itertuples():
        reason = " ".join(row.suggested_reasons) or MEETS_RULES
        eligible = bool(row.suggested_eligible)
        _mark(session, actor, challenge, int(row.id), eligible, reason, now, int(row.version))
    return len(waiting)


def _mark(session, actor, challenge, proposal_id, eligible, reason, now, version) -> None:  # type: ignore[no-untyped-def]
    """`version`: the proposal's as the organiser saw it (or as read just now, when accepting
    the check's suggestions): someone screening it in between is not overwritten."""
    proposal = db_screening.lock_proposal(session, proposal_id)
    if proposal is None or proposal.challenge_id != challenge.id:
        raise NotFound("That proposal no longer exists.")
    if proposal.version != version:
        raise ChangedElsewhere(CHANGED)
    if proposal.status not in SCREENABLE:
        raise ServiceError(f"This proposal is {proposal.status} and can no longer be screened.")
    before = {"status": proposal.status, "reason": proposal.screening_reason}
    status = ProposalStatus.ELIGIBLE if eligible else ProposalStatus.INELIGIBLE
    proposal.status = status.value
    proposal.screening_reason = reason[:REASON_MAX]
    proposal.screened_at = now
    proposal.screened_by_id = actor.id
    proposal.version += 1
    rankings_changed(session, challenge.id)
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="proposal.screened",
        object_type="proposal",
        object_id=proposal_id,
        before=before,
        after={"status": proposal.status, "reason": proposal.screening_reason},
    )
