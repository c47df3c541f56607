"""The organisers' Judging page parts: settings, conflict suggestions, progress per judge."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.conflicts import ConflictView
from civic_challenge.services.judging_settings import JudgingSettings, update_judging_settings
from civic_challenge.ui import feedback
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.text import LONDON, when

FORM = "judging_settings"
LABELS = {
    "reviews_per_proposal": "Reviews per proposal",
    "judge_load_cap": "Most proposals per judge",
    "blind_review": "Blind review",
    "score_visibility": "When judges may see other judges' scores",
    "judging_closes_at": "Judging closes",
}
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


def _stored(settings: JudgingSettings) -> versions.Drawn:
    return versions.Drawn(
        settings.version,
        {
            "reviews_per_proposal": settings.reviews_per_proposal,
            "judge_load_cap": settings.judge_load_cap,
            "blind_review": settings.blind_review,
            "score_visibility": settings.score_visibility.value,
            "judging_closes_at": settings.judging_closes_at,
        },
    )


def settings_section(actor: UserView, settings: JudgingSettings) -> None:
    """The settings form; a save is made against the settings as they were when it was drawn
    (refused beside the button, with what changed, if they changed since)."""
    form = settings_form(settings)

    def save(session: Any, version: int) -> None:
        update_judging_settings(
            session=session,
            actor=actor,
            reviews_per_proposal=form.reviews_per_proposal,
            judge_load_cap=form.judge_load_cap,
            blind_review=form.blind_review,
            score_visibility=form.score_visibility,
            judging_closes_at=form.judging_closes_at,
            version=version,
            now=now(),
        )

    mine = {f: getattr(form, f) for f in LABELS}
    state = versions.FormState(
        _stored(settings), mine, LABELS, save, "Settings saved.", _shown, mine
    )
    versions.finish(FORM, form.submitted, state)


def _shown(field: str, value: Any) -> str:
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, bool):
        return "On" if value else "Off"
    return VISIBILITY.get(value, str(value)) if field == "score_visibility" else str(value)


def settings_form(settings: JudgingSettings) -> SettingsForm:
    v = versions.remember(FORM, _stored(settings)).values
    key = lambda field: versions.key(FORM, field)  # noqa: E731
    local = v["judging_closes_at"].astimezone(LONDON)
    with st.form(FORM):
        feedback.problem_summary(FORM)
        left, right = st.columns(2)
        k = left.number_input(
            "Reviews per proposal",
            value=v["reviews_per_proposal"],
            step=1,
            key=key("k"),
        )
        left.caption("How many judges score each eligible proposal (k).")
        feedback.field_problems(FORM, "reviews_per_proposal", int(k or 0))
        cap = right.number_input(
            "Most proposals per judge",
            value=v["judge_load_cap"],
            step=1,
            key=key("cap"),
        )
        right.caption("The load cap: no judge is given more than this.")
        feedback.field_problems(FORM, "judge_load_cap", int(cap or 0))
        blind = st.checkbox(
            "Blind review",
            value=v["blind_review"],
            key=key("blind"),
        )
        st.caption(
            "Judges do not see who applied (organisation, people, website, "
            "borough) and attachments are withheld."
        )
        visibility = st.radio(
            "When judges may see other judges' scores",
            list(VISIBILITY),
            format_func=VISIBILITY.get,
            horizontal=True,
            index=list(VISIBILITY).index(v["score_visibility"]),
            key=key("visibility"),
        )
        st.caption("Seeing others' scores early can sway a judge.")
        feedback.field_problems(FORM, "score_visibility")
        day, time = st.columns(2)
        date = day.date_input(
            "Judging closes on",
            value=local.date(),
            format="DD/MM/YYYY",
            key=key("day"),
        )
        day.caption("London time. Judges can edit their reviews until then.")
        clock = time.time_input(
            "at",
            value=local.time().replace(tzinfo=None),
            key=key("time"),
        )
        time.caption("London time, 24-hour clock.")
        feedback.field_problems(FORM, "judging_closes_at")
        submitted = st.form_submit_button("Save settings", type="primary")
    closes = datetime.combine(date, clock, tzinfo=LONDON).astimezone(UTC)
    return SettingsForm(submitted, int(k or 0), int(cap or 0), bool(blind), visibility, closes)


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
        )
        st.caption("Confirmed conflicts are never assigned; dismissed ones are.")
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
