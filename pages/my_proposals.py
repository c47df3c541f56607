"""My proposals (applicants): each proposal's status and timeline; outcome and feedback once
the organisers publish decisions."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.outcomes import list_my_proposals
from civic_challenge.ui import proposal_views, shell
from civic_challenge.ui.database import db_reader

user = shell.begin_page("My proposals", signed_in=True)
with db_reader() as session:
    proposals = list_my_proposals(session=session, actor=user, now=now())
st.caption(
    "Decisions and the judges' feedback appear here once the organisers release them; until "
    "then every submitted proposal reads “Submitted: under review”."
)
if not proposals:
    st.info(
        "You have no proposals yet. Fill in My organisation, then start one on Proposal.",
        icon=":material/info:",
    )
left, right = st.columns(2)
left.page_link(
    "pages/proposal.py",
    label="Start a new proposal",
    query_params={"id": "0"},
    icon=":material/add:",
)
right.page_link("pages/my_organisation.py", label="My organisation", icon=":material/domain:")
for summary in proposals:
    proposal_views.proposal_card(summary)
