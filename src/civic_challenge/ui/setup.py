"""What the Set-up page's forms share: day-and-time and pounds inputs (the new challenge form
uses them too), choosing a theme or statement to edit or remove, and running an action. Dates
are typed in London time; money in whole pounds. The forms: ui.setup_phase, ui.setup_themes,
ui.setup_statements and ui.setup_challenge."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui import stale
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.text import LONDON, plain, pounds


def moment_input(label: str, value: datetime, key: str, help_text: str) -> datetime:
    """A day and a time in London (as people read the calendar), returned in UTC."""
    local = value.astimezone(LONDON)
    left, right = st.columns(2)
    day = left.date_input(
        f"{label}: day", value=local.date(), key=f"{key}_day", format="DD/MM/YYYY"
    )
    left.caption(help_text)
    at = right.time_input(
        f"{label}: time (London)",
        value=local.time().replace(tzinfo=None),
        key=f"{key}_time",
    )
    right.caption("London time, 24-hour clock (British Summer Time when it applies).")
    return datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)


def pounds_input(
    label: str, pence: int | None, help_text: str, *, container: Any = st, key: str | None = None
) -> int:
    """Whole pounds typed, integer pence returned (an empty box is £0)."""
    typed = container.number_input(  # no min_value: a negative is refused in words, by us
        label,
        value=None if pence is None else pence // 100,
        step=1000,
        key=key,
        placeholder="In whole pounds",
    )
    container.caption(help_text)
    return int(typed or 0) * 100


def choose(what: str, names: dict[int, str]) -> int | None:
    """Which theme or statement to edit (None: add a new one); no choice while there is none.
    A choice whose row is gone (removed here or elsewhere) falls back to adding a new one."""
    key = f"{what}_choice"
    if st.session_state.get(key) not in (None, *names):
        del st.session_state[key]
    if not names:
        return None
    chosen = st.selectbox(
        f"{what.capitalize()} to edit",
        [None, *names],
        format_func=lambda i: f"Add a new {what}" if i is None else names[i],
        key=key,
    )
    st.caption(f"Choose a {what} to change it, or add a new one.")
    return chosen


def form_heading(what: str, name: str | None) -> None:
    st.markdown(f"**Change '{plain(name)}'**" if name is not None else f"**Add a {what}**")


def removal(frame: pd.DataFrame, what: str, label: str) -> int | None:
    """'Remove this theme' (or statement) for the one chosen above, behind a second click; its
    id once confirmed."""
    rows = {int(r.id): r for r in frame.itertuples()}
    chosen = st.session_state.get(f"{what}_choice")
    if chosen not in rows:
        return None
    with st.popover(f"Remove this {what}", icon=":material/delete:"):
        st.markdown(
            f"Remove **{plain(getattr(rows[chosen], label))}**? This cannot be undone. A {what} "
            "that proposals use (drafts included) cannot be removed: the app will say so."
        )
        if st.button(f"Yes, remove this {what}", key=f"remove_{what}", type="primary"):
            return chosen
    return None


@dataclass(frozen=True)
class RowForm:
    """A theme or statement form's outcome: submitted? the typed values by field (named as the
    frame's columns), the save as `action(session, version)` and its message, and the removal
    of the chosen row once confirmed (action and message) or None."""

    submitted: bool
    mine: dict[str, Any]
    save: Callable[[Any, int], Any]
    saved: Any
    removal: tuple[Callable[[Any, int], Any], Any] | None = None


def row_section(
    form: str, frame: pd.DataFrame, chosen: int | None, labels: dict[str, str], typed: RowForm
) -> None:
    """Save or remove the theme or statement chosen (or add a new one) against the row as it was
    when its form was drawn: refused beside the buttons, with what changed, if it changed since.
    Call `versions.remember(form, rows_drawn(frame, labels))` before drawing the form."""
    stored_rows = rows_drawn(frame, labels).values
    stored = stored_rows.get(chosen, versions.Drawn(0, {}))
    drawn = versions.drawn_values(form).get(chosen, stored)
    action, success, submitted = typed.save, typed.saved, typed.submitted
    if typed.removal is not None:
        (action, success), submitted = typed.removal, True
    state = versions.FormState(stored, typed.mine, labels, action, success, _shown, typed.mine)
    versions.finish(form, submitted, state, drawn)


def rows_drawn(frame: pd.DataFrame, labels: dict[str, str]) -> versions.Drawn:
    """Every row's version and values (by the fields in `labels`), by id."""
    return versions.Drawn(
        0,
        {
            int(r.id): versions.Drawn(int(r.version), _row_values(r, labels))
            for r in frame.itertuples()
        },
    )


def _row_values(row: Any, labels: dict[str, str]) -> dict[str, Any]:
    return {f: (None if pd.isna(v := getattr(row, f)) else v) for f in labels}


def _shown(field: str, value: Any) -> str:
    if field.startswith("target_") and isinstance(value, float):
        return f"{value:.1%}"
    if field.endswith("_pence"):
        return "the challenge's" if value is None else pounds(int(value))
    return stale.shorten(value)


def act(
    form: str, service: Callable[..., Any], success: Any, actor: UserView, arguments: Any
) -> None:
    """Run one Set-up action as `actor`, now, in its own unit of work (see ui.actions);
    `arguments` are the service's other keyword arguments: a dict, or a form's dataclass whose
    fields are named after them."""
    given = arguments if isinstance(arguments, dict) else vars(arguments)
    attempt(form, lambda s: service(session=s, actor=actor, now=now(), **given), success)
