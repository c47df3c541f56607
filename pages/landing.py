"""The public landing page: the challenge in a paragraph, its themes, dates and the way in."""

import streamlit as st

from civic_challenge.services.challenges import challenge_overview, public_winners
from civic_challenge.services.clock import now
from civic_challenge.ui import overview, shell
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.text import plain

with db_reader() as session:
    facts = challenge_overview(session=session)
    winners = public_winners(session=session)
user = shell.begin_page(plain(facts.name) if facts else "Civic Challenge")
if facts is None:
    st.info(
        "No challenge has been set up yet. Organisers: sign in to set one up.",
        icon=":material/info:",
    )
    st.stop()

st.markdown(plain(facts.description))
if user is None:
    left, right = st.columns(2)
    left.page_link(
        "pages/register.py", label="Register your organisation", icon=":material/person_add:"
    )
    right.page_link("pages/sign_in.py", label="Sign in", icon=":material/login:")
overview.winners(winners)
overview.key_facts(facts, now())
overview.who_may_apply(facts)
overview.themes_and_statements(facts)
