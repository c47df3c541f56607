"""Set-up (organisers): the challenge, its phase, themes as strategy priorities, statements."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import NotFound
from civic_challenge.services.setup import (
    change_phase,
    get_setup,
    save_statement,
    save_theme,
    update_challenge,
)
from civic_challenge.ui import setup, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Set-up", signed_in=True)
try:
    with db_reader() as session:
        view = get_setup(session=session, actor=actor)
except NotFound:
    st.info(
        "There is no challenge yet. Create one from the command line "
        "(civic-challenge seed-demo loads the London example).",
        icon=":material/info:",
    )
    st.stop()

st.header("Phase", divider="gray")
moved = setup.phase_form(view)
if moved is not None:
    attempt(
        setup.PHASE_FORM,
        lambda s: change_phase(
            session=s,
            actor=actor,
            phase=moved[0],
            confirm=moved[1],
            version=view.version,
            now=now(),
        ),
        f"The challenge is now in its {moved[0].value} phase.",
    )

st.header("Themes: the strategy's priorities", divider="gray")
setup.themes_table(view)
theme = setup.theme_form(view)
if theme is not None:
    attempt(
        setup.THEME_FORM,
        lambda s: save_theme(
            session=s,
            actor=actor,
            theme_id=theme.theme_id,
            values=theme.values,
            version=theme.version,
            now=now(),
        ),
        lambda warning: "Theme saved." + (f" Note: {warning}" if warning else ""),
    )

st.header("Challenge statements and partners", divider="gray")
setup.statements_table(view)
statement = setup.statement_form(view)
if statement is not None:
    attempt(
        setup.STATEMENT_FORM,
        lambda s: save_statement(
            session=s,
            actor=actor,
            statement_id=statement.statement_id,
            values=statement.values,
            version=statement.version,
            now=now(),
        ),
        "Statement saved.",
    )

st.header("The challenge", divider="gray")
values = setup.challenge_form(view)
if values is not None:
    attempt(
        setup.CHALLENGE_FORM,
        lambda s: update_challenge(
            session=s, actor=actor, values=values, version=view.version, now=now()
        ),
        "Challenge saved.",
    )
