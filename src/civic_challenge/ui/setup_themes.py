"""The Set-up page's themes (the strategy's priorities): their table, the form to add or change
one, and removing one."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.domain.naming import next_theme_colour
from civic_challenge.services.setup import SetupView
from civic_challenge.services.themes import ThemeValues
from civic_challenge.ui import feedback
from civic_challenge.ui.setup import choose, form_heading, form_key, removal

THEME_FORM = "theme"


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


@dataclass(frozen=True)
class ThemeEdit:
    theme_id: int | None
    version: int | None
    values: ThemeValues


def theme_form(view: SetupView) -> ThemeEdit | None:
    rows = {int(r.id): r for r in view.themes.itertuples()}
    chosen = choose("theme", {i: r.name for i, r in rows.items()})
    row = rows.get(chosen) if chosen is not None else None
    with st.form(form_key(THEME_FORM, row, len(rows))):
        form_heading("theme", row.name if row else None)
        feedback.problem_summary(THEME_FORM)
        name = st.text_input(
            "Name",
            row.name if row else "",
            max_chars=100,
            help="e.g. 'Climate change'. A new theme's key (used in exports and filters) is "
            "made from it.",
        )
        feedback.field_problems(THEME_FORM, "name")
        description = st.text_area(
            "Description",
            row.description if row else "",
            max_chars=2000,
            help="What this priority is about.",
        )
        budget = _share_input("budget", row.target_budget_share if row else None)
        awards = _share_input("awards", row.target_award_share if row else None)
        feedback.field_problems(THEME_FORM, "shares")
        colour = st.color_picker(
            "Colour",
            row.colour if row else next_theme_colour(view.themes["colour"]),
            help="Its colour in charts. New themes start from a palette that colour-blind "
            "readers can tell apart; charts also use patterns and labels.",
        )
        feedback.field_problems(THEME_FORM, "colour")
        if not st.form_submit_button("Save theme"):
            return None
    values = ThemeValues("", name, description, budget / 100, awards / 100, colour)
    return ThemeEdit(chosen, int(row.version) if row else None, values)


def _share_input(what: str, share: float | None) -> float:
    """A target share typed in per cent (0 for a new theme)."""
    return st.number_input(
        f"Target share of the {what} (%)",
        0.0,
        100.0,
        float(share * 100) if share is not None else 0.0,
        step=0.5,
        help="Across themes these should add up to 100%.",
    )


def theme_removal(view: SetupView) -> dict[str, int] | None:
    """'Remove this theme' for the theme chosen above, behind a second click; the removal's
    arguments (theme_id, version) once confirmed."""
    return removal(view.themes, "theme", "name")


def saved(what: str) -> Callable[[str | None], str]:
    """The message after saving or removing a theme: a warning when targets do not add up."""
    return lambda warning: f"{what}." + (f" Note: {warning}" if warning else "")
