"""The audit log page's filters and table."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from civic_challenge.services.audit_log import AuditChoices

ALL = "All"


@dataclass(frozen=True)
class AuditFilters:
    action: str | None
    actor_id: int | None
    first_day: date | None
    last_day: date | None


def filters(choices: AuditChoices) -> AuditFilters:
    columns = st.columns(3)
    action = columns[0].selectbox(
        "Action",
        [ALL, *choices.actions],
    )
    columns[0].caption("What was done, e.g. decision.awarded or challenge.updated.")
    actors: dict[int | None, str] = {None: ALL, **choices.actors}
    actor_id = columns[1].selectbox("Who", list(actors), format_func=actors.get)
    columns[1].caption("The person who did it.")
    days = columns[2].date_input(
        "Between (UTC days)",
        value=(),
        format="DD/MM/YYYY",
    )
    columns[2].caption("Choose a first and a last day; leave empty for every day.")
    first, last = (*tuple(days), None, None)[:2] if isinstance(days, tuple) else (days, days)
    return AuditFilters(None if action == ALL else action, actor_id, first, last or first)


def table(events: pd.DataFrame, limit: int) -> None:
    if events.empty:
        st.info("No event matches these filters.", icon=":material/info:")
        return
    if len(events) >= limit:
        st.caption(f"The newest {limit:,} events; narrow the filters to see older ones.")
    shown = events.assign(at=events["at"].dt.strftime("%d %b %Y %H:%M:%S UTC")).rename(
        columns={
            "at": "When",
            "actor": "Who",
            "action": "Action",
            "object_type": "On",
            "object_id": "Id",
            "before": "Before",
            "after": "After",
        }
    )
    st.dataframe(shown.fillna(""), hide_index=True)


def refused(invalid: Exception) -> None:
    st.error(str(invalid), icon=":material/error:")
