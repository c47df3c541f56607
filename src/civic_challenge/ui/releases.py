"""Releasing decisions in stages on the Decisions page: what went out so far, and what waits."""

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.releases import (
    MESSAGE_MAX,
    ReleaseCheck,
    ReleaseRecord,
    release_decisions,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain, pounds, when

KIND_WORDS = {"shortlist": "Shortlist", "awards": "Awards"}
OUTCOME_WORDS = {
    ("shortlist", "yes"): "Shortlisted",
    ("shortlist", "no"): "Not shortlisted",
    ("award", "yes"): "Awarded",
    ("award", "no"): "Not awarded",
}


def history(records: list[ReleaseRecord]) -> None:
    if not records:
        st.caption("Nothing has been released to applicants yet.")
        return
    for record in records:
        label = (
            f"{KIND_WORDS[record.kind]} released at {when(record.released_at)} by "
            f"{record.released_by}: {len(record.entries)} decisions"
        )
        with st.expander(label, icon=":material/campaign:"):
            if record.message:
                st.markdown(f"Message: {plain(record.message)}")
            st.dataframe(_entries(record), hide_index=True)


def _entries(record: ReleaseRecord) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Reference": [e.reference for e in record.entries],
            "Decision": [OUTCOME_WORDS[(e.stage, e.outcome)] for e in record.entries],
            "Amount": [
                "" if e.amount_pence is None else pounds(e.amount_pence) for e in record.entries
            ],
        }
    )


def pending(actor: UserView, check: ReleaseCheck) -> None:
    if check.nothing_pending:
        st.info(
            "Nothing is waiting to be released: every decision recorded so far has been "
            "released. Decisions recorded later can be released here again.",
            icon=":material/check_circle:",
        )
        return
    if check.pending_shortlist:
        _shortlist_form(actor, check)
    if check.pending_awards or (check.pending_shortlist and check.released_before):
        _awards_form(actor, check)


def _shortlist_form(actor: UserView, check: ReleaseCheck) -> None:
    st.subheader("Release the shortlist", anchor=False)
    waiting = check.pending_shortlist
    st.markdown(
        f"{len(waiting)} shortlist decisions wait: {plain(', '.join(waiting))}. "
        "Their applicants will read the outcome; applicants not shortlisted read "
        '"Not shortlisted". Award decisions stay hidden until you release the awards.'
    )
    message = limited_text.text_area(
        "Message to shortlisted applicants",
        key="release_shortlist_message",
        limit=MESSAGE_MAX,
        help="For example the pitch date and place. Applicants in this release read it on "
        "My proposals and in their decision notice.",
    )
    if st.button(f"Release the shortlist ({len(waiting)})", type="primary"):
        _release(actor, "shortlist", message, confirm=False)


def _awards_form(actor: UserView, check: ReleaseCheck) -> None:
    st.subheader("Release the awards", anchor=False)
    awards, shortlist = check.pending_awards, check.pending_shortlist
    parts = []
    if awards:
        parts.append(f"{len(awards)} award decisions ({plain(', '.join(awards))})")
    if shortlist:
        parts.append(f"{len(shortlist)} shortlist decisions ({plain(', '.join(shortlist))})")
    st.markdown(
        f"This releases {' and '.join(parts)}, with the moderated feedback to every "
        "applicant, and publishes the results. Released decisions cannot be changed."
    )
    for line in check.award_warnings:
        st.warning(plain(line), icon=":material/warning:")
    confirm = False
    if check.award_warnings:
        confirm = st.checkbox(
            "Release anyway",
        )
        st.caption(
            "Release although the problems above remain. Later decisions can be released again."
        )
    message = limited_text.text_area(
        "Message with the awards",
        key="release_awards_message",
        limit=MESSAGE_MAX,
        help="For example what happens next for winners. Applicants read it on My proposals "
        "and in their decision notice.",
    )
    if st.button(f"Release the awards ({len(awards) + len(shortlist)})", type="primary"):
        _release(actor, "awards", message, confirm=confirm)


def _release(actor: UserView, kind: str, message: str, *, confirm: bool) -> None:
    """Release now; a refusal is shown right here, beside the button, with the message kept."""
    try:
        with db_session() as session:
            record = release_decisions(
                session=session, actor=actor, kind=kind, message=message,
                confirm=confirm, now=now(),
            )  # fmt: skip
    except ServiceError as refusal:
        st.error(plain(str(refusal)), icon=":material/error:")
        return
    feedback.flash(
        "success",
        f"Released {len(record.entries)} decisions. Applicants can now read them on My "
        "proposals; their decision notices wait in the Outbox until you send them.",
    )
    st.session_state.pop(f"release_{kind}_message", None)
    st.rerun()
