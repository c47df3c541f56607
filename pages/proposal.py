"""Proposal (applicants): write, save as a draft, submit, change until the deadline, withdraw."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import NotFound, ServiceError
from civic_challenge.services.organisations import check_eligibility
from civic_challenge.services.proposal_views import proposal_form_setup
from civic_challenge.services.proposals import open_proposal
from civic_challenge.services.receipts import submission_receipt
from civic_challenge.services.withdrawal import withdraw_proposal
from civic_challenge.ui import feedback, proposal_editing, proposal_form, proposal_views, shell
from civic_challenge.ui.database import db_reader, db_session

user = shell.begin_page("Proposal", signed_in=True)
with db_reader() as session:
    setup = proposal_form_setup(session=session, actor=user, now=now())
    eligibility = check_eligibility(session=session, actor=user)
if setup is None or not setup.has_organisation:
    st.info("Fill in My organisation first; then you can write a proposal.", icon=":material/info:")
    st.page_link("pages/my_organisation.py", label="My organisation", icon=":material/domain:")
    st.stop()
chosen = proposal_form.choose_proposal(setup)
view = receipt = None
try:
    with db_reader() as session:
        if chosen is not None:
            view = open_proposal(session=session, actor=user, proposal_id=chosen, now=now())
        if view is not None and view.reference:
            receipt = submission_receipt(session=session, actor=user, proposal_id=view.id)
except NotFound as missing:
    st.error(str(missing), icon=":material/error:")
    st.stop()
if view and receipt and st.session_state.get(proposal_views.CONFIRM_KEY) == view.id:
    proposal_views.confirmation_screen(view, receipt)
locked = view.locked_reason if view else setup.new_refusal
proposal_editing.load(user, setup, view, editable=not locked)
if view:
    proposal_views.status_line(view)
    proposal_views.attachment(user, view)
if locked:
    proposal_views.read_only_notice(locked)
    proposal_form.fields(setup, view, disabled=True)
    if receipt:
        proposal_views.receipt_button(receipt)
    st.stop()
proposal_views.still_missing(view, eligibility)
proposal_editing.editable_form(user, setup, view)
if receipt:
    proposal_views.receipt_button(receipt)
if view and view.stage == "submitted" and proposal_views.withdraw_requested():
    try:
        with db_session() as session:
            withdraw_proposal(
                session=session, actor=user, proposal_id=view.id,
                expected_version=view.version, now=now(),
            )  # fmt: skip
    except ServiceError as refusal:
        feedback.flash("error", str(refusal))
        st.rerun()
    proposal_form.forget_loaded()
    feedback.flash("success", "Your proposal has been withdrawn. It will not be judged.")
    st.rerun()
