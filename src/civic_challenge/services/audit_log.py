"""The audit log (organisers): read-only, filtered by action, person and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import exports as db_exports
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

MAX_ROWS = 1000


@dataclass(frozen=True)
class AuditChoices:
    actions: tuple[str, ...]
    actors: dict[int, str]  # user id -> "Name (email)"


def audit_choices(*, session: Session, actor: UserView) -> AuditChoices:
    actor = acting(session, actor, Role.ORGANISER)
    return AuditChoices(tuple(db_exports.audit_actions(session)), db_exports.audit_actors(session))


def list_audit_events(
    *,
    session: Session,
    actor: UserView,
    action: str | None = None,
    actor_id: int | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
    limit: int = MAX_ROWS,
) -> pd.DataFrame:
    """Events newest first (db.exports.AUDIT_COLUMNS), days inclusive, in UTC."""
    actor = acting(session, actor, Role.ORGANISER)
    if first_day and last_day and first_day > last_day:
        raise InvalidInput({"dates": ["The first day must not be after the last day."]})
    since = datetime.combine(first_day, time(), UTC) if first_day else None
    until = datetime.combine(last_day + timedelta(days=1), time(), UTC) if last_day else None
    return db_exports.audit_events(
        session,
        action=action or None,
        actor_id=actor_id,
        since=since,
        until=until,
        limit=max(1, min(int(limit), MAX_ROWS)),
    )
