"""Civic Challenge: the entry point. Page set-up, then one run of the app (ui/shell.py): who is
signed in, the pages their role may open (st.navigation), the sidebar, the page."""

import streamlit as st

from civic_challenge.ui import shell

st.set_page_config(page_title="Civic Challenge", page_icon="🏙️", layout="wide")
shell.run_app()
