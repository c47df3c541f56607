"""'Apply this slate' on the Decisions page: a confirmation listing every change, then one
action."""

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.recommendation import SlateView
from civic_challenge.services.slate_apply import SlateChange, apply_slate, slate_changes
from civic_challenge.ui import feedback
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.text import plain

PENDING_KEY = "slate_to_apply"
FORM = "slate"


def controls(actor: UserView, view: SlateView) -> None:
    """The button keeps the slate as shown; the dialog then lists exactly what it changes."""
    result = view.slate
    if not result.feasible:
        return
    if st.button(
        "Apply this slate…",
        help="Shows every award decision the slate would record, for you to confirm.",
    ):
        ids = tuple(int(i) for i in result.recommended.proposal_ids)
        st.session_state[PENDING_KEY] = (ids, {i: int(view.amounts.get(i, 0)) for i in ids})
    feedback.show_here(FORM)
    if PENDING_KEY in st.session_state:
        _confirm(actor)


@st.dialog("Apply this slate", width="large")
def _confirm(actor: UserView) -> None:
    ids, amounts = st.session_state[PENDING_KEY]
    refused = False
    try:
        with db_reader() as session:
            changes = slate_changes(session=session, actor=actor, proposal_ids=ids, amounts=amounts)
    except ServiceError as refusal:
        st.error(plain(str(refusal)), icon=":material/error:")
        changes, refused = (), True
    if changes:
        st.markdown(
            f"These {len(changes)} award decisions will be recorded, pending until you release "
            "the awards. Decisions already released stay as they are."
        )
        st.dataframe(_table(changes), hide_index=True)
    elif not refused:
        st.info("The recorded decisions already match this slate.", icon=":material/info:")
    left, right = st.columns(2)
    if changes and left.button(f"Record these {len(changes)} decisions", type="primary"):
        try:
            with db_session() as session:
                done = apply_slate(
                    session=session, actor=actor, proposal_ids=ids, amounts=amounts, now=now()
                )
        except ServiceError as refusal:
            st.error(f"Nothing was recorded. {plain(str(refusal))}", icon=":material/error:")
            return
        del st.session_state[PENDING_KEY]
        feedback.say_here(FORM, "success", f"Recorded {len(done)} award decisions from the slate.")
        st.rerun()
    if right.button("Cancel"):
        del st.session_state[PENDING_KEY]
        st.rerun()


def _table(changes: tuple[SlateChange, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Reference": [c.reference for c in changes],
            "Now": [c.before for c in changes],
            "After applying": [c.after for c in changes],
        }
    )
