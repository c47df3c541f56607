"""The Set-up page's challenge form: its name, dates (London time), money (whole pounds) and who
may apply. Drawn from a version (ui.form_versions): a save made after someone else changed the
challenge is refused next to the button, with what changed, and what was typed stays."""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.setup import (
    DESCRIPTION_MAX,
    NAME_MAX,
    ChallengeValues,
    SetupView,
    update_challenge,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.setup import moment_input, pounds_input
from civic_challenge.ui.text import pounds, when

CHALLENGE_FORM = "challenge"
LABELS = {
    "name": "Name",
    "description": "Description",
    "opens_at": "Opens",
    "closes_at": "Deadline",
    "judging_closes_at": "Judging closes",
    "budget_pence": "Budget",
    "max_award_pence": "Award ceiling",
    "max_employees": "Most employees",
    "max_turnover_pence": "Highest turnover",
    "london_only": "London-based only",
    "max_proposals_per_statement": "Proposals per organisation and statement",
}


@dataclass(frozen=True)
class ChallengeForm:
    submitted: bool
    values: ChallengeValues  # as typed


def challenge_form(view: SetupView) -> ChallengeForm:
    """The challenge's facts as typed (the stored ones until the person changes them)."""
    v = versions.remember(CHALLENGE_FORM, _stored(view)).values
    key = lambda field: versions.key(CHALLENGE_FORM, field)  # noqa: E731
    with st.form(CHALLENGE_FORM):
        feedback.problem_summary(CHALLENGE_FORM)
        name = limited_text.text_input(
            "Name",
            value=v["name"],
            limit=NAME_MAX,
            help="Shown on the public page.",
            key=key("name"),
        )
        feedback.field_problems(CHALLENGE_FORM, "name", name)
        description = limited_text.text_area(
            "Description",
            value=v["description"],
            limit=DESCRIPTION_MAX,
            help="A paragraph for applicants.",
            key=key("description"),
        )
        feedback.field_problems(CHALLENGE_FORM, "description", description)
        opens = moment_input(
            "Opens", v["opens_at"], key("opens"), "When applicants can start submitting."
        )
        closes = moment_input(
            "Deadline", v["closes_at"], key("closes"), "Submissions close at this moment."
        )
        judging = moment_input(
            "Judging closes", v["judging_closes_at"], key("judging"), "Reviews due by then."
        )
        feedback.field_problems(CHALLENGE_FORM, "dates", (opens, closes, judging))
        budget = pounds_input(
            "Budget (£)", v["budget_pence"], "All awards together, in pounds.", key=key("budget")
        )
        feedback.field_problems(CHALLENGE_FORM, "budget", budget)
        ceiling = pounds_input(
            "Award ceiling (£)",
            v["max_award_pence"],
            "The most one award may be.",
            key=key("ceiling"),
        )
        feedback.field_problems(CHALLENGE_FORM, "max_award", ceiling)
        st.markdown("**Who may apply**")
        employees = st.number_input("Most employees", value=v["max_employees"], key=key("staff"))
        st.caption("249 for an SME.")
        feedback.field_problems(CHALLENGE_FORM, "max_employees", int(employees or 0))
        turnover = pounds_input(
            "Highest turnover (£)",
            v["max_turnover_pence"],
            "Annual turnover limit, in pounds.",
            key=key("turnover"),
        )
        feedback.field_problems(CHALLENGE_FORM, "max_turnover", turnover)
        london = st.checkbox("London-based only", v["london_only"], key=key("ldn"))
        st.caption("Registered in a borough.")
        per_statement = st.number_input(
            "Proposals per organisation and statement",
            value=v["max_proposals_per_statement"],
            key=key("per_statement"),
        )
        st.caption("How many proposals one organisation may send to the same statement.")
        feedback.field_problems(CHALLENGE_FORM, "per_statement", int(per_statement or 0))
        submitted = st.form_submit_button("Save the challenge", type="primary")
    values = ChallengeValues(
        name,
        description,
        opens,
        closes,
        judging,
        budget,
        ceiling,
        int(employees or 0),
        turnover,
        bool(london),
        int(per_statement or 0),
    )
    return ChallengeForm(submitted, values)


def _stored(view: SetupView) -> versions.Drawn:
    return versions.Drawn(view.version, asdict(view.values))


def challenge_section(actor: UserView, view: SetupView) -> None:
    """The form; a save (or, after a refusal, the person's choice) is carried out."""
    form = challenge_form(view)

    def save(session: Any, version: int) -> None:
        update_challenge(
            session=session, actor=actor, values=form.values, version=version, now=now()
        )

    v = form.values
    typed = {
        "name": v.name,
        "description": v.description,
        "budget": v.budget_pence,
        "max_award": v.max_award_pence,
        "max_employees": v.max_employees,
        "max_turnover": v.max_turnover_pence,
        "per_statement": v.max_proposals_per_statement,
        "dates": (v.opens_at, v.closes_at, v.judging_closes_at),
    }
    state = versions.FormState(
        _stored(view), asdict(v), LABELS, save, "Challenge saved.", _shown, typed
    )
    versions.finish(CHALLENGE_FORM, form.submitted, state)


def _shown(field: str, value: Any) -> str:
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field.endswith("_pence") and isinstance(value, int):
        return pounds(value) if value >= 0 else f"-{pounds(-value)}"
    text = str(value)
    return text if len(text) <= 120 else f"{text[:117]}... ({len(text):,} characters)"
