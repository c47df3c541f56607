"""What an organiser form was drawn from, so that a save made from an old page (another tab,
another organiser saved in between) is refused next to the buttons (ui.stale's panel) instead of
overwriting their change, and what was typed stays in the form.

Widget keys carry the form's name and a draw number that only this session changes (after a
save goes through, or when the person takes the saved version): never a stored version, so a
change saved elsewhere never swaps the widgets, the typed values or the click from under the
person. A form is drawn afresh (and its version taken again) when its widgets are new: on a
first visit, on coming back from another page, after a save.

A form using it: `drawn = remember(form, stored)` before its widgets (keys from `key`), then
`finish(form, submitted, FormState(...))` under its buttons.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from civic_challenge.services.errors import ChangedElsewhere
from civic_challenge.ui import feedback, stale
from civic_challenge.ui.actions import attempt

_DRAWN = "civic_drawn_{}"
_NUMBER = "civic_draw_number_{}"


@dataclass(frozen=True)
class Drawn:
    """A form's stored version and values (by field), as read for this run or when drawn."""

    version: int
    values: Mapping[str, Any]


@dataclass(frozen=True)
class FormState:
    """What `finish` needs: the stored record now, what is typed (by the same fields), their
    labels for the "what changed" table and how to show a value, the save as
    `action(session, version)`, its success message, and the refused values by problem field
    (so a field's error disappears once it is changed)."""

    stored: Drawn
    mine: Mapping[str, Any]
    labels: Mapping[str, str]
    action: Callable[[Any, int], Any]
    success: Callable[[Any], str] | str
    show: Callable[[str, Any], str] = lambda _field, value: stale.shorten(value)
    problem_values: Mapping[str, object] | None = None


def key(form: str, field: str) -> str:
    return f"{form}_{st.session_state.get(_NUMBER.format(form), 0)}_{field}"


def remember(form: str, stored: Drawn, row: Any = None) -> Drawn:
    """What the form was drawn from: `stored` when its widgets are new, else what it was then.
    Call it before drawing the form's widgets. For a form that edits one of several rows
    (`stored.values` by row id, widget keys starting with `key(form, f"{row}_")`), only the
    row now shown is taken afresh when its widgets are new (another row was chosen)."""
    prefix = key(form, "" if row is None else f"{row}_")
    drawn = st.session_state.get(_DRAWN.format(form))
    if drawn is not None and any(str(k).startswith(prefix) for k in st.session_state):
        return drawn
    if drawn is not None and row is not None:
        fresh = {row: stored.values[row]} if row in stored.values else {}
        stored = Drawn(stored.version, {**drawn.values, **fresh})
    st.session_state[_DRAWN.format(form)] = stored
    return stored


def drawn_values(form: str) -> Mapping[str, Any]:
    """The values `remember` kept (empty before the form is drawn)."""
    drawn = st.session_state.get(_DRAWN.format(form))
    return drawn.values if drawn else {}


def redraw(form: str) -> None:
    """Draw the form afresh from what is stored (its widgets get new keys) on the next run."""
    number = _NUMBER.format(form)
    st.session_state[number] = st.session_state.get(number, 0) + 1
    st.session_state.pop(_DRAWN.format(form), None)
    stale.clear(form)


def changed(drawn: Drawn, stored: Drawn) -> list[str]:
    """The fields whose stored value changed since the form was drawn. None when only the
    version moved (a change to what this form does not show, e.g. the phase): no reason to
    refuse."""
    if drawn.version == stored.version:
        return []
    return [f for f, value in stored.values.items() if drawn.values.get(f) != value]


def finish(form: str, submitted: bool, state: FormState, drawn: Drawn | None = None) -> None:
    """Under the form's buttons: save when submitted (refused if a field it shows was changed
    elsewhere since it was drawn), the outcome next to the buttons, and after a refusal the
    choice between keeping what was typed and taking the saved version. `drawn`: what the
    record was when the form was drawn, for a form that picks one of several records (by
    default, what `remember` kept)."""
    if submitted:
        drawn = drawn or st.session_state.get(_DRAWN.format(form), state.stored)
        if changed(drawn, state.stored):
            _refuse(form, state)
            st.rerun()
        _save(form, state, state.stored.version)
    feedback.show_here(form)
    if stale.is_refused(form) and stale.stored_version(form) is None:
        _refuse(form, state)  # refused by the service itself: compare with what is stored now
    choice = stale.panel(form)
    if choice == stale.KEEP:  # they have seen what changed: the form now stands on it
        version = stale.stored_version(form) or state.stored.version
        st.session_state[_DRAWN.format(form)] = Drawn(version, state.stored.values)
        stale.clear(form)
        _save(form, state, version)
    elif choice == stale.USE_SAVED:
        redraw(form)
        feedback.clear_problems(form)
        feedback.say_here(form, "info", "The form now shows the saved version.")
        st.rerun()


def _refuse(form: str, state: FormState) -> None:
    shown = {f: state.show(f, v) for f, v in state.mine.items()}
    stored = {f: state.show(f, v) for f, v in state.stored.values.items()}
    stale.refuse(form, stale.differences(state.labels, shown, stored), state.stored.version)


def _save(form: str, state: FormState, version: int) -> None:
    def run(session: Any) -> Any:
        try:
            result = state.action(session, version)
        except ChangedElsewhere:
            stale.refuse(form, {}, None)  # the next run compares with what is stored then
            raise
        redraw(form)  # the unit of work commits next; a failure there shows an error page
        return result

    attempt(form, run, state.success, here=True, values=state.problem_values)
