"""The address people reach this app at, for links in the messages it sends."""

from urllib.parse import urljoin

import streamlit as st

from civic_challenge.config import get_settings
from civic_challenge.domain.accounts import forwarded_client


def base_url() -> str | None:
    """CIVIC_PUBLIC_URL when set (behind a proxy), else the folder of the page being viewed."""
    public = get_settings().public_url
    if public:
        return public.rstrip("/") + "/"
    url = st.context.url
    return urljoin(url, ".") if url else None


def client_address() -> str | None:
    """Where this browser connects from, to throttle sign-in per source (None on loopback).

    Behind a reverse proxy every connection comes from the proxy: name the header it sets in
    CIVIC_CLIENT_ADDRESS_HEADER, and the last address in it (the one the proxy saw) is used."""
    header = get_settings().client_address_header
    forwarded = forwarded_client(st.context.headers.get(header)) if header else None
    return forwarded or st.context.ip_address
