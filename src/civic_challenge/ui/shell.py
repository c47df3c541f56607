"""What every page shares: the sidebar's "signed in as" line and sign-out button."""

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.ui import auth, feedback
from civic_challenge.ui.text import plain

ROLE_NAMES = {"applicant": "Applicant", "judge": "Judge", "organiser": "Organiser"}


def sidebar(user: UserView | None) -> None:
    with st.sidebar:
        if user is None:
            st.caption("Not signed in.")
            return
        st.caption(f"Signed in as **{plain(user.name)}** ({ROLE_NAMES[user.role]})")
        if st.button("Sign out", key="sidebar_sign_out", icon=":material/logout:"):
            sign_out_and_leave()


def sign_out_and_leave() -> None:
    auth.sign_out()
    feedback.flash("success", "You have signed out.")
    st.switch_page("pages/landing.py")
