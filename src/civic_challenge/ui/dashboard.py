"""The dashboard's widgets: headline figures, and the charts with their tables and click-to-filter.

The aggregates are stored snapshots (services.snapshots) keyed on the challenge's data version
and the filters: a warm rerun reads the challenge's version and the snapshot's header, and builds
no figure (figures are cached as resources, keyed on the version the aggregates reflect, built
once and never changed after). After a change the page shows the last good aggregates with their
age while a background run recalculates them. The filters are in
dashboard_filters.py, the charts' tables in dashboard_tables.py.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from civic_challenge.charts import boroughs as borough_charts
from civic_challenge.charts import dashboard as charts
from civic_challenge.charts.text import chart_text
from civic_challenge.domain.money import pounds
from civic_challenge.services.accounts import UserView
from civic_challenge.services.boundaries import BoroughMap, borough_map, configured_boundary_file
from civic_challenge.services.dashboard import (
    DashboardData,
    DashboardFilters,
    DashboardKey,
    FilterChoices,
    dashboard_snapshot,
    filters_params,
)
from civic_challenge.services.snapshots import stored_version
from civic_challenge.ui import snapshot_notice
from civic_challenge.ui.dashboard_filters import BOROUGHS, THEMES, request_filter
from civic_challenge.ui.dashboard_tables import chart_tables
from civic_challenge.ui.database import db_reader, get_engine
from civic_challenge.ui.text import plain


@dataclass(frozen=True)
class Figures:
    pipeline: go.Figure
    money: go.Figure
    scores: go.Figure
    heatmap: go.Figure
    tiles: go.Figure
    submissions: go.Figure
    judges: go.Figure
    coverage: go.Figure
    tables: dict[str, pd.DataFrame]  # the charts' text alternatives, ready to show


@dataclass(frozen=True)
class Shown:
    """The aggregates the page shows, and what keys their figures: the version they reflect."""

    data: DashboardData
    figures_key: tuple


def shown_data(key: DashboardKey, filters: DashboardFilters, actor: UserView) -> Shown:
    """The stored aggregates at the current data version, or the last good ones (with a notice)
    while the newest are recalculated in the background; computed here only the first time these
    filters are asked for."""
    with st.spinner("Counting proposals..."), db_reader() as session:
        found = dashboard_snapshot(
            get_engine(), session=session, actor=actor, key=key, filters=filters
        )
    snapshot_notice.notice(
        found,
        what="figures",
        watch=lambda: stored_version(
            get_engine(),
            challenge_id=key.challenge_id,
            kind="dashboard",
            params=filters_params(filters),
        ),
    )
    return Shown(found.value, (key.challenge_id, found.data_version, found.computed_at, filters))


def cached_figures(shown: Shown, filters: DashboardFilters) -> Figures:
    return _figures(shown.figures_key, filters, _data=shown.data)


@st.cache_resource(max_entries=64, show_spinner=False)
def _figures(figures_key: tuple, filters: DashboardFilters, *, _data: DashboardData) -> Figures:
    """Built once per stored version of the aggregates and filters, never changed after."""
    data = _data
    colours = dict(zip(data.themes["key"], data.themes["colour"], strict=True))
    return Figures(
        pipeline=charts.pipeline_chart(data.pipeline),
        money=charts.money_chart(data.money),
        scores=charts.score_histogram(data.scores, colours),
        heatmap=charts.criterion_heatmap(data.heatmap),
        tiles=borough_charts.tile_grid(data.boroughs, selected=filters.boroughs),
        submissions=charts.submissions_chart(
            data.submissions, opens_at=data.opens_at, deadline=data.closes_at
        ),
        judges=charts.judge_progress_chart(data.judges),
        coverage=charts.coverage_chart(data.coverage, wanted=data.reviews_per_proposal),
        tables=chart_tables(data),
    )


@st.cache_data(max_entries=4, show_spinner=False)
def _borough_map(path: str, stamp: float | None) -> BoroughMap:
    return borough_map(path=Path(path))


def headline(data: DashboardData) -> None:
    h = data.headline
    columns = st.columns(4)
    columns[0].metric("Proposals entered", f"{h.proposals:,}")
    columns[0].caption("Submitted, not withdrawn.")
    columns[1].metric("Eligible", f"{h.eligible:,}")
    columns[1].caption("Found eligible at screening.")
    columns[2].metric(
        "Reviews done",
        f"{h.reviews_done:,} of {h.reviews_expected:,}",
    )
    columns[2].caption(
        "Submitted reviews against the published assignments (abstentions left out)."
    )
    share = f"{h.requested_pence / h.budget_pence:.0%} of budget" if h.budget_pence else None
    columns[3].metric(
        "Money requested",
        pounds(h.requested_pence),
        delta=f"{share} ({pounds(h.budget_pence)})" if share else None,
        delta_color="off",
        delta_arrow="off",
    )
    columns[3].caption("The sum requested by the proposals shown, against the challenge's budget.")


def _lines(lines: tuple[str, ...]) -> None:
    st.markdown("\n".join(f"- {plain(line)}" for line in lines))


def _table(title: str, frame: pd.DataFrame) -> None:
    with st.expander(f"Table: {title}"):
        st.dataframe(frame, hide_index=True)


def priorities(data: DashboardData, figures: Figures, choices: FilterChoices) -> None:
    if data.target_warning:
        st.warning(data.target_warning, icon=":material/warning:")
    left, right = st.columns(2)
    with left:
        event = st.plotly_chart(
            figures.pipeline, on_select="rerun", key="dash_pipeline", selection_mode="points"
        )
        _lines(data.pipeline_lines)
        _table("pipeline per theme", figures.tables["pipeline"])
    with right:
        money_event = st.plotly_chart(
            figures.money, on_select="rerun", key="dash_money", selection_mode="points"
        )
        _lines(data.money_lines)
        _table("money per theme", figures.tables["money"])
    clicked = [p.get("x") for e in (event, money_event) for p in e.selection.points]
    by_name = {chart_text(name): key for key, name in choices.themes.items()}
    request_filter(THEMES, [by_name[x] for x in clicked if x in by_name])


def scores(data: DashboardData, figures: Figures) -> None:
    st.plotly_chart(figures.scores, key="dash_scores")
    _table("proposals per score band", figures.tables["scores"])
    if data.heatmap.empty:
        st.info("No scores submitted yet for these proposals.", icon=":material/info:")
        return
    st.plotly_chart(figures.heatmap, key="dash_heatmap")
    _table("mean score per criterion and theme", figures.tables["heatmap"])


def boroughs(data: DashboardData, figures: Figures) -> None:
    event = st.plotly_chart(
        figures.tiles, on_select="rerun", key="dash_tiles", selection_mode="points"
    )
    codes = list(data.boroughs["code"])
    picked = []
    for point in event.selection.points:
        custom = point.get("customdata")
        if point.get("curve_number", 0) == 0 and custom:
            picked.append(str(custom[0]))
        elif point.get("point_index") is not None and point["point_index"] < len(codes):
            picked.append(codes[point["point_index"]])
    _table("proposals and winners per borough", figures.tables["boroughs"])
    _map(data)
    request_filter(BOROUGHS, sorted(set(picked)))


def _map(data: DashboardData) -> None:
    path = configured_boundary_file()
    if path is None:
        return
    try:
        stamp: float | None = path.stat().st_mtime
    except OSError:
        stamp = None
    found = _borough_map(str(path), stamp)
    if found.rings is None:
        st.info(found.message or "The borough map is not available.", icon=":material/info:")
        return
    st.plotly_chart(borough_charts.borough_map(found.rings, data.boroughs), key="dash_map")
    st.caption(found.attribution)


def progress(data: DashboardData, figures: Figures) -> None:
    st.plotly_chart(figures.submissions, key="dash_submissions")
    _table("submissions per day", figures.tables["submissions"])
    left, right = st.columns(2)
    with left:
        if data.judges.empty:
            st.info("No assignments have been published yet.", icon=":material/info:")
        else:
            st.plotly_chart(figures.judges, key="dash_judges")
            _table("assignments per judge", figures.tables["judges"])
    with right:
        st.plotly_chart(figures.coverage, key="dash_coverage")
        _table("review coverage", figures.tables["coverage"])
