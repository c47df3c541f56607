"""How every set-up change is made: under a lock, checked against the version the organiser saw
(optimistic locking), audited with its before and after values, and bumping the data version that
the dashboard's cache keys on."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from civic_challenge.db import queries as db_queries
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Challenge, ChallengeStatement, Theme
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import ChangedElsewhere, NotFound
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

STALE = "{what} was changed by someone else since you opened this page. Reload to see it."


def locked_challenge(session: Session, version: int) -> Challenge:
    """The challenge, locked for this change; refused if it changed since the organiser saw it."""
    challenge = current_challenge(session, lock=True)
    if challenge.version != version:
        raise ChangedElsewhere(STALE.format(what="The challenge"))
    return challenge


_Row = TypeVar("_Row", Theme, ChallengeStatement)


def checked_row(row: _Row | None, challenge_id: int | None, version: int | None, what: str) -> _Row:
    """A theme or statement locked for a change: refused if it is gone, belongs to another
    challenge, or changed since the organiser saw it."""
    if row is None or row.challenge_id != challenge_id:
        raise NotFound(f"That {what} no longer exists.")
    if row.version != version:
        raise ChangedElsewhere(STALE.format(what=f"This {what}"))
    return row


def save_challenge_change(
    session: Session,
    actor: UserView,
    challenge: Challenge,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    now: datetime,
) -> None:
    """Store a change made to the challenge row itself: a new version, audited."""
    acting(session, actor, Role.ORGANISER)
    challenge.version += 1
    session.flush()
    record_change(
        session,
        actor,
        challenge.id,
        action=action,
        object_type="challenge",
        object_id=challenge.id,
        before=before,
        after=after,
        now=now,
    )


def record_change(
    session: Session,
    actor: UserView,
    challenge_id: int | None,
    *,
    action: str,
    object_type: str,
    object_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    now: datetime,
) -> None:
    """Bump the data version the dashboard's cache keys on, and audit the change, with when."""
    actor = acting(session, actor, Role.ORGANISER)
    db_queries.bump_data_version(session, challenge_id)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after | {"at": now.isoformat()},
    )


def counted(n: int, noun: str) -> str:
    """'1 proposal', '3 proposals': for the reasons a removal is refused."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def too_long(what: str, text: str, limit: int) -> list[str]:
    """'The name is 100,000 characters: 99,800 too many (the limit is 200).'"""
    if len(text) <= limit:
        return []
    return [
        f"The {what} is {len(text):,} characters: {len(text) - limit:,} too many (the limit is "
        f"{limit:,}). Shorten it, then save again."
    ]
