"""Single sign-on: an identity confirmed by the organisation's OpenID Connect provider.

Single sign-on signs people into accounts that already exist (organisers and judges join by
invite; applicants register). The first time, the account is found by its email and the
provider's subject is remembered; after that the subject alone identifies the person.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db.audit import record_event
from civic_challenge.domain.accounts import normalise_email
from civic_challenge.services.accounts import UserView
from civic_challenge.services.sessions import SignInResult, start_session

if TYPE_CHECKING:
    from sqlmodel import Session

NO_ACCOUNT = (
    "Single sign-on worked, but no active account here matches it. Judges and organisers "
    "need an invite from the organisers first; applicants can register."
)


def sign_in_with_sso(
    *, session: Session, subject: str, email: str | None, email_verified: bool, now: datetime
) -> SignInResult:
    """Open a session for the account this identity belongs to, or say why not."""
    user = db_accounts.find_user_by_subject(session, subject) if subject else None
    if user is None and email and email_verified:
        user = db_accounts.find_user_by_email(session, normalise_email(email))
        if user is not None and user.sso_subject not in (None, subject):
            user = None  # this email already belongs to another single sign-on identity
        elif user is not None and user.sso_subject is None:
            user.sso_subject = subject
            record_event(
                session,
                actor_id=user.id,
                action="account.sso_linked",
                object_type="user",
                object_id=user.id,
                after={"subject": subject},
            )
    if user is None or not user.is_active or user.is_demo:
        return SignInResult(message=NO_ACCOUNT)
    view = UserView.of(user)
    return SignInResult(user=view, token=start_session(session=session, user_id=view.id, now=now))
