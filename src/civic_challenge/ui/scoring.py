"""The Score page's parts: the proposal (blind when set) and where the review stands (the form
itself is `ui.review_form`)."""

import streamlit as st

from civic_challenge.domain.money import rounded
from civic_challenge.services.queue import ProposalForJudge, ScoringSheet
from civic_challenge.ui.text import plain, pounds, when

SECTIONS = (
    ("summary", "Summary"),
    ("problem", "The problem"),
    ("solution", "The solution"),
    ("impact", "Impact on Londoners"),
    ("milestones", "Pilot plan and milestones"),
)


def show_proposal(proposal: ProposalForJudge) -> None:
    st.header(f"{plain(proposal.reference)} · {plain(proposal.title or 'Untitled')}")
    facts = [f"**Challenge:** {plain(proposal.statement)}" if proposal.statement else ""]
    facts.append(f"**Themes:** {plain(', '.join(proposal.themes))}" if proposal.themes else "")
    if proposal.amount_requested_pence is not None:
        facts.append(f"**Requested:** {pounds(proposal.amount_requested_pence)}")
    st.markdown("  \n".join(f for f in facts if f))
    if proposal.blind:
        st.caption("Blind review: who applied is hidden from judges, and attachments are withheld.")
    else:
        who = [f"**Organisation:** {plain(proposal.organisation or '')}"]
        who += [f"**Website:** {plain(proposal.website)}"] if proposal.website else []
        who += [f"**Written by:** {plain(proposal.people)}"] if proposal.people else []
        who += [f"**Attachment:** {plain(proposal.attachment)}"] if proposal.attachment else []
        st.markdown("  \n".join(who))
    for field, label in SECTIONS:
        text = getattr(proposal, field)
        if text:
            st.markdown(f"**{label}**")
            st.text(text)


def others(sheet: ScoringSheet) -> None:
    if sheet.other_totals is None:
        return
    totals = [
        f"{rounded(t)}/100 ({c or 'no'} confidence)" for t, c in sheet.other_totals if t is not None
    ]
    st.caption("Other judges' submitted totals: " + ("; ".join(totals) if totals else "none yet."))


def status(sheet: ScoringSheet) -> None:
    review = sheet.review
    if sheet.abstained:
        st.info("You abstained from this proposal.", icon=":material/info:")
    elif review.state.value == "submitted":
        total = f" Total {rounded(review.total)} out of 100." if review.total is not None else ""
        st.success(
            f"Submitted.{total} You can change it until judging closes.",
            icon=":material/check_circle:",
        )
    elif review.version:
        st.info(
            f"Draft saved at {when(review.updated_at)}. Submit when every criterion is scored.",
            icon=":material/edit_note:",
        )
    if not sheet.judging_open:
        st.warning("Judging is closed: this review is read-only.", icon=":material/lock:")
