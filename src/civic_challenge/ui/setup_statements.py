"""The Set-up page's challenge statements: their table, the form to add or change one (its
theme, partner and own award ceiling), and removing one."""

from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.setup import SetupView
from civic_challenge.services.statements import (
    DESCRIPTION_MAX,
    PARTNER_MAX,
    TITLE_MAX,
    StatementValues,
    remove_statement,
    save_statement,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.setup import RowForm, choose, form_heading, removal, row_section, rows_drawn
from civic_challenge.ui.text import pounds

STATEMENT_FORM = "statement"
LABELS = {
    "theme_key": "Theme",
    "title": "Title",
    "description": "The problem",
    "partner": "Partner",
    "max_award_pence": "Own award ceiling",
}


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


def statement_section(actor: UserView, view: SetupView) -> None:
    """The form for the chosen statement (or a new one) and its removal, each made against the
    statement as it was when the form was drawn."""
    typed = statement_form(view)
    if typed is None:
        return
    chosen, submitted, values = typed
    gone = removal(view.statements, "statement", "title")

    def save(session: Any, version: int) -> None:
        save_statement(
            session=session,
            actor=actor,
            statement_id=chosen,
            values=values,
            version=version if chosen is not None else None,
            now=now(),
        )

    def remove(session: Any, version: int) -> None:
        remove_statement(
            session=session, actor=actor, statement_id=gone, version=version, now=now()
        )

    form = RowForm(
        submitted,
        {f: getattr(values, f) for f in LABELS},
        save,
        "Statement saved.",
        (remove, "Statement removed.") if gone is not None else None,
    )
    row_section(STATEMENT_FORM, view.statements, chosen, LABELS, form)


def statement_form(view: SetupView) -> tuple[int | None, bool, StatementValues] | None:
    """(the statement chosen or None for a new one, submitted?, the values as typed); None
    while there is no theme to put a statement under."""
    if view.themes.empty:
        st.info(
            "Add a theme first: each challenge statement sits under one.", icon=":material/info:"
        )
        return None
    rows = {int(r.id): r for r in view.statements.itertuples()}
    themes = dict(zip(view.themes["key"], view.themes["name"], strict=True))
    chosen = choose("statement", {i: r.title for i, r in rows.items()})
    row = rows.get(chosen) if chosen is not None else None
    versions.remember(STATEMENT_FORM, rows_drawn(view.statements, LABELS), chosen or "new")
    key = lambda field: versions.key(STATEMENT_FORM, f"{chosen or 'new'}_{field}")  # noqa: E731
    with st.form(STATEMENT_FORM):
        form_heading("statement", row.title if row else None)
        feedback.problem_summary(STATEMENT_FORM)
        theme_keys = list(themes)
        theme = st.selectbox(
            "Theme",
            theme_keys,
            index=theme_keys.index(row.theme_key) if row and row.theme_key in themes else None,
            format_func=themes.get,
            key=key("theme"),
        )
        st.caption("The strategy priority this problem sits under.")
        feedback.field_problems(STATEMENT_FORM, "theme", theme)
        title = limited_text.text_input(
            "Title",
            value=row.title if row else "",
            limit=TITLE_MAX,
            help="e.g. 'Active travel'. A new statement's key is made from it.",
            key=key("title"),
        )
        feedback.field_problems(STATEMENT_FORM, "title", title)
        description = limited_text.text_area(
            "The problem",
            value=row.description if row else "",
            limit=DESCRIPTION_MAX,
            help="The question applicants answer.",
            key=key("description"),
        )
        feedback.field_problems(STATEMENT_FORM, "description", description)
        partner = limited_text.text_input(
            "Partner",
            value=row.partner if row else "",
            limit=PARTNER_MAX,
            help="The organisation behind the problem.",
            key=key("partner"),
        )
        feedback.field_problems(STATEMENT_FORM, "partner", partner)
        has_own = row is not None and not pd.isna(row.max_award_pence)
        own = st.number_input(  # no min_value: a negative is refused in words, by us
            "Own award ceiling (£, 0 for the challenge's)",
            value=int(row.max_award_pence) // 100 if has_own else 0,
            step=1000,
            key=key("ceiling"),
        )
        st.caption("Leave at 0 to use the challenge's ceiling.")
        ceiling = int(own or 0) * 100 or None
        feedback.field_problems(STATEMENT_FORM, "ceiling", ceiling)
        submitted = st.form_submit_button("Save statement", type="primary")
    values = StatementValues("", theme or "", title, description, partner, ceiling)
    return chosen, submitted, values
