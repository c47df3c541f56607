"""Civic Challenge: the entry point. Page set-up, who is signed in, and the pages they may open."""

import streamlit as st

from civic_challenge.ui import auth, navigation, shell

st.set_page_config(page_title="Civic Challenge", page_icon="🏙️", layout="wide")
with shell.app_run():
    user = auth.restore_user()
    page = st.navigation(navigation.pages_for(user))
    auth.go_home_if_just_signed_in(user)
    shell.sidebar(user)
    page.run()
