"""The dashboard's filters: four multiselects, and the clicks on a chart that set them.

A click cannot set a widget's value on the run that drew the widget, so it is kept as pending
and applied at the top of the next run, before the widgets are drawn.
"""

import streamlit as st

from civic_challenge.services.dashboard import DashboardFilters, FilterChoices

THEMES, STATEMENTS = "dash_themes", "dash_statements"
STATUSES, BOROUGHS = "dash_statuses", "dash_boroughs"
PENDING = "dash_pending_filters"
CLICKABLE = ("dash_pipeline", "dash_money", "dash_tiles")


def apply_pending_filters() -> None:
    """A click asked for new filters on the last run: set them before the widgets are drawn,
    and forget the charts' selections so the click does not apply twice."""
    pending = st.session_state.pop(PENDING, None)
    if pending is None:
        return
    for key, value in pending.items():
        st.session_state[key] = value
    for key in CLICKABLE:
        st.session_state.pop(key, None)


def request_filter(key: str, values: list[str]) -> None:
    if values and sorted(values) != sorted(st.session_state.get(key, [])):
        st.session_state[PENDING] = {key: values}
        st.rerun()


def filters(choices: FilterChoices) -> DashboardFilters:
    """Four multiselects; every chart below is narrowed to what they choose."""
    apply_pending_filters()
    columns = st.columns(4)
    specs = [
        (THEMES, "Theme", choices.themes, "Strategy priority (primary theme). Or click a bar."),
        (STATEMENTS, "Challenge statement", choices.statements, "The problem a proposal tackles."),
        (STATUSES, "Status", choices.statuses, "Where a proposal is: screened, shortlisted..."),
        (BOROUGHS, "Borough", choices.boroughs, "Where a pilot would run. Or click a square."),
    ]
    chosen = {}
    for column, (key, label, options, help_text) in zip(columns, specs, strict=True):
        current = [v for v in st.session_state.get(key, []) if v in options]
        st.session_state[key] = current
        chosen[key] = column.multiselect(
            label,
            list(options),
            format_func=options.get,
            key=key,
            placeholder="All",
        )
        column.caption(help_text)
    result = DashboardFilters.of(
        themes=chosen[THEMES],
        statements=chosen[STATEMENTS],
        statuses=chosen[STATUSES],
        boroughs=chosen[BOROUGHS],
    )
    if result.active and st.button("Clear filters", icon=":material/filter_alt_off:"):
        st.session_state[PENDING] = {THEMES: [], STATEMENTS: [], STATUSES: [], BOROUGHS: []}
        st.rerun()
    return result
