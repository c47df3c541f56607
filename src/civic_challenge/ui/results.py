"""The Results page's core: the controls and the cached ranking with its figures.

The heavy work (loading every review, leniency correction, intervals and P(top k) from up to
1,000 draws) is kept as a stored snapshot (services.snapshots) keyed on the challenge's data
version and the controls, not on a timer: after a review is submitted, the next rerun shows the
last good ranking at once, says how old it is, and a background run recalculates it; the page
reruns by itself once the new one is stored. Only the rows the page shows are stored, so a warm
rerun reads a small frame even at 100k proposals.

What the page shows of it: ranking_view.py (notices, chart and table), judge_agreement.py
(agreement and calibration) and shortlisting.py (the shortlist form).
"""

import dataclasses

import pandas as pd
import streamlit as st

from civic_challenge.charts.calibration import calibration_figure
from civic_challenge.charts.ranking import ranking_figure
from civic_challenge.domain.terms import Normalisation
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.moderation_snapshot import review_flags_snapshot
from civic_challenge.services.results import (
    METHOD_NAMES,
    Ranking,
    RankingHead,
    ResultsState,
    ranking_params,
    ranking_snapshot,
    shortlist_now,
)
from civic_challenge.services.results import results_state as load_results_state
from civic_challenge.services.review_flags import ReviewFlags
from civic_challenge.services.snapshots import stored_version
from civic_challenge.ui import snapshot_notice
from civic_challenge.ui.database import db_reader, get_engine

RESAMPLES = 1000
SEED = 2018
SHOWN_AT_LEAST = 100
AGGREGATIONS = {"mean": "Mean", "median": "Median"}


@dataclasses.dataclass(frozen=True)
class Shown:
    """The ranking with only its first `table` rows (of `ranked`) kept for the page."""

    ranking: Ranking
    ranked: int
    key: tuple


@dataclasses.dataclass(frozen=True)
class Controls:
    method: str
    aggregation: str
    k: int


def results_state(actor: UserView | None) -> ResultsState:
    """The challenge's data version and defaults; stops the page with the reason if refused."""
    try:
        with db_reader() as session:
            return load_results_state(session=session, actor=actor)
    except ServiceError as refused:
        st.error(str(refused), icon=":material/error:")
        st.stop()


def controls(state: ResultsState) -> Controls:
    methods = [m.value for m in Normalisation]
    left, middle, right = st.columns([3, 2, 2])
    method = left.radio(
        "Leniency correction",
        methods,
        index=methods.index(state.method.value),
        format_func=lambda m: METHOD_NAMES[Normalisation(m)],
        horizontal=True,
        key="results_method",
    )
    left.caption(
        "Corrects for judges who score harshly or generously. Raw scores stay beside the "
        "adjusted ones; a correction the reviews cannot support is refused with the reason."
    )
    aggregation = middle.radio(
        "A proposal's score is the",
        list(AGGREGATIONS),
        index=list(AGGREGATIONS).index(state.aggregation.value),
        format_func=AGGREGATIONS.get,
        horizontal=True,
        key="results_aggregation",
    )
    middle.caption("Of its reviews' totals. The median ignores one outlying review.")
    k = right.number_input(
        "Shortlist size",
        min_value=1,
        max_value=1000,
        value=state.default_k,
        step=1,
        key="results_k",
    )
    right.caption(
        "Where the cut line is drawn. Starts at the number of awards the budget pays for."
    )
    return Controls(method, aggregation, int(k))


def computed(actor: UserView, state: ResultsState, chosen: Controls) -> Shown:
    """The stored ranking at the current data version, or the last good one (with a notice)
    while the newest is recalculated in the background; computed here only the very first time."""
    rows = max(SHOWN_AT_LEAST, 2 * chosen.k)
    with st.spinner(f"Resampling the reviews {RESAMPLES:,} times to see how sure each place is..."):
        try:
            with db_reader() as session:
                found = ranking_snapshot(
                    get_engine(),
                    session=session,
                    actor=actor,
                    state=state,
                    method=chosen.method,
                    aggregation=chosen.aggregation,
                    k=chosen.k,
                    rows=rows,
                    resamples=RESAMPLES,
                    seed=SEED,
                )
        except ServiceError as refused:
            st.error(str(refused), icon=":material/error:")
            st.stop()
    head = found.value if found.current else _shortlist_now(actor, state, found.value)
    key = (state.challenge_id, found.data_version, found.computed_at, chosen, RESAMPLES, SEED)
    snapshot_notice.notice(found, what="results", watch=lambda: _stored(state, chosen, rows))
    return Shown(head.ranking, head.ranked, key)


def _shortlist_now(actor: UserView, state: ResultsState, head: RankingHead) -> RankingHead:
    with db_reader() as session:
        return shortlist_now(session=session, actor=actor, head=head)


def review_flags(actor: UserView, state: ResultsState) -> ReviewFlags:
    """Reviews set aside for a conflict or changed after submitting, stored on the data version
    (every such change bumps it) like the ranking."""
    with db_reader() as session:
        return review_flags_snapshot(get_engine(), session=session, actor=actor, state=state).value


def _stored(state: ResultsState, chosen: Controls, rows: int) -> tuple:
    params = ranking_params(chosen.method, chosen.aggregation, chosen.k, rows, RESAMPLES, SEED)
    return stored_version(
        get_engine(), challenge_id=state.challenge_id, kind="results", params=params
    )


@dataclasses.dataclass(frozen=True)
class Figures:
    ranking: object
    calibration: object


def figures(shown: Shown) -> Figures:
    """Building a plotly figure costs tens of milliseconds, and a pickled one is rebuilt (and
    validated) when loaded, so the figures are kept as objects, keyed like the ranking."""
    return _built_figures(shown.key, _shown=shown)


def chart_frame(result: Ranking) -> pd.DataFrame:
    """The placed proposals the ranking chart draws, at their places; those with too few reviews
    to place have none, so they are left off the chart (the table lists them)."""
    placed = result.table[~result.table["low_coverage"].fillna(False).astype(bool)]
    return placed.head(max(60, 2 * result.k))


@st.cache_resource(max_entries=32, show_spinner=False)
def _built_figures(key: tuple, *, _shown: Shown) -> Figures:
    result = _shown.ranking
    rows = chart_frame(result)
    adjusted = result.method_used is not Normalisation.NONE
    return Figures(
        ranking=ranking_figure(rows, k=result.k, level=result.level, show_raw=adjusted),
        calibration=calibration_figure(result.calibration, level=result.level),
    )
