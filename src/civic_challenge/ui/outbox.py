"""The Outbox page's parts: counts by state, the list, one message read in full."""

import pandas as pd
import streamlit as st

from civic_challenge.config import get_settings
from civic_challenge.services.mail.outbox import MessageView
from civic_challenge.ui.text import plain

STATE_WORDS = {
    "held": "Held for review",
    "queued": "Queued",
    "sending": "Sending",
    "sent": "Sent",
    "failed": "Failed",
}


def delivery_note() -> None:
    settings = get_settings()
    if settings.sends_mail:
        st.caption(f"Messages are sent through {settings.smtp_host}:{settings.smtp_port}.")
    else:
        why = "demo mode" if settings.demo_mode else "no mail server is configured"
        st.info(
            f"Nothing leaves this machine ({why}): messages wait here, where you can read them. "
            "Set CIVIC_SMTP_HOST to send them.",
            icon=":material/info:",
        )


def counts_line(counts: dict[str, int]) -> None:
    st.markdown(" · ".join(f"{STATE_WORDS[state]}: **{n}**" for state, n in counts.items()))


def outbox_table(messages: pd.DataFrame) -> None:
    shown = messages.assign(
        state=messages["state"].map(STATE_WORDS),
        created_at=messages["created_at"].dt.strftime("%d %b %Y %H:%M"),
    )
    st.dataframe(
        shown[["id", "created_at", "recipient", "subject", "state", "attempts", "last_error"]],
        hide_index=True,
        column_config={
            "id": "No.",
            "created_at": "Queued (UTC)",
            "recipient": "To",
            "subject": "Subject",
            "state": "State",
            "attempts": "Attempts",
            "last_error": "Last error",
        },
    )


def message_choices(messages: pd.DataFrame) -> dict[int, str]:
    return {
        int(row.id): f"No. {row.id}: {row.subject} → {row.recipient}"
        for row in messages.itertuples()
    }


def show_message(message: MessageView) -> None:
    st.markdown(f"**To:** {plain(message.recipient)}  \n**Subject:** {plain(message.subject)}")
    st.caption(
        f"{STATE_WORDS[message.state]}, {message.attempts} attempt(s)"
        + (f"; last error: {plain(message.last_error)}" if message.last_error else "")
        + (f"; attachment: {plain(message.attachment_name)}" if message.attachment_name else "")
    )
    st.text(message.body_text)
