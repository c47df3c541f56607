"""Messages that outlive a rerun ("Welcome back") and errors shown next to their field."""

from collections.abc import Mapping

import streamlit as st

FLASH_KEY = "civic_flash"
_SHOW = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}
# Material icons ship with Streamlit; emoji depend on the reader's fonts.
_ICONS = {
    "success": ":material/check_circle:",
    "info": ":material/info:",
    "warning": ":material/warning:",
    "error": ":material/error:",
}


def flash(kind: str, message: str) -> None:
    """Show `message` at the top of the next page drawn."""
    st.session_state[FLASH_KEY] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop(FLASH_KEY, (None, None))
    if kind:
        _SHOW[kind](message, icon=_ICONS[kind])


def problems_key(form: str) -> str:
    return f"civic_problems_{form}"


def remember_problems(form: str, problems: Mapping[str, list[str]]) -> None:
    st.session_state[problems_key(form)] = dict(problems)


def clear_problems(form: str) -> None:
    st.session_state.pop(problems_key(form), None)


def field_problems(form: str, field: str) -> None:
    """The messages for one field, drawn right under it, words first (never colour alone)."""
    for message in st.session_state.get(problems_key(form), {}).get(field, []):
        st.error(f"{message}", icon=":material/error:")


def problem_summary(form: str) -> None:
    """One line at the top of a refused form, so the errors below are not missed."""
    problems = st.session_state.get(problems_key(form), {})
    count = sum(len(messages) for messages in problems.values())
    if count:
        noun = "problem" if count == 1 else "problems"
        st.error(
            f"There {'is' if count == 1 else 'are'} {count} {noun} to fix below.",
            icon=":material/error:",
        )
