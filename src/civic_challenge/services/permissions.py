"""Permission checks every service makes with the acting user: pages are never trusted."""

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import PermissionDenied

_ROLE_NAMES = {Role.APPLICANT: "applicants", Role.JUDGE: "judges", Role.ORGANISER: "organisers"}


def require_role(actor: UserView | None, *roles: Role) -> UserView:
    if actor is None:
        raise PermissionDenied("Sign in first.")
    if actor.role not in roles:
        allowed = " and ".join(_ROLE_NAMES[role] for role in roles)
        raise PermissionDenied(f"Only {allowed} can do that.")
    return actor
