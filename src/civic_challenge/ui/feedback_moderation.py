"""The Decisions page's feedback part: each judge's comment for the applicant, and editing or
restoring the wording the applicant will read."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.feedback_moderation import moderate_comment
from civic_challenge.ui import feedback
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.text import plain

MODERATE_FORM = "moderate"


@dataclass(frozen=True)
class Moderation:
    review_id: int | None
    text: str | None  # None: restore the judge's words
    version: int


def moderation(frame: pd.DataFrame) -> Moderation | None:
    if frame.empty:
        st.info("No reviews with feedback have been submitted yet.", icon=":material/info:")
        return None
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
        help="The applicant reads these comments once decisions are published.",
        key="moderate_proposal",
    )
    feedback.problem_summary(MODERATE_FORM)
    for row in frame[frame["proposal_id"] == chosen].itertuples():
        with st.container(border=True):
            st.markdown(f"**{plain(row.judge)}** wrote:")
            st.text(row.comment_for_applicant or "(no comment)")
            current = row.moderated_comment
            state = "edited" if isinstance(current, str) else "as the judge wrote it"
            with st.form(f"moderate_{row.review_id}"):
                text = st.text_area(
                    f"What the applicant will read ({state})",
                    value=current if isinstance(current, str) else row.comment_for_applicant,
                    max_chars=3000,
                    help="Edit out anything unkind or identifying. Empty hides the comment.",
                )
                feedback.field_problems(MODERATE_FORM, "comment")
                save = st.form_submit_button("Save wording")
                restore = st.form_submit_button("Restore the judge's words")
            if save or restore:
                return Moderation(int(row.review_id), None if restore else text, int(row.version))
    return None


def feedback_section(actor: UserView, comments: pd.DataFrame) -> None:
    """The comments; a saved or restored wording is stored."""
    chosen = moderation(comments)
    if chosen is not None:
        attempt(
            MODERATE_FORM,
            lambda s: moderate_comment(
                session=s,
                actor=actor,
                review_id=chosen.review_id,
                text=chosen.text,
                version=chosen.version,
                now=now(),
            ),
            "Feedback wording saved.",
        )
