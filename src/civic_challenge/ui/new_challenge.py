"""The Set-up page on a fresh install: the form that creates the challenge.

Dates are typed in London time and stored in UTC; money is typed in whole pounds and stored in
pence. Each problem the service finds shows under its own field.
"""

from dataclasses import fields
from datetime import datetime, time, timedelta

import streamlit as st

from civic_challenge.domain.challenge_draft import DESCRIPTION_MAX, NAME_MAX
from civic_challenge.services.new_challenge import ChallengeDraft, NewChallenge
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui.setup import moment_input, pounds_input
from civic_challenge.ui.text import LONDON, plain

FORM = "new_challenge"
DEFAULTS = {f.name: f.default for f in fields(ChallengeDraft)}  # the usual rules, e.g. 249 staff


def _field(name: str) -> None:
    feedback.field_problems(FORM, name)


def _whole(label: str, value: int, help_text: str, key: str) -> int:
    """A whole number; no min_value: a negative is refused in words, by the checks."""
    typed = st.number_input(label, value=value, step=1, key=key)
    st.caption(help_text)
    return int(typed or 0)


def create_form(now: datetime) -> ChallengeDraft | None:
    """The form; the draft once submitted (checked by the service, not here)."""
    st.info(
        "There is no challenge yet. Create it here: it starts in its set-up phase, so no one "
        "can submit a proposal until you open the call. Everything can be changed later.",
        icon=":material/info:",
    )
    today = now.astimezone(LONDON).date()
    opens = datetime.combine(today + timedelta(days=1), time(9), tzinfo=LONDON)
    closes = datetime.combine(opens.date() + timedelta(weeks=8), time(17), tzinfo=LONDON)
    judged = datetime.combine(closes.date() + timedelta(weeks=6), time(17), tzinfo=LONDON)
    with st.form(FORM):
        feedback.problem_summary(FORM)
        st.subheader("The challenge")
        left, right = st.columns([3, 1])
        with left:
            name = limited_text.text_input(
                "Name",
                limit=NAME_MAX,
                help="Shown on the public page, e.g. 'Civic Innovation Challenge 2026'. Its web "
                "name is made from it.",
                key="new_name",
            )
            _field("name")
        with right:
            year = _whole(
                "Year", opens.year, "Used in proposal references, e.g. CIC-2026-0042.", "new_year"
            )
            _field("year")
        description = limited_text.text_area(
            "Description",
            limit=DESCRIPTION_MAX,
            help="A paragraph for applicants: what the challenge is for and who may take part.",
            key="new_description",
        )
        _field("description")
        st.subheader("Dates, in London time")
        opens_at = moment_input("Opens", opens, "new_opens", "When applicants can start.")
        _field("opens_at")
        closes_at = moment_input("Deadline", closes, "new_closes", "Submissions close then.")
        _field("closes_at")
        judging_at = moment_input(
            "Judging closes", judged, "new_judging", "Judges' reviews are due by then."
        )
        _field("judging_closes_at")
        st.subheader("Money")
        left, right = st.columns(2)
        with left:
            budget = pounds_input(
                "Budget (£)", None, "All awards together, in whole pounds.", key="new_budget"
            )
            _field("budget_pence")
        with right:
            ceiling = pounds_input(
                "Award ceiling (£)",
                None,
                "The most one award may be; a statement may set a lower one of its own.",
                key="new_ceiling",
            )
            _field("max_award_pence")
        st.subheader("Who may apply")
        left, right = st.columns(2)
        with left:
            employees = _whole(
                "Most employees",
                DEFAULTS["max_employees"],
                "249 for a small or medium-sized enterprise (SME).",
                "new_employees",
            )
            _field("max_employees")
        with right:
            turnover = pounds_input(
                "Highest turnover (£)",
                DEFAULTS["max_turnover_pence"],
                "Annual turnover limit, in whole pounds.",
                key="new_turnover",
            )
            _field("max_turnover_pence")
        london = st.checkbox(
            "London-based only",
            DEFAULTS["london_only"],
            key="new_london",
        )
        st.caption("Applicants must be registered in a London borough.")
        per_statement = _whole(
            "Proposals per organisation and statement",
            DEFAULTS["max_proposals_per_statement"],
            "How many proposals one organisation may send to the same statement.",
            "new_per_statement",
        )
        _field("max_proposals_per_statement")
        st.subheader("Judging")
        left, right = st.columns(2)
        with left:
            reviews = _whole(
                "Reviews per proposal",
                DEFAULTS["reviews_per_proposal"],
                "How many judges score each eligible proposal.",
                "new_reviews",
            )
            _field("reviews_per_proposal")
        with right:
            cap = _whole(
                "Most proposals per judge",
                DEFAULTS["judge_load_cap"],
                "The load cap: no judge is given more than this.",
                "new_cap",
            )
            _field("judge_load_cap")
        if not st.form_submit_button("Create the challenge", type="primary"):
            return None
    return ChallengeDraft(
        name=name,
        description=description,
        year=year,
        opens_at=opens_at,
        closes_at=closes_at,
        judging_closes_at=judging_at,
        budget_pence=budget,
        max_award_pence=ceiling,
        max_employees=employees,
        max_turnover_pence=turnover,
        london_only=bool(london),
        max_proposals_per_statement=per_statement,
        reviews_per_proposal=reviews,
        judge_load_cap=cap,
    )


def created(challenge: NewChallenge) -> str:
    return (
        f"The challenge '{plain(challenge.name)}' is created, in its set-up phase. Next: add "
        "its themes and challenge statements below, then move it to Open."
    )
