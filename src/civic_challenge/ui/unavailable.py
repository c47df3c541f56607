"""A database that is down, read-only or full, said plainly where the failed step was: around
the whole app run, and around each fragment (a fragment reruns on its own, outside the app's
frame)."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st

from civic_challenge.services import database

UNAVAILABLE = {
    "unreachable": "The database is unavailable just now, so this last step was not saved. "
    "Everything saved before it is kept. Try again in a minute.",
    "read_only": "The database cannot be written to just now (it is read-only), so this last "
    "step was not saved. Everything saved before it is kept. Please tell the team running "
    "this site.",
    "full": "The database's disk is full, so this last step was not saved. Everything saved "
    "before it is kept. Please tell the team running this site.",
}

Body = TypeVar("Body", bound=Callable[..., Any])


@contextmanager
def database_unavailable_message() -> Iterator[None]:
    """A database that is down, read-only or full is said so plainly, with a way to try
    again; the app itself carries on and reconnects when the database is back."""
    try:
        yield
    except Exception as error:
        reason = database.database_unavailable(error)
        if reason is None:
            raise
        st.error(UNAVAILABLE[reason], icon=":material/cloud_off:")
        st.button("Try again", key="civic_database_retry", help="Show the page again.")
        st.stop()


def guarded(body: Body) -> Body:
    """The same message for a fragment's body: put it under `@st.fragment`."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> Any:
        with database_unavailable_message():
            return body(*args, **kwargs)

    return run  # type: ignore[return-value]
