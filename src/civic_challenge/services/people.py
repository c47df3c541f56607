"""The People page: who has an account, open invites, deactivating users."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.audit import record_event
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound, ServiceError
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


def list_people(*, session: Session, actor: UserView) -> pd.DataFrame:
    actor = acting(session, actor, Role.ORGANISER)
    return db_accounts.people_frame(session)


def list_open_invites(*, session: Session, actor: UserView, now: datetime) -> pd.DataFrame:
    actor = acting(session, actor, Role.ORGANISER)
    return db_accounts.open_invites_frame(session, now)


def deactivate_user(*, session: Session, actor: UserView, user_id: int) -> None:
    """Stop a user signing in and end every session they have open."""
    actor = acting(session, actor, Role.ORGANISER)
    if user_id == actor.id:
        raise ServiceError("You cannot deactivate your own account. Ask another organiser.")
    user = db_accounts.lock_user(session, user_id)
    if user is None:
        raise NotFound("That user no longer exists.")
    if not user.is_active:
        return
    user.is_active = False
    user.version += 1
    db_accounts.delete_sessions_of(session, user_id)
    record_event(
        session,
        actor_id=actor.id,
        action="user.deactivated",
        object_type="user",
        object_id=user_id,
        before={"is_active": True},
        after={"is_active": False},
    )
