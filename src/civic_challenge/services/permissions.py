"""Permission checks every service makes with the acting user: pages are never trusted.

The user a page hands in was read when the page began; a service reads the person again inside
its own unit of work, so an account deactivated or given another role since is refused at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import PermissionDenied

if TYPE_CHECKING:
    from sqlmodel import Session

_ROLE_NAMES = {Role.APPLICANT: "applicants", Role.JUDGE: "judges", Role.ORGANISER: "organisers"}
SIGN_IN = "Sign in first."
NO_LONGER_ACTIVE = "Your account is no longer active. Ask an organiser if you need it back."
ROLE_CHANGED = "Your role has changed since this page opened. Reload the page to carry on."


def acting(session: Session, actor: UserView | None, *roles: Role) -> UserView:
    """The acting user as stored now, refused unless active, in the role the page knew and, when
    `roles` are given, in one of them. One primary-key read, answered from the session's
    identity map when a service calls another in the same unit of work."""
    if actor is None:
        raise PermissionDenied(SIGN_IN)
    user = db_accounts.get_user(session, actor.id)
    if user is None or not user.is_active:
        raise PermissionDenied(NO_LONGER_ACTIVE)
    if user.role != actor.role.value:
        raise PermissionDenied(ROLE_CHANGED)
    if roles and actor.role not in roles:
        allowed = " and ".join(_ROLE_NAMES[role] for role in roles)
        raise PermissionDenied(f"Only {allowed} can do that.")
    return UserView.of(user)
