"""Applying a recommended slate (organisers) as one action: every shortlisted proposal not yet
released is awarded if the slate holds it, at the slate's amount, and not awarded otherwise.
The changes are listed first, so the organiser confirms exactly what will be recorded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import decisions as db_decisions
from civic_challenge.domain.money import pounds
from civic_challenge.domain.terms import DecisionOutcome, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.awards import decide_award
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

YES = DecisionOutcome.YES.value
SLATE_RATIONALE = "Applied from the recommended slate."


@dataclass(frozen=True)
class SlateChange:
    proposal_id: int
    reference: str
    award: bool
    amount_pence: int | None
    before: str
    after: str


def slate_changes(
    *,
    session: Session,
    actor: UserView,
    proposal_ids: tuple[int, ...],
    amounts: Mapping[int, int],
) -> tuple[SlateChange, ...]:
    """What applying the slate would change, decisions already released left as they are."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame = db_decisions.shortlisted_frame(session, challenge.id)  # type: ignore[arg-type]
    chosen = set(proposal_ids)
    changes = []
    for row in frame.itertuples():
        if pd.notna(row.award_released_at):
            continue
        award = int(row.proposal_id) in chosen
        amount = int(amounts.get(int(row.proposal_id), 0)) if award else None
        before = _words(row.award_outcome, row.award_pence)
        after = _words(YES if award else "no", amount)
        if before != after:
            changes.append(
                SlateChange(int(row.proposal_id), str(row.reference), award, amount, before, after)
            )
    missing = chosen - set(int(p) for p in frame.proposal_id)
    if missing:
        raise ServiceError(
            "The slate holds proposals that are no longer shortlisted. Reload the page."
        )
    return tuple(sorted(changes, key=lambda c: (c.award, c.reference)))


def apply_slate(
    *,
    session: Session,
    actor: UserView,
    proposal_ids: tuple[int, ...],
    amounts: Mapping[int, int],
    now: datetime,
) -> tuple[SlateChange, ...]:
    """Record every change at once (not-awards first, so their money is free for the awards);
    all or nothing: one refusal (a ceiling, the budget) leaves everything as it was."""
    changes = slate_changes(
        session=session, actor=actor, proposal_ids=proposal_ids, amounts=amounts
    )
    if not changes:
        raise ServiceError("The recorded decisions already match this slate: nothing to change.")
    for change in changes:
        decide_award(
            session=session,
            actor=actor,
            proposal_id=change.proposal_id,
            award=change.award,
            amount_pence=change.amount_pence,
            rationale=SLATE_RATIONALE,
            now=now,
        )
    return changes


def _words(outcome: object, amount: object) -> str:
    if outcome is None or (isinstance(outcome, float) and pd.isna(outcome)):
        return "Not decided"
    if outcome == YES:
        return f"Award {pounds(int(amount))}" if pd.notna(amount) else "Award"  # type: ignore[arg-type]
    return "Not awarded"
