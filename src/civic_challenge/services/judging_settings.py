"""Judging settings (organisers): reviews per proposal, load cap, blind review, who sees
whose scores, and when judging closes. Also the current challenge for the judging services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import assignments as db_assignments
from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import judging as db_judging
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Challenge
from civic_challenge.domain.terms import Role, ScoreVisibility
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import ChangedElsewhere, NotFound, raise_if_problems
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

STALE = "These settings were changed elsewhere. Reload to see the latest."
K_MAX = 20


@dataclass(frozen=True)
class JudgingSettings:
    reviews_per_proposal: int
    judge_load_cap: int
    blind_review: bool
    score_visibility: ScoreVisibility
    judging_closes_at: datetime
    closes_at: datetime
    phase: str
    version: int


def current_challenge(session: Session, *, lock: bool = False) -> Challenge:
    """The challenge judging is about, or NotFound with what to do."""
    challenge = db_challenges.current_challenge(session)
    if challenge is None or challenge.id is None:
        raise NotFound("There is no challenge yet. Set one up first.")
    if lock:
        challenge = db_judging.lock_challenge(session, challenge.id) or challenge
    return challenge


def get_judging_settings(*, session: Session, actor: UserView) -> JudgingSettings:
    actor = acting(session, actor, Role.ORGANISER)
    return _view(current_challenge(session))


def _view(challenge: Challenge) -> JudgingSettings:
    return JudgingSettings(
        reviews_per_proposal=challenge.reviews_per_proposal,
        judge_load_cap=challenge.judge_load_cap,
        blind_review=challenge.blind_review,
        score_visibility=ScoreVisibility(challenge.score_visibility),
        judging_closes_at=challenge.judging_closes_at,
        closes_at=challenge.closes_at,
        phase=challenge.phase,
        version=challenge.version,
    )


def update_judging_settings(
    *,
    session: Session,
    actor: UserView,
    reviews_per_proposal: int,
    judge_load_cap: int,
    blind_review: bool,
    score_visibility: str,
    judging_closes_at: datetime,
    version: int,
    now: datetime,
) -> JudgingSettings:
    """Save all settings at once; `version` is the one the form was drawn from."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    if challenge.version != version:
        raise ChangedElsewhere(STALE)
    raise_if_problems(
        {
            "reviews_per_proposal": _between(
                reviews_per_proposal, 1, K_MAX, "Reviews per proposal"
            ),
            "judge_load_cap": _between(judge_load_cap, 1, 10_000, "The load cap"),
            "score_visibility": []
            if score_visibility in {v.value for v in ScoreVisibility}
            else ["Choose when judges may see other judges' scores."],
            "judging_closes_at": _closing_problems(challenge, judging_closes_at),
        }
    )
    before = _audited(challenge)
    challenge.reviews_per_proposal = reviews_per_proposal
    challenge.judge_load_cap = judge_load_cap
    challenge.blind_review = blind_review
    challenge.score_visibility = score_visibility
    challenge.judging_closes_at = judging_closes_at
    challenge.version += 1
    challenge.data_version += 1
    db_assignments.set_due_dates(session, challenge.id, judging_closes_at)
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="judging.settings_changed",
        object_type="challenge",
        object_id=challenge.id,
        before=before,
        after=_audited(challenge),
    )
    return _view(challenge)


def _between(value: int, low: int, high: int, what: str) -> list[str]:
    if not low <= value <= high:
        return [f"{what} must be a whole number from {low} to {high:,}; it was {value}."]
    return []


def _closing_problems(challenge: Challenge, closes: datetime) -> list[str]:
    if closes.tzinfo is None:
        return ["Give the closing time with its time zone."]
    if closes <= challenge.closes_at:
        return ["Judging must close after the deadline for proposals."]
    return []


def _audited(challenge: Challenge) -> dict:
    return {
        "reviews_per_proposal": challenge.reviews_per_proposal,
        "judge_load_cap": challenge.judge_load_cap,
        "blind_review": challenge.blind_review,
        "score_visibility": challenge.score_visibility,
        "judging_closes_at": challenge.judging_closes_at.isoformat(),
    }
