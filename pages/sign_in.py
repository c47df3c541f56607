"""Sign in with email and password."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.sessions import sign_in
from civic_challenge.ui import auth, feedback, shell, single_sign_on
from civic_challenge.ui.database import db_session
from civic_challenge.ui.links import client_address
from civic_challenge.ui.text import plain

shell.begin_page("Sign in")
if single_sign_on.configured():
    st.button(
        "Sign in with your organisation's account",
        on_click=single_sign_on.start,
        icon=":material/key:",
        help="Single sign-on, for judges and organisers invited here.",
    )
    st.caption("Or sign in with the email and password you chose here:")
with st.form("sign_in"):
    email = st.text_input(
        "Email",
        max_chars=254,
        autocomplete="email",
    )
    st.caption("The email address you registered with or were invited at.")
    password = st.text_input(
        "Password",
        type="password",
        max_chars=128,
        autocomplete="current-password",
    )
    st.caption("Passwords are case-sensitive.")
    submitted = st.form_submit_button("Sign in", type="primary")

if submitted:
    with db_session() as session:
        result = sign_in(
            session=session,
            email=email,
            password=password,
            now=now(),
            source=client_address(),
        )
    if result.user is None:
        st.error(result.message, icon=":material/error:")
    else:
        auth.sign_in_as(result.user, result.token)
        feedback.flash("success", f"Welcome, {plain(result.user.name)}.")
        st.switch_page("pages/landing.py")

st.page_link(
    "pages/forgot_password.py", label="Forgot your password?", icon=":material/lock_reset:"
)
st.page_link(
    "pages/register.py", label="New here? Register your organisation", icon=":material/person_add:"
)
