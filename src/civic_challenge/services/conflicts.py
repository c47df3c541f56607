"""Conflicts of interest: judges declare them, the system suggests them, organisers decide.

A declared conflict counts as confirmed at once; a suggested one blocks only once an organiser
confirms it. Blocking conflicts are hard constraints for assignment and for every judge service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import judging as db_judging
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Conflict
from civic_challenge.domain.conflicts import JudgeIdentity, OrganisationIdentity, suggest_conflicts
from civic_challenge.domain.reviews import reason_problems
from civic_challenge.domain.terms import ConflictSource, ConflictStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import NotFound, ServiceError, raise_if_problems
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class ConflictView:
    id: int
    judge_id: int
    judge_name: str
    judge_email: str
    organisation_id: int
    organisation_name: str
    reason: str
    source: ConflictSource
    status: ConflictStatus

    @property
    def blocking(self) -> bool:
        return self.status is ConflictStatus.CONFIRMED or (
            self.source is ConflictSource.DECLARED and self.status is not ConflictStatus.DISMISSED
        )


@dataclass(frozen=True)
class Declaration:
    """What a judge's Conflicts page shows: organisations to choose from and what they declared."""

    organisations: dict[int, str]
    conflicts: tuple[ConflictView, ...]
    confirmed: bool


def _views(rows: list[tuple]) -> tuple[ConflictView, ...]:
    return tuple(
        ConflictView(
            c.id,
            c.judge_id,
            judge,
            email,
            c.organisation_id,
            organisation,
            c.reason,
            ConflictSource(c.source),
            ConflictStatus(c.status),
        )
        for c, judge, email, organisation in rows
    )


def my_declaration(*, session: Session, actor: UserView) -> Declaration:
    """For a judge: the entered organisations' names and their own blocking conflicts.

    Pending or dismissed suggestions are the organisers' business and are not shown.
    """
    actor = acting(session, actor, Role.JUDGE)
    challenge = current_challenge(session)
    organisations = db_judging.entered_organisations(session, challenge.id)
    mine = [v for v in _views(db_judging.conflict_rows(session, actor.id)) if v.blocking]
    return Declaration(
        {o.id: o.name for o in organisations},
        tuple(mine),
        db_judging.declaration_confirmed(session, actor.id, challenge.id),
    )


def has_confirmed_declaration(*, session: Session, actor: UserView) -> bool:
    actor = acting(session, actor, Role.JUDGE)
    challenge = current_challenge(session)
    return db_judging.declaration_confirmed(session, actor.id, challenge.id)


def declare_conflict(
    *, session: Session, actor: UserView, organisation_id: int | None, reason: str, now: datetime
) -> None:
    actor = acting(session, actor, Role.JUDGE)
    challenge = current_challenge(session)
    entered = {o.id for o in db_judging.entered_organisations(session, challenge.id)}
    raise_if_problems(
        {
            "organisation": []
            if organisation_id in entered
            else ["Choose an organisation from the list."],
            "reason": reason_problems(reason, what="reason (e.g. 'I advised them in 2017')"),
        }
    )
    assert organisation_id is not None
    row = db_judging.find_conflict(session, actor.id, organisation_id)
    before = None if row is None else {"source": row.source, "status": row.status}
    if row is None:
        row = Conflict(judge_id=actor.id, organisation_id=organisation_id)
        session.add(row)
    row.source = ConflictSource.DECLARED.value
    row.status = ConflictStatus.CONFIRMED.value
    row.reason = reason.strip()
    row.decided_at = now
    row.decided_by_id = actor.id
    session.flush()
    rankings_changed(session, challenge.id)  # a review by this judge may no longer count
    _record(session, actor, "conflict.declared", row, before)


def confirm_declaration(*, session: Session, actor: UserView, now: datetime) -> None:
    """The judge says their list is complete (it may be empty): proposals open after this."""
    actor = acting(session, actor, Role.JUDGE)
    challenge = current_challenge(session)
    if db_judging.declaration_confirmed(session, actor.id, challenge.id):
        return
    db_judging.confirm_declaration(session, actor.id, challenge.id, now)
    record_event(
        session,
        actor_id=actor.id,
        action=db_judging.DECLARATION_CONFIRMED,
        object_type="challenge",
        object_id=challenge.id,
        after={"at": now.isoformat()},
    )


def suggest_likely_conflicts(*, session: Session, actor: UserView, now: datetime) -> int:
    """Add a pending suggestion for every likely pair not yet on record; returns how many."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    judges = [JudgeIdentity(u.id, u.name, u.email) for u in db_judging.active_judges(session)]
    organisations = [
        OrganisationIdentity(o.id, o.name, o.website)
        for o in db_judging.entered_organisations(session, challenge.id)
    ]
    added = 0
    for found in suggest_conflicts(judges, organisations):
        if db_judging.find_conflict(session, found.judge_id, found.organisation_id) is None:
            session.add(
                Conflict(
                    judge_id=found.judge_id,
                    organisation_id=found.organisation_id,
                    reason=found.reason[:500],
                    source=ConflictSource.SUGGESTED.value,
                    status=ConflictStatus.PENDING.value,
                    created_at=now,
                )
            )
            added += 1
    session.flush()
    return added


def list_conflicts(*, session: Session, actor: UserView) -> tuple[ConflictView, ...]:
    actor = acting(session, actor, Role.ORGANISER)
    return _views(db_judging.conflict_rows(session))


def decide_conflict(
    *, session: Session, actor: UserView, conflict_id: int, confirm: bool, now: datetime
) -> None:
    """Confirm or dismiss a suggestion. A judge's own declaration cannot be dismissed."""
    actor = acting(session, actor, Role.ORGANISER)
    row = db_judging.lock_conflict(session, conflict_id)
    if row is None:
        raise NotFound("That conflict no longer exists. Reload the page.")
    if row.source == ConflictSource.DECLARED.value and not confirm:
        raise ServiceError("A judge declared this conflict themselves; it cannot be dismissed.")
    before = {"source": row.source, "status": row.status}
    row.status = (ConflictStatus.CONFIRMED if confirm else ConflictStatus.DISMISSED).value
    row.decided_at = now
    row.decided_by_id = actor.id
    session.flush()
    challenge = current_challenge(session)
    rankings_changed(session, challenge.id)  # type: ignore[arg-type]
    _record(session, actor, "conflict.decided", row, before)


def _record(session, actor, action, row, before) -> None:  # type: ignore[no-untyped-def]
    record_event(
        session,
        actor_id=actor.id,
        action=action,
        object_type="conflict",
        object_id=row.id,
        before=before,
        after={"source": row.source, "status": row.status, "reason": row.reason},
    )
