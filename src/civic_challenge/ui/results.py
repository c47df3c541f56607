"""The Results page parts: controls, the cached ranking, its table and chart, the notices,
agreement and calibration, and the shortlist form.

The heavy work (loading every review, leniency correction, 1,000 bootstrap resamples) is cached
with st.cache_data keyed on the challenge's data version and the controls, not on a timer: a
review submitted elsewhere bumps the version, so the next rerun recomputes. Only the rows the
page shows are cached, so a warm rerun unpickles a small frame even at 100k proposals.
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
from civic_challenge.ui.text import plain

RESAMPLES = 1000
SEED = 2018
SHOWN_AT_LEAST = 100
SHORTLIST_FORM = "shortlist"
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
        help="Corrects for judges who score harshly or generously. Raw scores stay beside the "
        "adjusted ones; a correction the reviews cannot support is refused with the reason.",
    )
    aggregation = middle.radio(
        "A proposal's score is the",
        list(AGGREGATIONS),
        index=list(AGGREGATIONS).index(state.aggregation.value),
        format_func=AGGREGATIONS.get,
        horizontal=True,
        key="results_aggregation",
        help="Of its reviews' totals. The median ignores one outlying review.",
    )
    k = right.number_input(
        "Shortlist size",
        min_value=1,
        max_value=1000,
        value=state.default_k,
        step=1,
        key="results_k",
        help="Where the cut line is drawn. Starts at the number of awards the budget pays for.",
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


def _figures(shown: Shown) -> Figures:
    """Building a plotly figure costs tens of milliseconds, and a pickled one is rebuilt (and
    validated) when loaded, so the figures are kept as objects, keyed like the ranking."""
    return _built_figures(shown.key, _shown=shown)


@st.cache_resource(max_entries=32, show_spinner=False)
def _built_figures(key: tuple, *, _shown: Shown) -> Figures:
    result = _shown.ranking
    rows = result.table.head(max(60, 2 * result.k))
    adjusted = result.method_used is not Normalisation.NONE
    return Figures(
        ranking=ranking_figure(rows, k=result.k, level=result.level, show_raw=adjusted),
        calibration=calibration_figure(result.calibration, level=result.level),
    )


def notices(shown: Shown) -> None:
    result = shown.ranking
    if result.refused_reason:
        st.warning(
            f"{METHOD_NAMES[result.requested_method]} was not applied, so the raw scores are "
            f"ranked instead. {plain(result.refused_reason)}",
            icon=":material/warning:",
        )
    if result.tie_warning:
        tied = ", ".join(result.tied_references[:20])
        more = (
            f" and {len(result.tied_references) - 20} more"
            if len(result.tied_references) > 20
            else ""
        )
        st.warning(
            f"{plain(result.tie_warning)} Proposals involved: {plain(tied)}{more}.",
            icon=":material/balance:",
        )
    if result.unranked:
        st.info(
            f"{_proposals(result.unranked)} in judging {'has' if result.unranked == 1 else 'have'} "
            "no submitted review yet, so not ranked; see the moderation queue below.",
            icon=":material/info:",
        )


def ranking_chart_and_table(shown: Shown) -> None:
    result = shown.ranking
    if result.table.empty:
        st.info(
            "No review has been submitted yet, so there is nothing to rank.", icon=":material/info:"
        )
        return
    chart_rows = result.table.head(max(60, 2 * result.k))
    st.plotly_chart(_figures(shown).ranking, key="ranking_chart")
    st.caption(
        f"{shown.ranked:,} proposals ranked from {result.submitted_reviews:,} submitted reviews, "
        f"by the {result.aggregation.value} of each proposal's reviews; "
        f"method: {METHOD_NAMES[result.method_used].lower()}. The chart shows the first "
        f"{len(chart_rows)} places and the table the first {len(result.table)}. Intervals: "
        f"{result.level:.0%}, from {result.resamples:,} resamples of each proposal's reviews."
    )
    chance = st.column_config.NumberColumn(
        format="%.0f%%", help="Share of resamples in which the proposal made the shortlist"
    )
    config = _COLUMN_CONFIG | {f"Chance of top {result.k}": chance}
    st.dataframe(_display(result), hide_index=True, column_config=config)


def _display(result: Ranking) -> pd.DataFrame:
    table = result.table
    adjusted = "Adjusted score" if result.method_used is not Normalisation.NONE else "Score"
    interval = zip(table.score_low, table.score_high, strict=True)
    places = zip(table.rank_best, table.rank_worst, strict=True)
    return pd.DataFrame(
        {
            "Place": table["rank"],
            "Reference": table["reference"],
            "Title": table["title"],
            "Raw score": table["raw_score"],
            adjusted: table["score"],
            f"Chance of top {result.k}": table["p_top_k"] * 100,
            "Flags": table["flags"],
            "Shortlist": table["shortlist"].map(_SHORTLIST_WORDS),
            "Interval": [f"{lo:.1f} to {hi:.1f}" for lo, hi in interval],
            "Places": [f"{best} to {worst}" for best, worst in places],
            "Reviews": table["n"],
            "Spread": table["spread"],
            "SD": table["sd"],
        }
    )


_SHORTLIST_WORDS = {"pending": "Pending (not released)", "released": "Released", "": ""}
_COLUMN_CONFIG = {
    "Title": st.column_config.TextColumn(width="medium"),
    "Raw score": st.column_config.NumberColumn(format="%.1f", help="Before any correction, 0-100"),
    "Adjusted score": st.column_config.NumberColumn(format="%.1f", help="After the correction"),
    "Score": st.column_config.NumberColumn(format="%.1f"),
    "Spread": st.column_config.NumberColumn(format="%.1f", help="Highest minus lowest raw total"),
    "SD": st.column_config.NumberColumn(format="%.1f", help="Standard deviation of raw totals"),
}


def agreement(result: Ranking) -> None:
    overall = result.agreement
    if pd.isna(overall.alpha):
        st.write(f"Agreement cannot be measured yet: {plain(overall.reading)}.")
    else:
        st.write(
            f"Across {overall.units:,} proposals with two or more reviews, "
            f"**{plain(overall.reading)}** (Krippendorff's alpha {overall.alpha:.2f}; "
            "1 is full agreement, 0 is no better than chance)."
        )
    by_criterion = result.agreement_by_criterion.rename(
        columns={
            "criterion": "Criterion",
            "alpha": "Alpha",
            "reading": "Reading",
            "units": "Proposals",
        }
    )[["Criterion", "Alpha", "Reading", "Proposals"]]
    st.dataframe(
        by_criterion,
        hide_index=True,
        column_config={"Alpha": st.column_config.NumberColumn(format="%.2f")},
    )


def calibration(shown: Shown) -> None:
    result = shown.ranking
    if result.calibration_note:
        st.warning(plain(result.calibration_note), icon=":material/warning:")
    table = result.calibration
    if table.empty:
        return
    st.plotly_chart(_figures(shown).calibration, key="calibration_chart")
    st.dataframe(
        pd.DataFrame(
            {
                "Judge": table["judge"],
                "Reviews": table["n_reviews"],
                "Shared with another judge": table["n_shared"],
                "Mean raw total": table["mean_total"],
                "Offset": table["offset"],
                "Interval": [
                    f"{lo:+.1f} to {hi:+.1f}" if pd.notna(lo) else "unknown"
                    for lo, hi in zip(table.low, table.high, strict=True)
                ],
            }
        ),
        hide_index=True,
        column_config={
            "Mean raw total": st.column_config.NumberColumn(format="%.1f"),
            "Offset": st.column_config.NumberColumn(format="%+.1f", help="Positive: more generous"),
        },
    )


def shortlist_form(result: Ranking) -> list[int] | None:
    """The proposals ticked and confirmed, or None."""
    table = result.table
    choices = dict(
        zip(table.proposal_id.astype(int), table.reference + " · " + table.title, strict=True)
    )
    top = [int(p) for p in table.proposal_id[: result.k] if p in choices]
    with st.form(SHORTLIST_FORM):
        chosen = st.multiselect(
            "Proposals to shortlist",
            list(choices),
            default=top,
            format_func=choices.get,
            help=f"Starts with the top {result.k} by rank; add or remove any.",
        )
        sure = st.checkbox(
            "Record these as shortlisted. Applicants see nothing until decisions are released.",
            help="Each becomes a pending shortlist decision, recorded in the audit log.",
        )
        go = st.form_submit_button("Shortlist the chosen proposals", type="primary")
    if go and not (chosen and sure):
        st.error(
            "Choose at least one proposal and tick the box to confirm.", icon=":material/error:"
        )
        return None
    return chosen if go else None


def shortlisted_message(changed: int) -> str:
    if changed == 0:
        return "Those proposals were already shortlisted; nothing changed."
    noun = "proposal" if changed == 1 else "proposals"
    return (
        f"Shortlisted {changed} {noun}. The decisions are pending: applicants see nothing "
        "until decisions are released."
    )


def _proposals(count: int) -> str:
    return "1 proposal" if count == 1 else f"{count:,} proposals"
