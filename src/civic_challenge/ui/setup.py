"""The Set-up page's forms: the challenge, its phase, themes (strategy priorities), statements."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from civic_challenge.domain.terms import Phase
from civic_challenge.services.setup import ChallengeValues, SetupView, StatementValues, ThemeValues
from civic_challenge.ui import feedback
from civic_challenge.ui.text import pounds

CHALLENGE_FORM, THEME_FORM, STATEMENT_FORM, PHASE_FORM = "challenge", "theme", "statement", "phase"
PHASE_WORDS = {
    Phase.SETUP: "Set-up: not open to applicants",
    Phase.OPEN: "Open: applicants write and submit",
    Phase.JUDGING: "Judging: judges score",
    Phase.MODERATION: "Moderation: organisers review the scores",
    Phase.DECIDED: "Decided: awards chosen, not yet published",
    Phase.PUBLISHED: "Published: applicants see outcomes and feedback",
}


def _moment(label: str, value: datetime, key: str, help_text: str) -> datetime:
    left, right = st.columns(2)
    day = left.date_input(
        f"{label}: day (UTC)", value=value.date(), key=f"{key}_day", help=help_text
    )
    at = right.time_input(
        f"{label}: time (UTC)", value=value.time(), key=f"{key}_time", help=help_text
    )
    return datetime.combine(day, at, UTC)


def _pounds_input(label: str, pence: int, help_text: str) -> int:
    return (
        int(st.number_input(label, min_value=0, value=pence // 100, step=1000, help=help_text))
        * 100
    )


def challenge_form(view: SetupView) -> ChallengeValues | None:
    v = view.values
    with st.form(CHALLENGE_FORM):
        feedback.problem_summary(CHALLENGE_FORM)
        name = st.text_input("Name", v.name, max_chars=200, help="Shown on the public page.")
        feedback.field_problems(CHALLENGE_FORM, "name")
        description = st.text_area(
            "Description", v.description, max_chars=5000, help="A paragraph for applicants."
        )
        feedback.field_problems(CHALLENGE_FORM, "description")
        opens = _moment("Opens", v.opens_at, "opens", "When applicants can start submitting.")
        closes = _moment("Deadline", v.closes_at, "closes", "Submissions close at this moment.")
        judging = _moment("Judging closes", v.judging_closes_at, "judging", "Reviews due by then.")
        feedback.field_problems(CHALLENGE_FORM, "dates")
        budget = _pounds_input("Budget (£)", v.budget_pence, "All awards together, in pounds.")
        feedback.field_problems(CHALLENGE_FORM, "budget")
        ceiling = _pounds_input(
            "Award ceiling (£)", v.max_award_pence, "The most one award may be."
        )
        feedback.field_problems(CHALLENGE_FORM, "max_award")
        st.markdown("**Who may apply**")
        employees = st.number_input(
            "Most employees", min_value=0, value=v.max_employees, help="249 for an SME."
        )
        turnover = _pounds_input(
            "Highest turnover (£)", v.max_turnover_pence, "Annual turnover limit, in pounds."
        )
        london = st.checkbox("London-based only", v.london_only, help="Registered in a borough.")
        per_statement = st.number_input(
            "Proposals per organisation and statement",
            min_value=1,
            value=v.max_proposals_per_statement,
            help="How many proposals one organisation may send to the same statement.",
        )
        feedback.field_problems(CHALLENGE_FORM, "rules")
        if not st.form_submit_button("Save the challenge"):
            return None
    return ChallengeValues(
        name,
        description,
        opens,
        closes,
        judging,
        budget,
        ceiling,
        int(employees),
        turnover,
        bool(london),
        int(per_statement),
    )


def phase_form(view: SetupView) -> tuple[Phase, bool] | None:
    st.markdown(f"Now: **{PHASE_WORDS[view.phase]}**")
    with st.form(PHASE_FORM):
        phases = [p for p in Phase if p is not view.phase]
        later = [p for p in phases if list(Phase).index(p) > list(Phase).index(view.phase)]
        phase = st.selectbox(
            "Move to",
            phases,
            index=phases.index(later[0]) if later else 0,
            format_func=PHASE_WORDS.get,
            help="Each phase decides what applicants and judges may do.",
        )
        confirm = st.checkbox(
            "Publish even though reviews are missing",
            help="Only used when moving to Published.",
        )
        if not st.form_submit_button("Change phase"):
            return None
    return Phase(phase), bool(confirm)


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
    chosen = st.selectbox(
        "Theme to edit",
        [None, *rows],
        format_func=lambda i: "Add a new theme" if i is None else rows[i].name,
        help="Choose a theme to change it, or add one.",
        key="theme_choice",
    )
    row = rows.get(chosen) if chosen is not None else None
    with st.form(f"{THEME_FORM}_{chosen}"):
        feedback.problem_summary(THEME_FORM)
        key = st.text_input("Key", row.key if row else "", help="Short, e.g. 'climate'.")
        feedback.field_problems(THEME_FORM, "key")
        name = st.text_input("Name", row.name if row else "", help="e.g. 'Climate change'.")
        feedback.field_problems(THEME_FORM, "name")
        description = st.text_area(
            "Description", row.description if row else "", help="What this priority is about."
        )
        budget = st.number_input(
            "Target share of the budget (%)",
            0.0,
            100.0,
            float(row.target_budget_share * 100) if row else 0.0,
            step=0.5,
            help="Across themes these should add up to 100%.",
        )
        awards = st.number_input(
            "Target share of the awards (%)",
            0.0,
            100.0,
            float(row.target_award_share * 100) if row else 0.0,
            step=0.5,
            help="Across themes these should add up to 100%.",
        )
        feedback.field_problems(THEME_FORM, "shares")
        colour = st.color_picker(
            "Colour", row.colour if row else "#0072B2", help="Charts also use patterns and labels."
        )
        feedback.field_problems(THEME_FORM, "colour")
        if not st.form_submit_button("Save theme"):
            return None
    values = ThemeValues(key.strip(), name, description, budget / 100, awards / 100, colour)
    return ThemeEdit(chosen, int(row.version) if row else None, values)


def statements_table(view: SetupView) -> None:
    s = view.statements
    if s.empty:
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Key": s["key"],
                "Statement": s["title"],
                "Theme": s["theme_key"],
                "Partner": s["partner"],
                "Own ceiling": s["max_award_pence"].map(
                    lambda p: "challenge's" if pd.isna(p) else pounds(int(p))
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
    rows = {int(r.id): r for r in view.statements.itertuples()}
    themes = dict(zip(view.themes["key"], view.themes["name"], strict=True))
    chosen = st.selectbox(
        "Statement to edit",
        [None, *rows],
        format_func=lambda i: "Add a new statement" if i is None else rows[i].title,
        help="Choose a statement to change it, or add one.",
        key="statement_choice",
    )
    row = rows.get(chosen) if chosen is not None else None
    with st.form(f"{STATEMENT_FORM}_{chosen}"):
        feedback.problem_summary(STATEMENT_FORM)
        key = st.text_input("Key", row.key if row else "", help="Short, e.g. 'active-travel'.")
        feedback.field_problems(STATEMENT_FORM, "key")
        theme_keys = list(themes)
        theme = st.selectbox(
            "Theme",
            theme_keys,
            index=theme_keys.index(row.theme_key) if row and row.theme_key in themes else None,
            format_func=themes.get,
            help="The strategy priority this problem sits under.",
        )
        feedback.field_problems(STATEMENT_FORM, "theme")
        title = st.text_input("Title", row.title if row else "", help="e.g. 'Active travel'.")
        feedback.field_problems(STATEMENT_FORM, "title")
        description = st.text_area(
            "The problem", row.description if row else "", help="The question applicants answer."
        )
        partner = st.text_input(
            "Partner", row.partner if row else "", help="The organisation behind the problem."
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
    values = StatementValues(
        key.strip(), theme or "", title, description, partner, int(own) * 100 or None
    )
    return StatementEdit(chosen, int(row.version) if row else None, values)
