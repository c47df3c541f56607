"""Exports (organisers): tables as CSV or Excel, and a printable summary report."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.dashboard import filter_choices
from civic_challenge.services.errors import NotFound
from civic_challenge.services.exports import export_file, summary_report
from civic_challenge.ui import dashboard_filters, exports, shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Exports", signed_in=True, needs_challenge=True)
st.header("Tables", divider="gray")
try:
    with db_reader() as session:
        choices = filter_choices(session=session, actor=actor)
except NotFound as missing:
    st.info(str(missing), icon=":material/info:")
    st.stop()
st.caption("The dashboard's filters: the table holds only the proposals they let through.")
filters = dashboard_filters.filters(choices)
table, file_format = exports.choose()
with db_reader() as session:
    file = export_file(
        session=session, actor=actor, table=table, file_format=file_format, now=now(),
        filters=filters,
    )  # fmt: skip
exports.download(file, filtered=filters.active)

st.header("Summary report", divider="gray")
st.caption("Key figures, the priorities' gap lines, the awards and the main charts on one page.")
if st.button("Prepare the printable report", help="One page to save, print or send on."):
    with st.spinner("Preparing the report..."), db_reader() as session:
        st.session_state[exports.REPORT_KEY] = summary_report(
            session=session, actor=actor, now=now()
        )
exports.report(st.session_state.get(exports.REPORT_KEY))
