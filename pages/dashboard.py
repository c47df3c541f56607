"""Dashboard (organisers): the proposals against the strategy's priorities, filterable."""

import streamlit as st

from civic_challenge.services.dashboard import dashboard_key, filter_choices
from civic_challenge.services.errors import NotFound
from civic_challenge.ui import dashboard, dashboard_filters, shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Dashboard", signed_in=True, needs_challenge=True)
try:
    with db_reader() as session:
        key = dashboard_key(session=session, actor=actor)
        choices = filter_choices(session=session, actor=actor)
except NotFound as missing:
    st.info(str(missing), icon=":material/info:")
    st.stop()
filters = dashboard_filters.filters(choices)
shown = dashboard.shown_data(key, filters, actor)
data, figures = shown.data, dashboard.cached_figures(shown, filters)

dashboard.headline(data)
if not data.headline.proposals:
    st.info("No proposal matches these filters yet.", icon=":material/info:")
st.header("Against the strategy's priorities", divider="gray")
dashboard.priorities(data, figures, choices)
st.header("Scores", divider="gray")
dashboard.scores(data, figures)
st.header("Where the pilots would run", divider="gray")
dashboard.boroughs(data, figures)
st.header("Submissions and judging", divider="gray")
dashboard.progress(data, figures)
