"""Running one user action through a service: commit, then a message on the next run; on
refusal, problems beside their fields or the service's message at the top."""

from collections.abc import Callable
from typing import Any

import streamlit as st

from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.ui import feedback
from civic_challenge.ui.database import db_session
from civic_challenge.ui.text import plain


def attempt(form: str, action: Callable[[Any], Any], success: Callable[[Any], str] | str) -> None:
    """Run `action(session)` in one unit of work, then rerun with the outcome shown."""
    try:
        with db_session() as session:
            result = action(session)
    except InvalidInput as invalid:
        feedback.remember_problems(form, invalid.problems)
        st.rerun()
    except ServiceError as error:
        feedback.clear_problems(form)
        feedback.flash("error", _message(error))
        st.rerun()
    feedback.clear_problems(form)
    feedback.flash("success", success(result) if callable(success) else success)
    st.rerun()


def _message(error: ServiceError) -> str:
    """A refusal's message; a list of reasons (e.g. why no assignment exists) as bullets."""
    reasons = getattr(error, "reasons", None)
    if not reasons:
        return plain(str(error))
    return "No assignment meets every rule:\n" + "\n".join(f"- {plain(r)}" for r in reasons)
