"""Score (judges): one proposal, its criteria with level descriptors, save, submit, abstain."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import PermissionDenied
from civic_challenge.services.judge_access import DeclarationNeeded
from civic_challenge.services.queue import my_queue, open_review
from civic_challenge.services.reviews import abstain
from civic_challenge.ui import abstention, queue, review_form, scoring, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.attachment_viewer import attachment_viewer
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Score", signed_in=True, needs_challenge=True)
chosen = st.query_params.get("proposal", "")
try:
    with db_reader() as session:
        if not chosen.isdigit():
            chosen = str(my_queue(session=session, actor=actor, now=now()).next_unscored or "")
        if not chosen:
            st.info("Nothing left to score. Your reviews are in My queue.", icon=":material/info:")
            st.page_link("pages/queue.py", label="Go to My queue", icon=":material/list:")
            st.stop()
        sheet = open_review(session=session, actor=actor, proposal_id=int(chosen), now=now())
except DeclarationNeeded as needed:
    queue.declaration_needed(str(needed))
    st.stop()
except PermissionDenied as refused:
    st.error(str(refused), icon=":material/block:")
    st.page_link("pages/queue.py", label="Go to My queue", icon=":material/list:")
    st.stop()

scoring.status(sheet)
scoring.show_proposal(sheet.proposal)
if sheet.proposal.attachment:  # withheld (None) under blind review
    with st.expander("Read the attachment", icon=":material/attach_file:"):
        attachment_viewer(actor, sheet.proposal.id, sheet.proposal.attachment)
scoring.others(sheet)
review_form.draw(actor, sheet)
reason = abstention.form(sheet)
if reason is not None:
    attempt(
        abstention.FORM,
        lambda s: abstain(
            session=s, actor=actor, proposal_id=sheet.proposal.id, reason=reason, now=now()
        ),
        "You abstained; an organiser will find another judge.",
    )
