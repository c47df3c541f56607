"""The Decisions page's feedback part: each judge's comment for the applicant, and editing or
restoring the wording the applicant will read.

One proposal's comments are read at a time (a few rows by an index, on every rerun, so a saved
wording shows at once without invalidating the page's caches), and the proposals to choose
from are listed by reference a hundred at a time with a search, cached on the challenge's data
version: at 100,000 proposals the page never sends (or reads) every comment.
"""

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import DecisionsKey
from civic_challenge.services.clock import now
from civic_challenge.services.feedback_moderation import (
    COMMENT_MAX,
    feedback_of_proposal,
    feedback_proposals,
    moderate_comment,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.text import plain

MODERATE_FORM = "moderate"
LISTED = 100  # proposals offered in the list at once


_LAST = "civic_moderate_last_review"
LABELS = {"comment": "What the applicant will read"}


@dataclass(frozen=True)
class Moderation:
    review_id: int
    text: str | None  # None: restore the judge's words


def _stored(frame: pd.DataFrame) -> dict[int, versions.Drawn]:
    """Each comment's version and the wording the applicant would read now."""
    return {
        int(r.review_id): versions.Drawn(int(r.version), {"comment": _wording(r)})
        for r in frame.itertuples()
    }


def _wording(row: Any) -> str:
    current = row.moderated_comment
    return current if isinstance(current, str) else row.comment_for_applicant


@st.cache_data(max_entries=64, show_spinner=False)
def _proposals(key: DecisionsKey, search: str, *, _actor: UserView) -> tuple[dict[int, str], int]:
    with db_reader() as session:
        return feedback_proposals(session=session, actor=_actor, search=search, limit=LISTED)


def _comments(actor: UserView, proposal_id: int) -> pd.DataFrame:
    with db_reader() as session:
        return feedback_of_proposal(session=session, actor=actor, proposal_id=proposal_id)


def choose_proposal(actor: UserView, key: DecisionsKey) -> int | None:
    """A proposal with submitted reviews: listed by reference, searched when there are many."""
    proposals, total = _proposals(key, "", _actor=actor)
    if not total:
        st.info("No reviews with feedback have been submitted yet.", icon=":material/info:")
        return None
    if total > LISTED:
        search = st.text_input(
            "Find a proposal by reference or title",
            key="moderate_search",
        ).strip()
        st.caption(f"{total:,} proposals have feedback; the list shows {LISTED} at a time.")
        if search:
            proposals, found = _proposals(key, search, _actor=actor)
            if not proposals:
                st.caption(f"No proposal with feedback matches “{plain(search)}”.")
                return None
            total = found
        if total > len(proposals):
            st.caption(
                f"The list shows the first {len(proposals)} of {total:,} by reference: "
                "search to find others."
            )
    chosen = st.selectbox(
        "Proposal",
        list(proposals),
        format_func=proposals.get,
        key="moderate_proposal",
    )
    st.caption("The applicant reads these comments once decisions are published.")
    return chosen


def moderation(frame: pd.DataFrame) -> tuple[Moderation | None, dict[int, str]]:
    """(the wording saved or restored in this run, if any; every shown comment's typed text)."""
    typed: dict[int, str] = {}
    stored = versions.Drawn(0, _stored(frame))
    feedback.problem_summary(MODERATE_FORM)
    clicked = None
    for row in frame.itertuples():
        review_id = int(row.review_id)
        versions.remember(MODERATE_FORM, stored, row=review_id)
        with st.container(border=True):
            st.markdown(f"**{plain(row.judge)}** wrote:")
            st.text(row.comment_for_applicant or "(no comment)")
            state = "edited" if isinstance(row.moderated_comment, str) else "as the judge wrote it"
            with st.form(f"moderate_{review_id}"):
                text = limited_text.text_area(
                    f"What the applicant will read ({state})",
                    value=_wording(row),
                    limit=COMMENT_MAX,
                    help="Edit out anything unkind or identifying. Empty hides the comment.",
                    key=versions.key(MODERATE_FORM, f"{review_id}_text"),
                )
                feedback.field_problems(MODERATE_FORM, "comment", text)
                save = st.form_submit_button("Save wording")
                restore = st.form_submit_button("Restore the judge's words")
            typed[review_id] = text
            if save or restore:
                clicked = Moderation(review_id, None if restore else text)
    return clicked, typed


def feedback_section(actor: UserView, key: DecisionsKey) -> None:
    """The chosen proposal's comments; a saved or restored wording is stored against the comment
    as it was when the page was drawn (refused below the comments, with both wordings, if it
    changed since)."""
    chosen = choose_proposal(actor, key)
    if chosen is None:
        return
    comments = _comments(actor, int(chosen))
    clicked, typed = moderation(comments)
    if clicked is not None:
        st.session_state[_LAST] = clicked.review_id
    review_id = st.session_state.get(_LAST)
    rows = _stored(comments)
    if review_id not in rows or review_id not in typed:
        feedback.show_here(MODERATE_FORM)
        return
    text = clicked.text if clicked else typed[review_id]
    stored = rows[review_id]
    drawn = versions.drawn_values(MODERATE_FORM).get(review_id, stored)

    def moderate(session: Any, version: int) -> None:
        moderate_comment(
            session=session,
            actor=actor,
            review_id=review_id,
            text=text,
            version=version,
            now=now(),
        )

    restored = clicked is not None and clicked.text is None
    state = versions.FormState(
        stored,
        {"comment": text if text is not None else "(the judge's own words)"},
        LABELS,
        moderate,
        "The judge's own words restored." if restored else "Feedback wording saved.",
        problem_values={"comment": text},
    )
    versions.finish(MODERATE_FORM, clicked is not None, state, drawn)
