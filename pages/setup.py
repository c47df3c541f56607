"""Set-up (organisers): create the challenge on a fresh install; then its phase, themes as
strategy priorities, statements with partners, and the challenge's own facts."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import NotFound
from civic_challenge.services.new_challenge import create_challenge
from civic_challenge.services.phase import change_phase
from civic_challenge.services.setup import get_setup
from civic_challenge.services.statements import remove_statement, save_statement
from civic_challenge.services.themes import remove_theme, save_theme
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
if (moved := setup_phase.phase_form(view)) is not None:
    setup.act(setup_phase.PHASE_FORM, change_phase, setup_phase.phase_message(moved), actor, moved)

st.header("Themes: the strategy's priorities", divider="gray")
setup_themes.themes_table(view)
if (theme := setup_themes.theme_form(view)) is not None:
    setup.act(setup_themes.THEME_FORM, save_theme, setup_themes.saved("Theme saved"), actor, theme)
if (gone := setup_themes.theme_removal(view)) is not None:
    setup.act(
        setup_themes.THEME_FORM, remove_theme, setup_themes.saved("Theme removed"), actor, gone
    )

st.header("Challenge statements and partners", divider="gray")
setup_statements.statements_table(view)
if (statement := setup_statements.statement_form(view)) is not None:
    setup.act(setup_statements.STATEMENT_FORM, save_statement, "Statement saved.", actor, statement)
if (gone := setup_statements.statement_removal(view)) is not None:
    setup.act(setup_statements.STATEMENT_FORM, remove_statement, "Statement removed.", actor, gone)

st.header("The challenge", divider="gray")
setup_challenge.challenge_section(actor, view)
