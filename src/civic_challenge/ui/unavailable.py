"""A database that is down, read-only or full, said plainly where the failed step was: around
the whole app run, and around each fragment (a fragment reruns on its own, outside the app's
frame).

What the person typed survives the failed run: the run ends with st.stop(), and Streamlit
forgets the values of widgets a run did not draw only when that run finished whole, so the
values stay in session state and the form comes back with them on "Try again". The forms that
save themselves draw on when their autosave fails (`autosave_failure`), so the failed step
is refused beside a form that still shows every typed character."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st

from civic_challenge.services import database

KEPT = (
    "Your work is kept: what you typed is still in the form, and everything saved before "
    "it is safe."
)
UNAVAILABLE = {
    "unreachable": "The database is unavailable just now, so this last step was not saved. "
    f"{KEPT} Try again in a minute to save it.",
    "read_only": "The database cannot be written to just now (it is read-only), so this last "
    f"step was not saved. {KEPT} Please tell the team running this site, then try again to "
    "save it.",
    "full": "The database's disk is full, so this last step was not saved. "
    f"{KEPT} Please tell the team running this site, then try again to save it.",
}
NOT_AUTOSAVED = {
    "unreachable": "the database is unavailable just now",
    "read_only": "the database is read-only just now",
    "full": "the database's disk is full",
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


def autosave_failure(error: Exception) -> str | None:
    """What to show beside a form whose autosave met a database that is down, read-only or
    full (None for any other error): the form stays drawn with what was typed, and its buttons
    stay, so only the step that needs the database is refused."""
    reason = database.database_unavailable(error)
    if reason is None:
        return None
    return (
        f"Not saved automatically: {NOT_AUTOSAVED[reason]}. What you typed is still here; "
        "it saves itself at your next change or click once the database is back."
    )


def guarded(body: Body) -> Body:
    """The same message for a fragment's body: put it under `@st.fragment`."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> Any:
        with database_unavailable_message():
            return body(*args, **kwargs)

    return run  # type: ignore[return-value]
