"""A save refused because the record changed elsewhere (another tab, a co-applicant, another
organiser): the refusal, drawn next to the form's buttons, and a plain choice.

Interface (for any form with a stored version):

    stale.refuse(form, differences, stored_version)
        Remember the refusal. `differences` maps a field's label to (mine, stored), both as
        short display strings; `stored_version` is the version now in the database. Call it
        when the service refuses a stale save; leave the typed values in their widgets.
    stale.panel(form) -> "keep" | "use_saved" | None
        Draw the refusal where it is called (put it right under the buttons): what happened,
        a table of the person's values beside the stored ones, and two buttons, "Keep mine"
        (save over the new version) and "Use the saved version" (refill the form from the
        database). Returns the choice clicked in this run, else None.
    stale.stored_version(form) -> int | None
        The version to save against after "Keep mine" (None when no refusal is held).
    stale.is_refused(form) -> bool, stale.clear(form)

Button keys are fixed per form and never include a version: a click must never be lost
because a key changed under it.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.ui import focus

_KEY = "civic_stale_{}"
KEEP = "keep"
USE_SAVED = "use_saved"


@dataclass(frozen=True)
class _Refusal:
    differences: dict[str, tuple[str, str]]
    stored_version: int | None


def refuse(
    form: str, differences: Mapping[str, tuple[str, str]], stored_version: int | None
) -> None:
    st.session_state[_KEY.format(form)] = _Refusal(dict(differences), stored_version)


def is_refused(form: str) -> bool:
    return _KEY.format(form) in st.session_state


def stored_version(form: str) -> int | None:
    refusal = st.session_state.get(_KEY.format(form))
    return refusal.stored_version if refusal else None


def clear(form: str) -> None:
    st.session_state.pop(_KEY.format(form), None)


def panel(form: str) -> str | None:
    """The refusal and the choice, drawn here; the choice clicked, if any."""
    refusal: _Refusal | None = st.session_state.get(_KEY.format(form))
    if refusal is None:
        return None
    with st.container(key=f"civic_stale_panel_{form}", border=True):
        st.warning(
            "Not saved: this was changed elsewhere (in another tab or by someone else) after "
            "you opened it. What you typed is still in the form. Compare, then keep yours or "
            "use the saved version.",
            icon=":material/sync_problem:",
        )
        if refusal.differences:
            with st.expander("See what changed", expanded=True):
                st.table(_table(refusal.differences))
        else:
            st.caption("The saved version holds the same values as your form.")
        left, right = st.columns(2)
        keep = left.button(
            "Keep mine",
            key=f"civic_stale_keep_{form}",
            type="primary",
            help="Save what is in the form now, replacing the version saved elsewhere.",
        )
        use = right.button(
            "Use the saved version",
            key=f"civic_stale_use_{form}",
            help="Replace what is in the form with the version saved elsewhere.",
        )
    focus.move_to(f"civic_stale_panel_{form}", token=f"stale:{form}:{refusal.stored_version}")
    return KEEP if keep else USE_SAVED if use else None


def _table(differences: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    rows = [
        {"Field": label, "Yours (in the form)": mine, "Saved now": stored}
        for label, (mine, stored) in differences.items()
    ]
    return pd.DataFrame(rows).set_index("Field")


def shorten(value: object, limit: int = 200) -> str:
    """A value as a table cell: empty shown in words, long text cut with an ellipsis."""
    if value is None or value == "" or value == () or value == []:
        return "(empty)"
    if isinstance(value, list | tuple | set | frozenset):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def differences(
    labels: Mapping[str, str], mine: Mapping[str, object], stored: Mapping[str, object]
) -> dict[str, tuple[str, str]]:
    """label -> (mine, stored) for the fields (keys of `labels`) whose values differ."""
    found = {}
    for field, label in labels.items():
        a, b = mine.get(field), stored.get(field)
        if _normal(a) != _normal(b):
            found[label] = (shorten(a), shorten(b))
    return found


def _normal(value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(sorted(map(str, value))) or None
    return value
