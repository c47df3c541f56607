"""The Decisions page's feedback part: each judge's comment for the applicant, and editing or
restoring the wording the applicant will read."""

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.feedback_moderation import COMMENT_MAX, moderate_comment
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.text import plain

MODERATE_FORM = "moderate"


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


def moderation(frame: pd.DataFrame) -> tuple[Moderation | None, dict[int, str]]:
    """(the wording saved or restored in this run, if any; every shown comment's typed text)."""
    typed: dict[int, str] = {}
    if frame.empty:
        st.info("No reviews with feedback have been submitted yet.", icon=":material/info:")
        return None, typed
    versions.remember(MODERATE_FORM, versions.Drawn(0, _stored(frame)))
    proposals = dict(
        zip(
            frame["proposal_id"],
            frame["reference"].fillna("") + " · " + frame["title"],
            strict=True,
        )
    )
    chosen = st.selectbox(
        "Proposal",
        list(proposals),
        format_func=proposals.get,
        key="moderate_proposal",
    )
    st.caption("The applicant reads these comments once decisions are published.")
    feedback.problem_summary(MODERATE_FORM)
    clicked = None
    for row in frame[frame["proposal_id"] == chosen].itertuples():
        review_id = int(row.review_id)
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


def feedback_section(actor: UserView, comments: pd.DataFrame) -> None:
    """The comments; a saved or restored wording is stored against the comment as it was when
    the page was drawn (refused below the comments, with both wordings, if it changed since)."""
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
