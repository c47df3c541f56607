"""Moving the challenge from phase to phase (organisers), with guard rails that say what to do
first. Releasing decisions: services.releases."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import setup as db_setup
from civic_challenge.domain.proposals import deadline_words
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.permissions import acting
from civic_challenge.services.releases import release_decisions
from civic_challenge.services.setup_changes import locked_challenge, save_challenge_change

if TYPE_CHECKING:
    from sqlmodel import Session


def change_phase(
    *,
    session: Session,
    actor: UserView,
    phase: Phase,
    confirm: bool,
    version: int,
    now: datetime,
) -> None:
    """Move the challenge to `phase`, with guard rails that say what to do first.

    Judging cannot open while eligible proposals have no judges, or submitted proposals are
    not yet screened. Publishing releases every pending decision through releases.release_decisions
    (refused while reviews are missing unless confirmed). Published is final.
    """
    actor = acting(session, actor, Role.ORGANISER)
    challenge = locked_challenge(session, version)
    current, phase = Phase(challenge.phase), Phase(phase)
    if phase is current:
        raise ServiceError(f"The challenge is already in its {phase.value} phase.")
    if current is Phase.PUBLISHED:
        raise ServiceError(
            "Decisions have been published, so the challenge cannot move back to an earlier phase."
        )
    if phase is Phase.PUBLISHED:
        release_decisions(
            session=session, actor=actor, kind="awards", message="", confirm=confirm, now=now
        )
        return
    if phase is Phase.JUDGING:
        _judging_guard(session, challenge.id)
        if not confirm:
            _deadline_guard(session, challenge, now)
    before = {"phase": challenge.phase}
    challenge.phase = phase.value
    save_challenge_change(
        session,
        actor,
        challenge,
        "challenge.phase_changed",
        before,
        {"phase": phase.value},
        now=now,
    )


def _deadline_guard(session: Session, challenge, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """Closing submissions before the published deadline needs a confirmation that says what it
    costs applicants."""
    if now >= challenge.closes_at:
        return
    left = db_setup.drafts(session, challenge.id)
    days = (challenge.closes_at - now).days
    early = f"{days} days" if days != 1 else "1 day"
    raise ServiceError(
        f"The published deadline is {deadline_words(challenge.closes_at)}, {early} away. "
        f"Moving to judging now closes submissions early: {left} proposals still in draft "
        "could no longer be submitted. Tick the confirmation to move anyway, or wait for the "
        "deadline."
    )


def _judging_guard(session: Session, challenge_id) -> None:  # type: ignore[no-untyped-def]
    reasons = []
    waiting = db_setup.unscreened(session, challenge_id)
    if waiting:
        reasons.append(
            f"{waiting} submitted proposals are not screened yet: screen them on the Proposals "
            "page first."
        )
    unassigned = db_setup.unassigned_eligible(session, challenge_id)
    if unassigned:
        shown = ", ".join(unassigned[:8]) + (" and others" if len(unassigned) > 8 else "")
        reasons.append(
            f"{len(unassigned)} eligible proposals have no judges yet ({shown}): generate and "
            "publish assignments on the Assignments page first."
        )
    if reasons:
        raise ServiceError("Judging cannot open yet. " + " ".join(reasons))
