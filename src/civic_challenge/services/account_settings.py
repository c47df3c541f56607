"""What a signed-in person sets for themselves beyond their password: reminder emails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.audit import record_event
from civic_challenge.services.accounts import UserView
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class AccountStatus:
    email_confirmed: bool
    wants_reminders: bool


def _own_user(session: Session, actor: UserView | None, *, lock: bool = True):  # type: ignore[no-untyped-def]
    find = db_accounts.lock_user if lock else db_accounts.get_user
    user = find(session, acting(session, actor).id)
    assert user is not None
    return user


def account_status(*, session: Session, actor: UserView | None) -> AccountStatus:
    user = _own_user(session, actor, lock=False)
    return AccountStatus(user.email_verified_at is not None, user.wants_reminders)


def set_reminders(*, session: Session, actor: UserView | None, wanted: bool) -> None:
    """Turn reminder emails (reviews due) on or off for oneself."""
    user = _own_user(session, actor)
    if user.wants_reminders == wanted:
        return
    user.wants_reminders = wanted
    user.version += 1
    record_event(
        session, actor_id=user.id, action="account.reminders_set",
        object_type="user", object_id=user.id, after={"wants_reminders": wanted},
    )  # fmt: skip
