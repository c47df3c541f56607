"""What every page shares: the app's frame around each run, the sidebar, the start of a page."""

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.challenges import has_challenge
from civic_challenge.ui import auth, feedback, navigation
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.text import plain

ROLE_NAMES = {"applicant": "Applicant", "judge": "Judge", "organiser": "Organiser"}
IN_APP_KEY = "civic_in_app_run"


@contextmanager
def app_run() -> Iterator[None]:
    """Marks this run as started by app.py, which is what makes sign-in and navigation apply."""
    st.session_state[IN_APP_KEY] = True
    try:
        yield
    finally:
        st.session_state.pop(IN_APP_KEY, None)


def begin_page(
    title: str, *, signed_in: bool = False, needs_challenge: bool = False
) -> UserView | None:
    """The first line of every page: its title, any message carried over, and who is here.

    On a server no one has visited yet, Streamlit runs a typed address such as /account as a
    script of its own, without app.py (a legacy of its `pages/` folder support, which only the
    first call of st.navigation in the process turns off). Such a run makes that call and opens
    the same page again, now through app.py, so sign-in and per-role navigation apply.
    """
    if not st.session_state.get(IN_APP_KEY):
        page_file = Path(inspect.stack()[1].filename).name
        st.navigation(navigation.every_page(), position="hidden")
        st.switch_page(f"pages/{page_file}", query_params=st.query_params.to_dict())
    st.title(title)
    feedback.show_flash()
    user = auth.current_user()
    if signed_in and user is None:
        st.info("Sign in to see this page.", icon=":material/info:")
        st.page_link("pages/sign_in.py", label="Sign in", icon=":material/login:")
        st.stop()
    if needs_challenge and not _challenge_exists():
        st.info(
            "No challenge has been set up yet, so there is nothing here.", icon=":material/info:"
        )
        if user is not None and user.role == "organiser":
            st.page_link("pages/setup.py", label="Set up the challenge", icon=":material/settings:")
        st.stop()
    return user


def _challenge_exists() -> bool:
    with db_reader() as session:
        return has_challenge(session=session)


def sidebar(user: UserView | None) -> None:
    with st.sidebar:
        if user is None:
            st.caption("Not signed in.")
        else:
            st.caption(f"Signed in as **{plain(user.name)}** ({ROLE_NAMES[user.role]})")
            if st.button("Sign out", key="sidebar_sign_out", icon=":material/logout:"):
                sign_out_and_leave()
        auth.sync_cookie(user)


def sign_out_and_leave() -> None:
    auth.sign_out()
    feedback.flash("success", "You have signed out.")
    st.switch_page("pages/landing.py")
