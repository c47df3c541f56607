"""The judge's queue: progress, the next proposal to score, every assigned proposal."""

import streamlit as st

from civic_challenge.services.queue import Queue
from civic_challenge.ui.text import plain, when

SCORE_PAGE = "pages/score.py"
PAGE = 25  # proposals drawn at once


def declaration_needed(message: str) -> None:
    st.info(message, icon=":material/info:")
    st.page_link("pages/conflicts.py", label="Declare your conflicts", icon=":material/block:")


def progress(queue: Queue) -> None:
    share = queue.scored / queue.total if queue.total else 0.0
    st.progress(share, text=queue.progress)
    if queue.due_at:
        state = "" if queue.judging_open else " Judging is closed: reviews are read-only."
        st.caption(f"Due by {when(queue.due_at)}.{state}")
    if queue.next_unscored is not None:
        st.page_link(
            SCORE_PAGE,
            label="Score the next unscored proposal",
            icon=":material/arrow_forward:",
            query_params={"proposal": str(queue.next_unscored)},
        )
    elif queue.total:
        st.success(
            "Every proposal in your queue is scored. Thank you.", icon=":material/check_circle:"
        )


def items(queue: Queue) -> None:
    """The assigned proposals, a page of PAGE at a time: a long queue draws one page's rows."""
    if not queue.items:
        st.info("No proposals are assigned to you yet.", icon=":material/info:")
        return
    shown = queue.items
    if len(shown) > PAGE:
        starts = range(0, len(shown), PAGE)
        first = st.selectbox(
            "Proposals",
            starts,
            format_func=lambda s: f"{s + 1}–{min(s + PAGE, len(shown))} of {len(shown)}",
            key="queue_page",
        )
        shown = shown[first : first + PAGE]
    for item in shown:
        with st.container(border=True):
            st.markdown(
                f"**{plain(item.reference)}** · {plain(item.title or 'Untitled')}  \n*{item.state}*"
            )
            if item.state != "Abstained":
                st.page_link(
                    SCORE_PAGE,
                    label="Open to score" if item.state != "Submitted" else "Open your review",
                    query_params={"proposal": str(item.proposal_id)},
                )
