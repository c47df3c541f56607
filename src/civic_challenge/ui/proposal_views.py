"""Showing proposals to applicants: status, what is missing, confirmation, receipt, timeline."""

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.outcomes import ProposalSummary
from civic_challenge.services.proposal_views import ProposalView
from civic_challenge.services.receipts import Receipt
from civic_challenge.ui.attachment_viewer import active_content_warning, attachment_viewer
from civic_challenge.ui.text import plain, when

CONFIRM_KEY = "civic_submitted_proposal"
_STEP_WORDS = {"done": "done", "failed": "not this time", "waiting": "to come", "skipped": ""}
_STEP_ICONS = {
    "done": ":material/check_circle:",
    "failed": ":material/cancel:",
    "waiting": ":material/schedule:",
    "skipped": ":material/remove:",
}


def status_line(view: ProposalView) -> None:
    reference = f"**{plain(view.reference)}** · " if view.reference else ""
    st.markdown(f"{reference}Status: **{plain(view.status_words)}**")
    if view.submitted_at:
        st.caption(f"Submitted at {when(view.submitted_at)}; last saved {when(view.updated_at)}.")
    elif view.stage == "draft":
        st.caption(f"Draft last saved at {when(view.updated_at)}.")


def attachment(user: UserView, view: ProposalView) -> None:
    """The applicant's own PDF, as the organisers and judges will read it."""
    active_content_warning(view.attachment_warnings)
    if view.attachment_name:
        with st.expander(
            f"Your attachment: {plain(view.attachment_name)}", icon=":material/attach_file:"
        ):
            attachment_viewer(user, view.id, view.attachment_name, warn=False)


def still_missing(view: ProposalView | None, eligibility: list[str] | None) -> None:
    """Before submitting: every gap in the saved draft, and the eligibility check again."""
    if eligibility:
        st.warning(
            "Your organisation may not be eligible:\n\n"
            + "\n".join(f"- {plain(reason)}" for reason in eligibility),
            icon=":material/warning:",
        )
    if view is None or view.stage != "draft":
        return
    gaps = [message for messages in view.missing.values() for message in messages]
    label = f"Still to do before you can submit ({len(gaps)})" if gaps else "Ready to submit"
    with st.expander(label, expanded=False, icon=":material/checklist:"):
        if gaps:
            st.markdown("\n".join(f"- {plain(gap)}" for gap in gaps))
        else:
            st.markdown("Every required field of the saved draft is filled in.")


def read_only_notice(reason: str) -> None:
    st.info(plain(reason), icon=":material/lock:")


def confirmation_screen(view: ProposalView, receipt: Receipt) -> None:
    """The screen after a first submission: the reference and the receipt; stops the page."""
    st.success(
        f"Your proposal has been submitted. Your reference is **{plain(view.reference or '')}**.",
        icon=":material/check_circle:",
    )
    st.markdown(
        f"Received at {when(view.submitted_at or view.updated_at)}. Keep the reference: quote it "
        "if you contact the organisers. You can change the proposal or withdraw it until the "
        "deadline."
    )
    receipt_button(receipt)
    st.page_link("pages/my_proposals.py", label="See all your proposals", icon=":material/list:")
    if st.button("Back to the proposal", icon=":material/arrow_back:"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()
    st.stop()


def receipt_button(receipt: Receipt) -> None:
    st.download_button(
        "Download your receipt",
        data=receipt.text,
        file_name=receipt.filename,
        mime="text/plain",
        icon=":material/download:",
        help="A text file listing what you submitted and when.",
    )


def proposal_card(summary: ProposalSummary) -> None:
    with st.container(border=True):
        title = plain(summary.title or "Untitled draft")
        reference = f" · {plain(summary.reference)}" if summary.reference else ""
        st.markdown(f"**{title}**{reference}")
        st.markdown(f"Status: **{plain(summary.status_words)}**")
        timeline(summary)
        if summary.screening_reason:
            st.markdown(f"Why: {plain(summary.screening_reason)}")
        for message in summary.announcements:
            st.info(f"From the organisers: {plain(message)}", icon=":material/campaign:")
        if summary.released and summary.feedback:
            st.markdown("**Feedback from the judges**")
            for comment in summary.feedback:
                st.markdown(f"> {plain(comment)}")
        if summary.locked_reason and summary.stage != "withdrawn":
            st.caption(plain(summary.locked_reason))
        label = "Open" if summary.locked_reason else "Open and edit"
        st.page_link(
            "pages/proposal.py",
            label=label,
            query_params={"id": str(summary.id)},
            icon=":material/edit_document:",
        )


def timeline(summary: ProposalSummary) -> None:
    parts = []
    for step in summary.timeline:
        words = _STEP_WORDS[step.state]
        detail = when(step.at) if step.at else words
        parts.append(f"{_STEP_ICONS[step.state]} {step.label}" + (f" ({detail})" if detail else ""))
    st.caption("  \n".join(parts))


def withdraw_requested() -> bool:
    """A withdraw button that needs a ticked confirmation first."""
    st.subheader("Withdraw this proposal")
    with st.form("withdraw"):
        sure = st.checkbox(
            "I understand that a withdrawn proposal is not judged and cannot be submitted again.",
        )
        st.caption("Withdrawing is final. To change something, edit the proposal instead.")
        asked = st.form_submit_button("Withdraw proposal")
    if asked and not sure:
        st.error("Tick the box to confirm, then withdraw.", icon=":material/error:")
    return asked and sure
