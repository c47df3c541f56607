"""A proposal (organisers): every section, the attachment, screening, versions, judges,
reviews side by side, decisions and the audit trail."""

import streamlit as st

from civic_challenge.services.errors import NotFound
from civic_challenge.services.proposal_dossier import proposal_choices, proposal_dossier
from civic_challenge.ui import proposal_dossier as view
from civic_challenge.ui import shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Read a proposal", signed_in=True, needs_challenge=True)
with db_reader() as session:
    choices = proposal_choices(session=session, actor=actor)
if not choices:
    st.info("No proposal has been submitted yet.", icon=":material/info:")
    st.stop()
chosen = view.chosen_id(choices)
if chosen is None:
    st.stop()
try:
    with db_reader() as session:
        dossier = proposal_dossier(session=session, actor=actor, proposal_id=chosen)
except NotFound as missing:
    st.error(str(missing), icon=":material/error:")
    st.stop()

view.heading(dossier)
proposal, attachment, screening, history, judges, reviews, record = st.tabs(
    [
        "Proposal",
        "Attachment",
        "Eligibility",
        "Versions",
        "Judges",
        "Reviews",
        "Decisions and audit",
    ]
)
with proposal:
    view.sections(dossier)
with attachment:
    view.attachment(actor, dossier)
with screening:
    view.screening(dossier)
with history:
    view.history(dossier)
with judges:
    view.judges(dossier)
with reviews:
    view.reviews(dossier)
with record:
    view.decisions_and_audit(dossier)
