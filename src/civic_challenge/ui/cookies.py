"""The session cookie, written from the browser by a tiny component with fixed code.

Streamlit cannot set cookies from Python. The component's JavaScript is a constant; the only
data it receives is our own random token (URL-safe base64), never anything a user typed.
"""

import streamlit as st

from civic_challenge.config import get_settings

COOKIE_NAME = "civic_session"

_JS = """
export default function (component) {
  const { data } = component;
  const secure = data.secure ? "; Secure" : "";
  const value = data.token ? encodeURIComponent(data.token) : "";
  const age = data.token ? data.maxAge : 0;
  document.cookie = `${data.name}=${value}; path=/; max-age=${age}; SameSite=Strict${secure}`;
}
"""

_cookie_writer = st.components.v2.component("civic_session_cookie", js=_JS)


def cookie_token() -> str | None:
    """The token the browser sent when this session's page was loaded (None when not a string:
    AppTest has no browser)."""
    token = st.context.cookies.get(COOKIE_NAME)
    return token if isinstance(token, str) and token else None


def write_cookie(token: str) -> None:
    settings = get_settings()
    data = {
        "name": COOKIE_NAME,
        "token": token,
        "maxAge": settings.session_absolute_hours * 3600,
        "secure": settings.cookie_secure,
    }
    _cookie_writer(data=data, key="civic_cookie")


def clear_cookie() -> None:
    data = {"name": COOKIE_NAME, "token": "", "maxAge": 0, "secure": get_settings().cookie_secure}
    _cookie_writer(data=data, key="civic_cookie")
