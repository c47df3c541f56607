"""The address people reach this app at, for links in the messages it sends."""

from urllib.parse import urljoin

import streamlit as st

from civic_challenge.config import get_settings


def base_url() -> str | None:
    """CIVIC_PUBLIC_URL when set (behind a proxy), else the folder of the page being viewed."""
    public = get_settings().public_url
    if public:
        return public.rstrip("/") + "/"
    url = st.context.url
    return urljoin(url, ".") if url else None


def client_address() -> str | None:
    """Where this browser connects from (None on loopback); used to throttle sign-in."""
    return st.context.ip_address
