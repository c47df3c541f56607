"""The Set-up page's challenge form: its name, dates (London time), money (whole pounds) and who
may apply."""

from typing import Any

import streamlit as st

from civic_challenge.services.setup import ChallengeValues, SetupView
from civic_challenge.ui import feedback
from civic_challenge.ui.setup import moment_input, pounds_input

CHALLENGE_FORM = "challenge"


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
