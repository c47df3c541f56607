"""The Results page's core: the controls and the cached ranking with its figures.

The heavy work (loading every review, leniency correction, intervals and P(top k) from up to
1,000 draws) is cached with st.cache_data keyed on the challenge's data version and the
controls, not on a timer: a review submitted elsewhere bumps the version, so the next rerun
recomputes. Only the rows the
page shows are cached, so a warm rerun unpickles a small frame even at 100k proposals.

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
from civic_challenge.services.results import METHOD_NAMES, Ranking, ResultsState, ranking
from civic_challenge.services.results import results_state as load_results_state
from civic_challenge.ui.database import db_reader

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
    with st.spinner(f"Resampling the reviews {RESAMPLES:,} times to see how sure each place is..."):
        return _shown(
            state.challenge_id,
            state.data_version,
            chosen.method,
            chosen.aggregation,
            chosen.k,
            RESAMPLES,
            SEED,
            _actor=actor,
        )


@st.cache_data(max_entries=32, show_spinner=False)
def _shown(challenge_id, data_version, method, aggregation, k, resamples, seed, *, _actor) -> Shown:  # type: ignore[no-untyped-def]
    """Reached only after `results_state` let an organiser in (the actor is not in the key)."""
    with db_reader() as session:
        result = ranking(
            session=session,
            actor=_actor,
            method=method,
            aggregation=aggregation,
            k=k,
            resamples=resamples,
            seed=seed,
        )
    rows = max(SHOWN_AT_LEAST, 2 * k)
    key = (challenge_id, data_version, method, aggregation, k, resamples, seed)
    return Shown(dataclasses.replace(result, table=result.table.head(rows)), len(result.table), key)


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
