"""Links to an organiser's page for one proposal, for tables on other pages."""

import streamlit as st

QUERY_KEY = "proposal"
OPEN_COLUMN = st.column_config.LinkColumn(
    "Open",
    display_text="Open",
    help="The proposal in full, with its attachment, reviews and audit trail (opens a new tab)",
)


def proposal_link(proposal_id: object) -> str:
    return f"proposal_detail?{QUERY_KEY}={int(proposal_id)}"  # type: ignore[call-overload]
