"""Messages that outlive a rerun ("Welcome back"), errors shown next to their field, and the
outcome of a save shown where the person is (next to the buttons).

Where the person is (interface):
    feedback.say_here(form, kind, message)
        Remember the outcome of a save ("success", "info", "warning" or "error") for the next
        run; it is shown once.
    feedback.show_here(form)
        Draw it where called (right under the form's buttons), also as a toast, and move the
        keyboard focus and the view to it.

Errors beside their fields: `remember_problems(form, problems, values=...)` keeps the values
the refused save was made with; `field_problems(form, field, current)` then hides a field's
message as soon as that field's value differs (the person fixed it).
"""

from collections.abc import Mapping
from itertools import count

import streamlit as st

from civic_challenge.ui import focus

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


_MISSING = object()


def remember_problems(
    form: str, problems: Mapping[str, list[str]], values: Mapping[str, object] | None = None
) -> None:
    """Keep a refusal's problems by field; `values` (by the same field names) are what was
    refused, so a message can disappear once its field is changed."""
    st.session_state[problems_key(form)] = dict(problems)
    st.session_state[_values_key(form)] = dict(values or {})


def clear_problems(form: str) -> None:
    st.session_state.pop(problems_key(form), None)
    st.session_state.pop(_values_key(form), None)


def field_problems(form: str, field: str, current: object = _MISSING) -> None:
    """The messages for one field, drawn right under it, words first (never colour alone).
    With `current`, nothing is drawn once the value differs from the refused one."""
    refused = st.session_state.get(_values_key(form), {})
    if current is not _MISSING and field in refused and refused[field] != current:
        return
    for message in st.session_state.get(problems_key(form), {}).get(field, []):
        st.error(f"{message}", icon=":material/error:")


def _values_key(form: str) -> str:
    return f"civic_problem_values_{form}"


_HERE = "civic_here_{}"
_tokens = count(1)


def say_here(form: str, kind: str, message: str) -> None:
    st.session_state[_HERE.format(form)] = (kind, message, next(_tokens))


def show_here(form: str) -> None:
    kind, message, token = st.session_state.pop(_HERE.format(form), (None, None, None))
    if not kind:
        return
    box = f"civic_here_box_{form}"
    with st.container(key=box):
        _SHOW[kind](message, icon=_ICONS[kind])
    st.toast(message, icon=_ICONS[kind])
    focus.move_to(box, token=f"here:{form}:{token}")


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
