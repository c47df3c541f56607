"""Running one user action through a service: commit, then a message on the next run; on
refusal, problems beside their fields or the service's message at the top."""

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.ui import feedback
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain


def attempt(
    form: str,
    action: Callable[[Any], Any],
    success: Callable[[Any], str] | str,
    *,
    here: bool = False,
    values: Mapping[str, object] | None = None,
) -> None:
    """Run `action(session)` in one unit of work, then rerun with the outcome shown: at the top
    of the page, or with `here` next to the form's buttons (`feedback.show_here(form)`).
    `values` (by field) lets a field's error disappear once the field is changed."""
    try:
        with db_session() as session:
            result = action(session)
    except InvalidInput as invalid:
        feedback.remember_problems(form, invalid.problems, values)
        if here:
            feedback.say_here(form, "error", not_saved(invalid.problems))
        st.rerun()
    except ServiceError as error:
        feedback.clear_problems(form)
        _tell(form, "error", _message(error), here)
        st.rerun()
    feedback.clear_problems(form)
    _tell(form, "success", success(result) if callable(success) else success, here)
    st.rerun()


def _tell(form: str, kind: str, message: str, here: bool) -> None:
    if here:
        feedback.say_here(form, kind, message)
    else:
        feedback.flash(kind, message)


def not_saved(problems: Mapping[str, list[str]]) -> str:
    count = sum(len(messages) for messages in problems.values())
    noun = "problem" if count == 1 else "problems"
    return f"Not saved: {count} {noun} to fix, shown next to the fields above."


def _message(error: ServiceError) -> str:
    """A refusal's message; a list of reasons (e.g. why no assignment exists) as bullets."""
    reasons = getattr(error, "reasons", None)
    if not reasons:
        return plain(str(error))
    return "No assignment meets every rule:\n" + "\n".join(f"- {plain(r)}" for r in reasons)
