"""The Set-up page's forms: the challenge, its phase, themes (strategy priorities), statements,
and removing a theme or statement. Dates are typed in London time; money in whole pounds."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.domain.naming import next_theme_colour
from civic_challenge.domain.terms import Phase
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.setup import ChallengeValues, SetupView, StatementValues, ThemeValues
from civic_challenge.ui import feedback
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.text import LONDON, plain, pounds

CHALLENGE_FORM, THEME_FORM, STATEMENT_FORM, PHASE_FORM = "challenge", "theme", "statement", "phase"
PHASE_WORDS = {
    Phase.SETUP: "Set-up: not open to applicants",
    Phase.OPEN: "Open: applicants write and submit",
    Phase.JUDGING: "Judging: judges score",
    Phase.MODERATION: "Moderation: organisers review the scores",
    Phase.DECIDED: "Decided: awards chosen, not yet published",
    Phase.PUBLISHED: "Published: applicants see outcomes and feedback",
}


def moment_input(label: str, value: datetime, key: str, help_text: str) -> datetime:
    """A day and a time in London (as people read the calendar), returned in UTC."""
    local = value.astimezone(LONDON)
    left, right = st.columns(2)
    day = left.date_input(
        f"{label}: day", value=local.date(), key=f"{key}_day", format="DD/MM/YYYY", help=help_text
    )
    at = right.time_input(
        f"{label}: time (London)",
        value=local.time().replace(tzinfo=None),
        key=f"{key}_time",
        help="London time, 24-hour clock (British Summer Time when it applies).",
    )
    return datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)


def pounds_input(
    label: str, pence: int | None, help_text: str, *, container: Any = st, key: str | None = None
) -> int:
    """Whole pounds typed, integer pence returned (an empty box is £0)."""
    typed = container.number_input(
        label,
        min_value=0,
        value=None if pence is None else pence // 100,
        step=1000,
        help=help_text,
        key=key,
        placeholder="In whole pounds",
    )
    return int(typed or 0) * 100


def challenge_form(view: SetupView) -> dict[str, Any] | None:
    """The challenge's facts; the update's arguments (values, version) once sent."""
    v = view.values
    with st.form(CHALLENGE_FORM):
        feedback.problem_summary(CHALLENGE_FORM)
        name = st.text_input("Name", v.name, max_chars=200, help="Shown on the public page.")
        feedback.field_problems(CHALLENGE_FORM, "name")
        description = st.text_area(
            "Description", v.description, max_chars=5000, help="A paragraph for applicants."
        )
        feedback.field_problems(CHALLENGE_FORM, "description")
        opens = moment_input("Opens", v.opens_at, "opens", "When applicants can start submitting.")
        closes = moment_input(
            "Deadline", v.closes_at, "closes", "Submissions close at this moment."
        )
        judging = moment_input(
            "Judging closes", v.judging_closes_at, "judging", "Reviews due by then."
        )
        feedback.field_problems(CHALLENGE_FORM, "dates")
        budget = pounds_input("Budget (£)", v.budget_pence, "All awards together, in pounds.")
        feedback.field_problems(CHALLENGE_FORM, "budget")
        ceiling = pounds_input("Award ceiling (£)", v.max_award_pence, "The most one award may be.")
        feedback.field_problems(CHALLENGE_FORM, "max_award")
        st.markdown("**Who may apply**")
        employees = st.number_input(
            "Most employees", min_value=0, value=v.max_employees, help="249 for an SME."
        )
        turnover = pounds_input(
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
    values = ChallengeValues(
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
    return {"values": values, "version": view.version}


def phase_form(view: SetupView) -> dict[str, Any] | None:
    """The phase to move to; the change's arguments (phase, confirm, version) once sent."""
    st.markdown(f"Now: **{PHASE_WORDS[view.phase]}**")
    if view.phase is Phase.SETUP and (view.themes.empty or view.statements.empty):
        missing = " and ".join(
            what
            for what, frame in (
                ("a theme", view.themes),
                ("a challenge statement", view.statements),
            )
            if frame.empty
        )
        st.info(
            f"Before you open the call, add at least {missing} below: applicants choose a "
            "statement for each proposal.",
            icon=":material/checklist:",
        )
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
        confirm = False
        if view.phase not in (Phase.SETUP, Phase.OPEN):  # nothing to publish before judging
            confirm = st.checkbox(
                "Publish even though reviews are missing",
                help="Only used when moving to Published.",
            )
        if not st.form_submit_button("Change phase"):
            return None
    return {"phase": Phase(phase), "confirm": bool(confirm), "version": view.version}


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
    chosen = _choose("theme", {i: r.name for i, r in rows.items()})
    row = rows.get(chosen) if chosen is not None else None
    with st.form(_form_key(THEME_FORM, row, len(rows))):
        _form_heading("theme", row.name if row else None)
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
    chosen = _choose("statement", {i: r.title for i, r in rows.items()})
    row = rows.get(chosen) if chosen is not None else None
    with st.form(_form_key(STATEMENT_FORM, row, len(rows))):
        _form_heading("statement", row.title if row else None)
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


def _choose(what: str, names: dict[int, str]) -> int | None:
    """Which theme or statement to edit (None: add a new one); no choice while there is none.
    A choice whose row is gone (removed here or elsewhere) falls back to adding a new one."""
    key = f"{what}_choice"
    if st.session_state.get(key) not in (None, *names):
        del st.session_state[key]
    if not names:
        return None
    return st.selectbox(
        f"{what.capitalize()} to edit",
        [None, *names],
        format_func=lambda i: f"Add a new {what}" if i is None else names[i],
        help=f"Choose a {what} to change it, or add a new one.",
        key=key,
    )


def _form_key(form: str, row: Any, count: int) -> str:
    """A fresh form (empty, or the stored values) once a save went through: keyed on the row's
    version when editing, on how many rows there are when adding. A refused save keeps what
    was typed, as nothing changed."""
    return f"{form}_{row.id}_{row.version}" if row is not None else f"{form}_new_{count}"


def _form_heading(what: str, name: str | None) -> None:
    st.markdown(f"**Change '{plain(name)}'**" if name is not None else f"**Add a {what}**")


def theme_removal(view: SetupView) -> dict[str, int] | None:
    """'Remove this theme' for the theme chosen above, behind a second click; the removal's
    arguments (theme_id, version) once confirmed."""
    return _removal(view.themes, "theme", "name")


def statement_removal(view: SetupView) -> dict[str, int] | None:
    return _removal(view.statements, "statement", "title")


def _removal(frame: pd.DataFrame, what: str, label: str) -> dict[str, int] | None:
    rows = {int(r.id): r for r in frame.itertuples()}
    chosen = st.session_state.get(f"{what}_choice")
    if chosen not in rows:
        return None
    row = rows[chosen]
    with st.popover(f"Remove this {what}", icon=":material/delete:"):
        st.markdown(
            f"Remove **{plain(getattr(row, label))}**? This cannot be undone. A {what} that "
            "proposals use (drafts included) cannot be removed: the app will say so."
        )
        if st.button(f"Yes, remove this {what}", key=f"remove_{what}", type="primary"):
            return {f"{what}_id": chosen, "version": int(row.version)}
    return None


def saved(what: str) -> Callable[[str | None], str]:
    """The message after saving or removing a theme: a warning when targets do not add up."""
    return lambda warning: f"{what}." + (f" Note: {warning}" if warning else "")


def act(
    form: str, service: Callable[..., Any], success: Any, actor: UserView, arguments: Any
) -> None:
    """Run one Set-up action as `actor`, now, in its own unit of work (see ui.actions);
    `arguments` are the service's other keyword arguments: a dict, or a form's dataclass whose
    fields are named after them."""
    given = arguments if isinstance(arguments, dict) else vars(arguments)
    attempt(form, lambda s: service(session=s, actor=actor, now=now(), **given), success)


def phase_message(moved: dict[str, Any]) -> str:
    return f"The challenge is now in its {moved['phase'].value} phase."
