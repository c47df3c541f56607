"""Addresses of the app's pages in messages: on CIVIC_PUBLIC_URL when set, else on the address
the person is using (passed in by the page), else none (the message then names the page)."""

from urllib.parse import urlencode, urljoin

from civic_challenge.config import get_settings


def page_link(base_url: str | None, page: str, **params: str) -> str | None:
    base = get_settings().public_url or base_url
    if not base:
        return None
    link = urljoin(base.rstrip("/") + "/", page)
    return link + ("?" + urlencode(params) if params else "")
