"""Outbox (organisers): every message the app has queued or sent; send decision notices."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.mail.outbox import (
    list_outbox,
    outbox_counts,
    read_message,
    retry_failed_mail,
    send_decision_notices,
)
from civic_challenge.ui import feedback, outbox, shell
from civic_challenge.ui.database import db_reader, db_session

actor = shell.begin_page("Outbox", signed_in=True)
with db_reader() as session:
    counts = outbox_counts(session=session, actor=actor)
    messages = list_outbox(session=session, actor=actor)
outbox.delivery_note()
outbox.counts_line(counts)

if counts["held"]:
    st.header("Decision notices waiting for you")
    st.markdown(
        f"{counts['held']} decision notices are held until you have read them below. "
        "Sending queues them all at once."
    )
    if st.button("Send the decision notices", type="primary"):
        try:
            with db_session() as session:
                sent = send_decision_notices(session=session, actor=actor, now=now())
            feedback.flash("success", f"{sent} decision notices queued for sending.")
            st.rerun()
        except ServiceError as error:
            st.error(str(error), icon=":material/error:")
if counts["failed"] and st.button("Try the failed messages again"):
    with db_session() as session:
        retried = retry_failed_mail(session=session, actor=actor, now=now())
    feedback.flash("success", f"{retried} messages queued again.")
    st.rerun()

st.header(f"Messages ({len(messages)} newest)")
if messages.empty:
    st.caption("No messages yet.")
    st.stop()
outbox.outbox_table(messages)
choices = outbox.message_choices(messages)
chosen = st.selectbox(
    "Read a message",
    list(choices),
    format_func=choices.get,
    index=0,
)
st.caption("The plain-text version, exactly as it is sent.")
with db_reader() as session:
    outbox.show_message(read_message(session=session, actor=actor, message_id=chosen))
