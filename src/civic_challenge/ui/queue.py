"""The judge's queue: progress, the next proposal to score, every assigned proposal."""

import streamlit as st

from civic_challenge.services.queue import Queue
from civic_challenge.ui.text import plain, when

SCORE_PAGE = "pages/score.py"


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
    if not queue.items:
        st.info("No proposals are assigned to you yet.", icon=":material/info:")
    for item in queue.items:
        with st.container(border=True):
            left, right = st.columns([4, 1])
            left.markdown(f"**{plain(item.reference)}** · {plain(item.title or 'Untitled')}")
            right.markdown(f"*{item.state}*")
            if item.state != "Abstained":
                left.page_link(
                    SCORE_PAGE,
                    label="Open to score" if item.state != "Submitted" else "Open your review",
                    query_params={"proposal": str(item.proposal_id)},
                )
