"""Who is signed in: restored on every run from this tab's state or the browser's cookie."""

import streamlit as st

from civic_challenge.services import sessions
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.single_sign_on import sign_in_with_sso
from civic_challenge.ui import cookies, feedback, navigation, single_sign_on
from civic_challenge.ui.database import db_reader, db_session

TOKEN_KEY = "civic_token"  # noqa: S105 (a session-state key, not a secret)
USER_KEY = "civic_user"
ENDED_KEY = "civic_ended_tokens"
REFUSED_KEY = "civic_refused_identities"
WROTE_KEY = "civic_wrote_cookie"
GO_HOME_KEY = "civic_go_home"


def restore_user() -> UserView | None:
    """The signed-in user, or None. A dead cookie (expired, forged, signed out) is ignored.
    Read-only on most reruns: a write transaction only to touch the session or delete it."""
    token = st.session_state.get(TOKEN_KEY) or _live_cookie_token()
    if not token:
        return _from_single_sign_on()
    with db_reader() as session:
        check = sessions.check_token(session=session, token=token, now=now())
    user = check.user
    if check.needs_write:  # at most once a minute, or to delete a dead session
        with db_session() as session:
            user = sessions.user_for_token(session=session, token=token, now=now())
    if user is None:
        _end(token)
        feedback.flash("info", "Your session has ended. Sign in again to carry on.")
        return _forget()
    st.session_state[TOKEN_KEY] = token
    st.session_state[USER_KEY] = user
    return user


def _from_single_sign_on() -> UserView | None:
    """Someone the provider vouches for, signed into their account here (once per identity)."""
    who = single_sign_on.identity()
    if who is None or who.subject in st.session_state.get(REFUSED_KEY, set()):
        return _forget()
    with db_session() as session:
        result = sign_in_with_sso(
            session=session,
            subject=who.subject,
            email=who.email,
            email_verified=who.email_verified,
            now=now(),
        )
    if result.user is None:
        st.session_state.setdefault(REFUSED_KEY, set()).add(who.subject)
        feedback.flash("error", result.message)
        return _forget()
    sign_in_as(result.user, result.token)
    return result.user


def session_token() -> str | None:
    """This tab's session token (kept when the password changes; every other one ends)."""
    return st.session_state.get(TOKEN_KEY)


def current_user() -> UserView | None:
    return st.session_state.get(USER_KEY)


def sign_in_as(user: UserView, token: str) -> None:
    st.session_state[TOKEN_KEY] = token
    st.session_state[USER_KEY] = user
    st.session_state[GO_HOME_KEY] = True


def go_home_if_just_signed_in(user: UserView | None) -> None:
    """After signing in, open the person's own starting page (built into this run's navigation)."""
    if user is not None and st.session_state.pop(GO_HOME_KEY, False):
        st.switch_page(navigation.home_of(user))


def sign_out() -> None:
    token = st.session_state.get(TOKEN_KEY)
    if token:
        with db_session() as session:
            sessions.sign_out(session=session, token=token)
        _end(token)
    _forget()
    single_sign_on.end()


def sync_cookie(user: UserView | None) -> None:
    """Keep the browser's cookie in step: the live token when signed in, nothing otherwise.

    Cleared also when this tab wrote one itself: the browser's cookie is read only when the tab
    connects, so after signing in and out in one tab it would not show.
    """
    if user is not None:
        cookies.write_cookie(st.session_state[TOKEN_KEY])
        st.session_state[WROTE_KEY] = True
    elif cookies.cookie_token() or st.session_state.get(WROTE_KEY):
        cookies.clear_cookie()


def _live_cookie_token() -> str | None:
    token = cookies.cookie_token()
    return None if token in st.session_state.get(ENDED_KEY, set()) else token


def _end(token: str) -> None:
    st.session_state.setdefault(ENDED_KEY, set()).add(token)


def _forget() -> None:
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(USER_KEY, None)
    return None
