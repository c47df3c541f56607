"""The Set-up page's themes (the strategy's priorities): their table, the form to add or change
one, and removing one."""

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.domain.naming import next_theme_colour
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.setup import SetupView
from civic_challenge.services.themes import (
    DESCRIPTION_MAX,
    NAME_MAX,
    ThemeValues,
    remove_theme,
    save_theme,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.setup import RowForm, choose, form_heading, removal, row_section, rows_drawn

THEME_FORM = "theme"
LABELS = {
    "name": "Name",
    "description": "Description",
    "target_budget_share": "Target share of the budget",
    "target_award_share": "Target share of the awards",
    "colour": "Colour",
}


def themes_table(view: SetupView) -> None:
    if view.target_warning:
        st.warning(view.target_warning, icon=":material/warning:")
    if view.themes.empty:
        return
    t = view.themes
    st.dataframe(
        pd.DataFrame(
            {
                "Key": t["key"],
                "Theme": t["name"],
                "Target share of budget": t["target_budget_share"].map("{:.1%}".format),
                "Target share of awards": t["target_award_share"].map("{:.1%}".format),
                "Colour": t["colour"],
                "Description": t["description"],
            }
        ),
        hide_index=True,
    )


def theme_section(actor: UserView, view: SetupView) -> None:
    """The form for the chosen theme (or a new one) and its removal, each made against the
    theme as it was when the form was drawn."""
    chosen, submitted, values = theme_form(view)
    gone = removal(view.themes, "theme", "name")

    def save(session: Any, version: int) -> str | None:
        return save_theme(
            session=session,
            actor=actor,
            theme_id=chosen,
            values=values,
            version=version if chosen is not None else None,
            now=now(),
        )

    def remove(session: Any, version: int) -> str | None:
        return remove_theme(session=session, actor=actor, theme_id=gone, version=version, now=now())

    typed = RowForm(
        submitted,
        {f: getattr(values, f) for f in LABELS},
        save,
        saved("Theme saved"),
        (remove, saved("Theme removed")) if gone is not None else None,
    )
    row_section(THEME_FORM, view.themes, chosen, LABELS, typed)


def theme_form(view: SetupView) -> tuple[int | None, bool, ThemeValues]:
    """(the theme chosen or None for a new one, submitted?, the values as typed)."""
    rows = {int(r.id): r for r in view.themes.itertuples()}
    chosen = choose("theme", {i: r.name for i, r in rows.items()})
    row = rows.get(chosen) if chosen is not None else None
    versions.remember(THEME_FORM, rows_drawn(view.themes, LABELS), chosen or "new")
    key = lambda field: versions.key(THEME_FORM, f"{chosen or 'new'}_{field}")  # noqa: E731
    with st.form(THEME_FORM):
        form_heading("theme", row.name if row else None)
        feedback.problem_summary(THEME_FORM)
        name = limited_text.text_input(
            "Name",
            value=row.name if row else "",
            limit=NAME_MAX,
            help="e.g. 'Climate change'. A new theme's key (used in exports and filters) is "
            "made from it.",
            key=key("name"),
        )
        feedback.field_problems(THEME_FORM, "name", name)
        description = limited_text.text_area(
            "Description",
            value=row.description if row else "",
            limit=DESCRIPTION_MAX,
            help="What this priority is about.",
            key=key("description"),
        )
        feedback.field_problems(THEME_FORM, "description", description)
        budget = _share_input("budget", row.target_budget_share if row else None, key("budget"))
        awards = _share_input("awards", row.target_award_share if row else None, key("awards"))
        feedback.field_problems(THEME_FORM, "shares")
        colour = st.color_picker(
            "Colour",
            row.colour if row else next_theme_colour(view.themes["colour"]),
            key=key("colour"),
        )
        st.caption(
            "Its colour in charts. New themes start from a palette that colour-blind "
            "readers can tell apart; charts also use patterns and labels."
        )
        feedback.field_problems(THEME_FORM, "colour", colour)
        submitted = st.form_submit_button("Save theme", type="primary")
    values = ThemeValues("", name, description, budget / 100, awards / 100, colour)
    return chosen, submitted, values


def _share_input(what: str, share: float | None, key: str) -> float:
    """A target share typed in per cent (0 for a new theme); outside 0-100 is refused in words
    by the service, not blocked by the browser."""
    typed = st.number_input(
        f"Target share of the {what} (%)",
        value=float(share * 100) if share is not None else 0.0,
        step=0.5,
        key=key,
    )
    st.caption("Across themes these should add up to 100%.")
    return float(typed or 0.0)


def saved(what: str) -> Callable[[str | None], str]:
    """The message after saving or removing a theme: a warning when targets do not add up."""
    return lambda warning: f"{what}." + (f" Note: {warning}" if warning else "")
