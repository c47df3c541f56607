"""The Set-up page's challenge statements: their table, the form to add or change one (its
theme, partner and own award ceiling), and removing one."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.services.setup import SetupView
from civic_challenge.services.statements import StatementValues
from civic_challenge.ui import feedback
from civic_challenge.ui.setup import choose, form_heading, form_key, removal
from civic_challenge.ui.text import pounds

STATEMENT_FORM = "statement"


def statements_table(view: SetupView) -> None:
    s, t, ceiling = view.statements, view.themes, view.values.max_award_pence
    if s.empty:
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Key": s["key"],
                "Statement": s["title"],
                "Theme": s["theme_key"].map(dict(zip(t["key"], t["name"], strict=True))),
                "Partner": s["partner"],
                "Award ceiling": s["max_award_pence"].map(
                    lambda p: f"{pounds(ceiling)} (the challenge's)" if pd.isna(p) else pounds(p)
                ),
            }
        ),
        hide_index=True,
    )


@dataclass(frozen=True)
class StatementEdit:
    statement_id: int | None
    version: int | None
    values: StatementValues


def statement_form(view: SetupView) -> StatementEdit | None:
    if view.themes.empty:
        st.info(
            "Add a theme first: each challenge statement sits under one.", icon=":material/info:"
        )
        return None
    rows = {int(r.id): r for r in view.statements.itertuples()}
    themes = dict(zip(view.themes["key"], view.themes["name"], strict=True))
    chosen = choose("statement", {i: r.title for i, r in rows.items()})
    row = rows.get(chosen) if chosen is not None else None
    with st.form(form_key(STATEMENT_FORM, row, len(rows))):
        form_heading("statement", row.title if row else None)
        feedback.problem_summary(STATEMENT_FORM)
        theme_keys = list(themes)
        theme = st.selectbox(
            "Theme",
            theme_keys,
            index=theme_keys.index(row.theme_key) if row and row.theme_key in themes else None,
            format_func=themes.get,
            help="The strategy priority this problem sits under.",
        )
        feedback.field_problems(STATEMENT_FORM, "theme")
        title = st.text_input(
            "Title",
            row.title if row else "",
            max_chars=200,
            help="e.g. 'Active travel'. A new statement's key is made from it.",
        )
        feedback.field_problems(STATEMENT_FORM, "title")
        description = st.text_area(
            "The problem",
            row.description if row else "",
            max_chars=5000,
            help="The question applicants answer.",
        )
        partner = st.text_input(
            "Partner",
            row.partner if row else "",
            max_chars=200,
            help="The organisation behind the problem.",
        )
        has_own = row is not None and not pd.isna(row.max_award_pence)
        own = st.number_input(
            "Own award ceiling (£, 0 for the challenge's)",
            min_value=0,
            value=int(row.max_award_pence) // 100 if has_own else 0,
            step=1000,
            help="Leave at 0 to use the challenge's ceiling.",
        )
        feedback.field_problems(STATEMENT_FORM, "ceiling")
        if not st.form_submit_button("Save statement"):
            return None
    values = StatementValues("", theme or "", title, description, partner, int(own) * 100 or None)
    return StatementEdit(chosen, int(row.version) if row else None, values)


def statement_removal(view: SetupView) -> dict[str, int] | None:
    """'Remove this statement' for the statement chosen above, like ui.setup_themes'."""
    return removal(view.statements, "statement", "title")
