"""The app's own mail sender: one background thread per process, started on first use."""

import threading

import streamlit as st

from civic_challenge.config import get_settings
from civic_challenge.services.clock import now
from civic_challenge.services.mail.delivery import deliver_forever
from civic_challenge.ui.database import get_engine


@st.cache_resource(show_spinner=False)
def start_mail_sender() -> threading.Event | None:
    """Start the sender when mail can leave (a server configured, not demo mode); returns the
    event that stops it. Several processes may each run one: rows are claimed safely."""
    settings = get_settings()
    if not settings.sends_mail:
        return None
    stop = threading.Event()
    thread = threading.Thread(
        target=deliver_forever,
        kwargs={"engine": get_engine(), "settings": settings, "clock": now, "stop": stop},
        name="civic-mail-sender",
        daemon=True,
    )
    thread.start()
    return stop
