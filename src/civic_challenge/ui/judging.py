"""The organisers' Judging page parts: settings, conflict suggestions, progress per judge."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from civic_challenge.services.conflicts import ConflictView
from civic_challenge.services.judging_settings import JudgingSettings
from civic_challenge.ui import feedback
from civic_challenge.ui.text import LONDON

FORM = "judging_settings"
VISIBILITY = {
    "never": "Never",
    "after_own": "After submitting their own review",
    "always": "Always",
}


@dataclass(frozen=True)
class SettingsForm:
    submitted: bool
    reviews_per_proposal: int
    judge_load_cap: int
    blind_review: bool
    score_visibility: str
    judging_closes_at: datetime


def settings_form(settings: JudgingSettings) -> SettingsForm:
    local = settings.judging_closes_at.astimezone(LONDON)
    with st.form(FORM):
        feedback.problem_summary(FORM)
        left, right = st.columns(2)
        k = left.number_input(
            "Reviews per proposal",
            value=settings.reviews_per_proposal,
            step=1,
            help="How many judges score each eligible proposal (k).",
        )
        feedback.field_problems(FORM, "reviews_per_proposal")
        cap = right.number_input(
            "Most proposals per judge",
            value=settings.judge_load_cap,
            step=1,
            help="The load cap: no judge is given more than this.",
        )
        feedback.field_problems(FORM, "judge_load_cap")
        blind = st.checkbox(
            "Blind review",
            value=settings.blind_review,
            help="Judges do not see who applied (organisation, people, website, "
            "borough) and attachments are withheld.",
        )
        visibility = st.radio(
            "When judges may see other judges' scores",
            list(VISIBILITY),
            format_func=VISIBILITY.get,
            horizontal=True,
            index=list(VISIBILITY).index(settings.score_visibility.value),
            help="Seeing others' scores early can sway a judge.",
        )
        feedback.field_problems(FORM, "score_visibility")
        day, time = st.columns(2)
        date = day.date_input(
            "Judging closes on",
            value=local.date(),
            format="DD/MM/YYYY",
            help="London time. Judges can edit their reviews until then.",
        )
        clock = time.time_input(
            "at", value=local.time().replace(tzinfo=None), help="London time, 24-hour clock."
        )
        feedback.field_problems(FORM, "judging_closes_at")
        submitted = st.form_submit_button("Save settings", type="primary")
    closes = datetime.combine(date, clock, tzinfo=LONDON).astimezone(UTC)
    return SettingsForm(submitted, int(k), int(cap), blind, visibility, closes)


def conflicts_table(conflicts: tuple[ConflictView, ...]) -> None:
    if not conflicts:
        st.caption("No conflicts declared or suggested yet.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Judge": [c.judge_name for c in conflicts],
                "Organisation": [c.organisation_name for c in conflicts],
                "Source": [c.source.value.capitalize() for c in conflicts],
                "Status": [c.status.value.capitalize() for c in conflicts],
                "Reason": [c.reason for c in conflicts],
            }
        ),
        hide_index=True,
    )


def decision_form(conflicts: tuple[ConflictView, ...]) -> tuple[int | None, bool | None]:
    """(conflict id, confirm?) when a pending suggestion is decided now."""
    pending = {
        c.id: f"{c.judge_name} and {c.organisation_name}: {c.reason}"
        for c in conflicts
        if c.status.value == "pending"
    }
    if not pending:
        return None, None
    with st.form("decide_conflict"):
        chosen = st.selectbox(
            "Suggested conflict",
            list(pending),
            format_func=pending.get,
            help="Confirmed conflicts are never assigned; dismissed ones are.",
        )
        left, right = st.columns(2)
        confirm = left.form_submit_button("Confirm conflict", type="primary")
        dismiss = right.form_submit_button("Dismiss")
    if confirm or dismiss:
        return chosen, bool(confirm)
    return None, None


def progress(per_judge: pd.DataFrame, abstentions: pd.DataFrame) -> None:
    if per_judge.empty:
        st.caption("No assignments have been published yet.")
        return
    st.dataframe(
        per_judge.drop(columns=["judge_id"]).rename(columns=str.capitalize),
        hide_index=True,
    )
    st.markdown(f"**Abstentions ({len(abstentions)})**")
    if not abstentions.empty:
        st.dataframe(
            abstentions.rename(
                columns={
                    "judge": "Judge",
                    "reference": "Reference",
                    "title": "Title",
                    "abstain_reason": "Reason",
                }
            ),
            hide_index=True,
        )
