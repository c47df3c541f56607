"""Awards (organisers): recording a pending award decision on a shortlisted proposal, within
what was requested, its ceiling and the budget.

Decisions stay pending (released_at empty) until `releases.release_decisions`, which releases
them in stages (the shortlist, then the awards) and sets each proposal's status from them.
The overview with scores is in `award_overview`, the recommended slate in `recommendation`,
feedback wording in `feedback_moderation`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import decisions as db_decisions
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Decision
from civic_challenge.domain.money import pounds
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import (
    ChangedElsewhere,
    InvalidInput,
    NotFound,
    ServiceError,
)
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

YES, NO = DecisionOutcome.YES.value, DecisionOutcome.NO.value
RATIONALE_MAX = 3000
CHANGED = (
    "The award decision on this proposal was changed by someone else since you opened this "
    "page. Yours is not saved yet."
)
PUBLISHED = (
    "This award decision has been released: its applicant has seen it, so it can no longer be "
    "changed."
)


def decide_award(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int,
    award: bool,
    amount_pence: int | None,
    rationale: str,
    now: datetime,
    version: int | None = None,
) -> None:
    """Record a pending award decision ("yes" with an amount, or "no") on a shortlisted proposal.

    An award with no amount is for what was requested. `version` is the award decision's as the
    organiser saw it (0: there was none); a decision changed since is refused (ChangedElsewhere).
    None skips that check, for callers that read and write in one go.
    Refused, with the numbers: a proposal not on the shortlist; an amount missing, above what
    was requested or above its ceiling (its statement's own, else the challenge's); an award
    that would take the awards past the budget; any change to a released decision.
    """
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    proposal = db_decisions.proposal_challenge(session, proposal_id)
    if proposal is None or proposal.challenge_id != challenge.id:
        raise NotFound("That proposal is not part of this challenge.")
    label = proposal.reference or f"Proposal {proposal_id}"
    shortlisted = db_decisions.find_decision(session, proposal_id, DecisionStage.SHORTLIST)
    if shortlisted is None or shortlisted.outcome != YES:
        raise InvalidInput(
            {
                "proposal": [
                    f"{label} is not on the shortlist: only shortlisted proposals can be "
                    "awarded. Shortlist it on the Results page first."
                ]
            }
        )
    existing = db_decisions.find_decision(session, proposal_id, DecisionStage.AWARD)
    if existing is not None and existing.released_at is not None:
        raise ServiceError(PUBLISHED)
    if version is not None and (existing.version if existing else 0) != version:
        raise ChangedElsewhere(CHANGED)
    text = rationale.strip()
    problems: dict[str, list[str]] = {"amount": [], "rationale": []}
    if len(text) > RATIONALE_MAX:
        problems["rationale"].append(f"Keep the rationale to {RATIONALE_MAX} characters.")
    if award and amount_pence is None:
        amount_pence = proposal.amount_requested_pence  # left empty: what was requested
    if award:
        problems["amount"] = _amount_problems(session, challenge, proposal, label, amount_pence)
    if any(problems.values()):
        raise InvalidInput(problems)
    _write_award(session, actor, proposal_id, existing, award, amount_pence, text, now)
    rankings_changed(session, challenge.id)  # type: ignore[arg-type]


def _amount_problems(session, challenge, proposal, label, amount) -> list[str]:  # type: ignore[no-untyped-def]
    if amount is not None and amount < 0:
        return [
            f"The amount cannot be negative (-{pounds(-amount)} was entered): enter it in pounds."
        ]
    if amount is None or amount == 0:
        return ["Enter the amount to award, in pounds."]
    problems = []
    requested = proposal.amount_requested_pence
    if requested is not None and amount > requested:
        problems.append(f"{pounds(amount)} is more than the {pounds(requested)} {label} requested.")
    ceiling, whose = challenge.max_award_pence, "the ceiling for each award"
    statements = {s.id: s for s in db_challenges.statements_of(session, challenge.id)}
    statement = statements.get(proposal.statement_id)
    if statement is not None and statement.max_award_pence is not None:
        ceiling, whose = statement.max_award_pence, f"the ceiling for {statement.title}"
    if amount > ceiling:
        problems.append(f"{pounds(amount)} is above {pounds(ceiling)}, {whose}.")
    others = db_decisions.awarded_pence(session, challenge.id)
    existing = db_decisions.find_decision(session, proposal.id, DecisionStage.AWARD)
    if existing is not None and existing.outcome == YES:
        others -= existing.amount_pence or 0
    if others + amount > challenge.budget_pence:
        left = max(challenge.budget_pence - others, 0)
        problems.append(
            f"Awarding {pounds(amount)} would bring the awards to {pounds(others + amount)}, "
            f"above the {pounds(challenge.budget_pence)} budget: {pounds(others)} is already "
            f"awarded, so {pounds(left)} is left."
        )
    return problems


def _write_award(session, actor, proposal_id, existing, award, amount, text, now) -> None:  # type: ignore[no-untyped-def]
    outcome = YES if award else NO
    before = None
    if existing is None:
        existing = Decision(
            proposal_id=proposal_id,
            stage=DecisionStage.AWARD.value,
            outcome=outcome,
            decided_by_id=actor.id,
            decided_at=now,
        )
        session.add(existing)
    else:
        before = {
            "outcome": existing.outcome,
            "amount_pence": existing.amount_pence,
            "rationale": existing.rationale,
        }
        existing.version += 1
    existing.outcome = outcome
    existing.amount_pence = amount if award else None
    existing.rationale = text
    existing.decided_by_id, existing.decided_at = actor.id, now
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="decision.awarded" if award else "decision.not_awarded",
        object_type="decision",
        object_id=existing.id,
        before=before,
        after={
            "proposal_id": proposal_id,
            "stage": "award",
            "outcome": outcome,
            "amount_pence": existing.amount_pence,
            "rationale": text,
            "released": False,
        },
    )
