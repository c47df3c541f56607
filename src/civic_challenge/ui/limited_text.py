"""Text fields whose length limits we check ourselves, with a count that is always shown.

`max_chars` makes the browser refuse a longer paste whole and silently; these fields take any
length, keep the text, and say under the field how it stands against the limit, in words:
"2,431 / 2,000 characters: 431 too many". Saving a draft keeps over-long text; submitting
lists the problem next to the field (the service's rules do that).

Interface:
    limited_text.text_area(label, *, key, limit, help, word_limit=None, **kwargs) -> str
    limited_text.text_input(label, *, key, limit, help, word_limit=None, **kwargs) -> str
        Draw the field (extra keyword arguments go to Streamlit's widget; never `max_chars`)
        and its counter; return the value.
    limited_text.counter(text, limit, word_limit=None) -> str
        The counter's words, e.g. for a field drawn another way.
    limited_text.over_limit(text, limit, word_limit=None) -> bool
"""

from collections.abc import Callable
from typing import Any

import streamlit as st


def counter(text: str, limit: int, word_limit: int | None = None) -> str:
    length = len(text)
    parts = [f"{length:,} / {limit:,} characters"]
    if length > limit:
        parts[0] += f": {length - limit:,} too many"
    if word_limit is not None:
        words = len(text.split())
        parts.append(f"{words:,} / {word_limit:,} words")
        if words > word_limit:
            parts[-1] += f": {words - word_limit:,} too many"
    return "; ".join(parts)


def over_limit(text: str, limit: int, word_limit: int | None = None) -> bool:
    return len(text) > limit or (word_limit is not None and len(text.split()) > word_limit)


def text_area(label: str, *, key: str, limit: int, help: str, **kwargs: Any) -> str:
    return _limited(st.text_area, label, key=key, limit=limit, help=help, **kwargs)


def text_input(label: str, *, key: str, limit: int, help: str, **kwargs: Any) -> str:
    return _limited(st.text_input, label, key=key, limit=limit, help=help, **kwargs)


def _limited(
    widget: Callable[..., Any],
    label: str,
    *,
    key: str,
    limit: int,
    help: str,
    word_limit: int | None = None,
    **kwargs: Any,
) -> str:
    if "max_chars" in kwargs:
        raise TypeError("limited_text checks limits itself: do not pass max_chars")
    shown = f"At most {limit:,} characters" + (f" and {word_limit:,} words." if word_limit else ".")
    value = widget(label, key=key, **kwargs) or ""
    st.caption(f"{help}  \n{shown}")
    words = counter(value, limit, word_limit)
    with st.container(key=f"civic_count_{key}"):
        if over_limit(value, limit, word_limit):
            st.markdown(f":red[:material/error: **{words}**]")
        else:
            st.caption(words)
    return value
