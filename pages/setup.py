"""Set-up (organisers): create the challenge on a fresh install; then its phase, themes as
strategy priorities, statements with partners, and the challenge's own facts."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import NotFound
from civic_challenge.services.new_challenge import create_challenge
from civic_challenge.services.setup import (
    change_phase,
    get_setup,
    remove_statement,
    remove_theme,
    save_statement,
    save_theme,
    update_challenge,
)
from civic_challenge.ui import new_challenge, setup, shell
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
if (moved := setup.phase_form(view)) is not None:
    setup.act(setup.PHASE_FORM, change_phase, setup.phase_message(moved), actor, moved)

st.header("Themes: the strategy's priorities", divider="gray")
setup.themes_table(view)
if (theme := setup.theme_form(view)) is not None:
    setup.act(setup.THEME_FORM, save_theme, setup.saved("Theme saved"), actor, theme)
if (gone := setup.theme_removal(view)) is not None:
    setup.act(setup.THEME_FORM, remove_theme, setup.saved("Theme removed"), actor, gone)

st.header("Challenge statements and partners", divider="gray")
setup.statements_table(view)
if (statement := setup.statement_form(view)) is not None:
    setup.act(setup.STATEMENT_FORM, save_statement, "Statement saved.", actor, statement)
if (gone := setup.statement_removal(view)) is not None:
    setup.act(setup.STATEMENT_FORM, remove_statement, "Statement removed.", actor, gone)

st.header("The challenge", divider="gray")
if (values := setup.challenge_form(view)) is not None:
    setup.act(setup.CHALLENGE_FORM, update_challenge, "Challenge saved.", actor, values)
