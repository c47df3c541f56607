"""One-time invite links through which judges, organisers and co-applicants join.

Organisers invite judges and organisers; an applicant invites colleagues to their own
organisation, who join it with the same rights.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from civic_challenge.config import get_settings
from civic_challenge.db import accounts as db_accounts
from civic_challenge.db import organisations as db_organisations
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Invite
from civic_challenge.domain.accounts import email_problems, normalise_email
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView, create_user
from civic_challenge.services.errors import PermissionDenied, ServiceError, raise_if_problems
from civic_challenge.services.mail.links import page_link
from civic_challenge.services.mail.notices import queue_invite
from civic_challenge.services.permissions import acting
from civic_challenge.services.sessions import token_hash

if TYPE_CHECKING:
    from sqlmodel import Session

INVITABLE = (Role.JUDGE, Role.ORGANISER)


class InviteInvalid(ServiceError):
    """The link is unknown, used or expired; the message says which and what to do."""


@dataclass(frozen=True)
class InviteView:
    email: str
    role: Role
    expires_at: datetime
    organisation_name: str | None = None


def create_invite(
    *,
    session: Session,
    actor: UserView,
    email: str,
    role: Role,
    now: datetime,
    base_url: str | None = None,
) -> str:
    """A new invite, emailed to the person; returns the one-time token for the link (only its
    hash is stored). An earlier open invite for the same email and role stops working.

    Organisers invite judges and organisers. Applicants invite co-applicants (role APPLICANT)
    to their own organisation only, and only once it exists.
    """
    actor = acting(session, actor)
    organisation_id = None
    problems = {"email": email_problems(email), "role": []}
    if actor.role is Role.APPLICANT:
        if role is not Role.APPLICANT:
            raise PermissionDenied("Applicants can invite colleagues to their own organisation.")
        organisation_id = _inviting_organisation(session, actor)
    else:
        actor = acting(session, actor, Role.ORGANISER)
        if role not in INVITABLE:
            problems["role"] = ["Invite judges or organisers; applicants register themselves."]
    if not problems["email"] and db_accounts.find_user_by_email(session, normalise_email(email)):
        problems["email"] = ["Someone with this email already has an account."]
    raise_if_problems(problems)
    db_accounts.expire_open_invites(session, normalise_email(email), role.value, now)
    token = secrets.token_urlsafe(32)
    invite = Invite(
        token_hash=token_hash(token),
        email=normalise_email(email),
        role=role.value,
        organisation_id=organisation_id,
        created_by_id=actor.id,
        created_at=now,
        expires_at=now + timedelta(days=get_settings().invite_days),
    )
    session.add(invite)
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="invite.created",
        object_type="invite",
        object_id=invite.id,
        after={"email": invite.email, "role": invite.role, "organisation_id": organisation_id},
    )
    organisation = organisation_id and db_organisations.get_organisation(session, organisation_id)
    queue_invite(
        session,
        email=invite.email,
        role=invite.role,
        link=page_link(base_url, "accept_invite", token=token) or f"invite code {token}",
        inviter=actor.name,
        organisation=organisation.name if organisation else None,
        expires_at=invite.expires_at,
        now=now,
    )
    return token


def _inviting_organisation(session: Session, actor: UserView) -> int:
    user = db_accounts.get_user(session, actor.id)
    if user is None or user.organisation_id is None:
        raise ServiceError(
            "Fill in your organisation's profile first; then you can invite colleagues to it."
        )
    return user.organisation_id


def _usable_invite(session: Session, token: str, now: datetime) -> Invite:
    invite = db_accounts.find_invite(session, token_hash(token)) if 0 < len(token) <= 200 else None
    if invite is None:
        raise InviteInvalid(
            "This invite link is not valid. Check you copied the whole link, "
            "or ask the organisers for a new one."
        )
    if invite.used_at is not None:
        raise InviteInvalid("This invite link has already been used. Sign in instead.")
    if invite.expires_at <= now:
        raise InviteInvalid("This invite link has expired. Ask the organisers for a new one.")
    return invite


def describe_invite(*, session: Session, token: str, now: datetime) -> InviteView:
    invite = _usable_invite(session, token, now)
    organisation = (
        None
        if invite.organisation_id is None
        else db_organisations.get_organisation(session, invite.organisation_id)
    )
    name = None if organisation is None else organisation.name
    return InviteView(invite.email, Role(invite.role), invite.expires_at, name)


def accept_invite(
    *, session: Session, token: str, name: str, password: str, repeat: str, now: datetime
) -> UserView:
    """Create the invited account and spend the invite, in the caller's one transaction."""
    invite = _usable_invite(session, token, now)
    if db_accounts.find_user_by_email(session, invite.email):
        raise InviteInvalid("An account with this email already exists. Sign in instead.")
    user = create_user(
        session=session,
        email=invite.email,
        name=name,
        password=password,
        repeat=repeat,
        role=Role(invite.role),
    )
    invite.used_at = now
    invite.used_by_id = user.id
    row = db_accounts.get_user(session, user.id)
    assert row is not None
    row.email_verified_at = now  # the invite reached this address
    if invite.organisation_id is not None:
        db_organisations.join_organisation(session, user.id, invite.organisation_id)
        record_event(
            session,
            actor_id=user.id,
            action="organisation.joined",
            object_type="organisation",
            object_id=invite.organisation_id,
            after={"user_id": user.id, "invite_id": invite.id},
        )
        user = replace(user, organisation_id=invite.organisation_id)
    return user
