"""Streamlit's st.login, when an [auth] block is configured in secrets.toml (see README)."""

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Identity:
    subject: str
    email: str | None
    email_verified: bool


def configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def identity() -> Identity | None:
    """Who the provider says is here, or None. A provider that sends no `email_verified`
    claim is trusted for its emails: it is the organisation's own, configured by its admins."""
    if not configured() or not st.user.get("is_logged_in"):
        return None
    subject = str(st.user.get("sub") or "")
    if not subject:
        return None
    verified = st.user.get("email_verified")
    return Identity(subject, st.user.get("email"), verified is not False)


def start() -> None:
    st.login()


def end() -> None:
    if configured() and st.user.get("is_logged_in"):
        st.logout()
