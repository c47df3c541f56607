"""Set-up (organisers): create the challenge on a fresh install; then its phase, themes as
strategy priorities, statements with partners, and the challenge's own facts."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import NotFound
from civic_challenge.services.new_challenge import create_challenge
from civic_challenge.services.setup import get_setup
from civic_challenge.ui import (
    new_challenge,
    setup,
    setup_challenge,
    setup_phase,
    setup_statements,
    setup_themes,
    shell,
)
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Set-up", signed_in=True)
try:
    with db_reader() as session:
        view = get_setup(session=session, actor=actor)
except NotFound:
    if (draft := new_challenge.create_form(now())) is not None:
        setup.act(
            new_challenge.FORM, create_challenge, new_challenge.created, actor, {"draft": draft}
        )
    st.caption("To try the app on example data instead, run `civic-challenge seed-demo`.")
    st.stop()

st.header("Phase", divider="gray")
setup_phase.phase_section(actor, view)

st.header("Themes: the strategy's priorities", divider="gray")
setup_themes.themes_table(view)
setup_themes.theme_section(actor, view)

st.header("Challenge statements and partners", divider="gray")
setup_statements.statements_table(view)
setup_statements.statement_section(actor, view)

st.header("The challenge", divider="gray")
setup_challenge.challenge_section(actor, view)
