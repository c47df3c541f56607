"""What every page shares: the app's frame around each run, the sidebar, the start of a page."""

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.challenges import has_challenge
from civic_challenge.ui import a11y, auth, feedback, navigation
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.mail_sender import start_mail_sender
from civic_challenge.ui.text import plain
from civic_challenge.ui.unavailable import database_unavailable_message

ROLE_NAMES = {"applicant": "Applicant", "judge": "Judge", "organiser": "Organiser"}
IN_APP_KEY = "civic_in_app_run"


def run_app() -> None:
    """One run of the app: who is signed in, the pages they may open, the sidebar, the page."""
    with _app_run(), database_unavailable_message():
        start_mail_sender()
        user = auth.restore_user()
        page = st.navigation(navigation.pages_for(user), position="hidden")
        a11y.style()
        auth.go_home_if_just_signed_in(user)
        sidebar(user)
        page.run()


@contextmanager
def _app_run() -> Iterator[None]:
    """Marks this run as going through run_app, which is what makes sign-in and navigation
    apply; the mark is gone after the run, however it ends."""
    st.session_state[IN_APP_KEY] = True
    try:
        yield
    finally:
        st.session_state.pop(IN_APP_KEY, None)


def begin_page(
    title: str, *, signed_in: bool = False, needs_challenge: bool = False
) -> UserView | None:
    """The first line of every page: its title, any message carried over, and who is here.

    On a server no one has visited yet (and in every AppTest run), Streamlit runs a page file
    on its own, without app.py: a legacy of its `pages/` folder support, which only a call of
    st.navigation turns off. Such a run goes through run_app here and now, which runs this same
    page (its address matches its file name) with sign-in and per-role navigation; then the
    bare run stops. Nothing is rerun, so no click is lost.
    """
    if not st.session_state.get(IN_APP_KEY):
        run_app()
        st.stop()
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
        navigation.sidebar_links(user)
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
