"""The ranking as the Results page shows it: its notices (refused correction, ties, proposals
not yet ranked), its chart and its table."""

import pandas as pd
import streamlit as st

from civic_challenge.domain.money import rounded
from civic_challenge.domain.terms import Normalisation
from civic_challenge.services.results import METHOD_NAMES, Ranking
from civic_challenge.ui.proposal_links import OPEN_COLUMN, open_one, proposal_link
from civic_challenge.ui.results import Shown, chart_frame, figures
from civic_challenge.ui.text import plain


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
    chart_rows = chart_frame(result)
    st.plotly_chart(figures(shown).ranking, key="ranking_chart")
    st.caption(
        f"{_proposals(shown.ranked)} ranked from {result.submitted_reviews:,} submitted reviews, "
        f"by the {result.aggregation.value} of each proposal's reviews; "
        f"method: {METHOD_NAMES[result.method_used].lower()}. The chart shows the first "
        f"{len(chart_rows)} places and the table the first {len(result.table)} rows; proposals "
        "with too few reviews to place have no place (—) and come after every placed one."
    )
    st.markdown(
        f"**What an interval means:** given the reviews so far, a proposal's true score lies "
        f"inside its interval with {result.level:.0%} probability (in tests with known scores, "
        "at least 93 in 100 intervals held it, at 3, 5 and 10 reviews a proposal); a proposal "
        f"with fewer than {result.reviews_per_proposal} reviews is shown as too few reviews to "
        "place."
    )
    chance = st.column_config.NumberColumn(
        format="%.0f%%",
        help="How likely the proposal's true score is among the best, given the reviews so far",
    )
    config = _COLUMN_CONFIG | {f"Chance of top {result.k}": chance}
    st.dataframe(_display(result), hide_index=True, column_config=config)
    table = result.table
    open_one(
        {
            int(p): f"{r} · {t}"
            for p, r, t in zip(table.proposal_id, table.reference, table.title, strict=True)
        },
        key="results_open_proposal",
    )


def _display(result: Ranking) -> pd.DataFrame:
    table = result.table
    adjusted = "Adjusted score" if result.method_used is not Normalisation.NONE else "Score"
    interval = zip(table.score_low, table.score_high, strict=True)
    too_few = table["low_coverage"].fillna(False).astype(bool)
    places = zip(table.rank_best, table.rank_worst, strict=True)
    return pd.DataFrame(
        {
            "Place": [
                NOT_PLACED if few else str(place)
                for few, place in zip(too_few, table["rank"], strict=True)
            ],
            "Reference": table["reference"],
            "Open": table["proposal_id"].map(proposal_link),
            "Title": table["title"],
            "Raw score": table["raw_score"],
            adjusted: table["score"],
            f"Chance of top {result.k}": table["p_top_k"] * 100,
            "Flags": table["flags"],
            "Shortlist": table["shortlist"].map(_SHORTLIST_WORDS),
            "Interval": [
                TOO_FEW if few else f"{rounded(lo, 1)} to {rounded(hi, 1)}"
                for few, (lo, hi) in zip(too_few, interval, strict=True)
            ],
            "Places": [
                TOO_FEW if few else f"{best} to {worst}"
                for few, (best, worst) in zip(too_few, places, strict=True)
            ],
            "Reviews": table["n"],
            "Spread": table["spread"],
            "SD": table["sd"],
        }
    )


TOO_FEW = "Too few reviews to place"
NOT_PLACED = "—"
_SHORTLIST_WORDS = {"pending": "Pending (not released)", "released": "Released", "": ""}
_COLUMN_CONFIG = {
    "Open": OPEN_COLUMN,
    "Title": st.column_config.TextColumn(width="medium"),
    "Raw score": st.column_config.NumberColumn(format="%.1f", help="Before any correction, 0-100"),
    "Adjusted score": st.column_config.NumberColumn(format="%.1f", help="After the correction"),
    "Score": st.column_config.NumberColumn(format="%.1f"),
    "Spread": st.column_config.NumberColumn(format="%.1f", help="Highest minus lowest raw total"),
    "SD": st.column_config.NumberColumn(format="%.1f", help="Standard deviation of raw totals"),
}


def _proposals(count: int) -> str:
    return "1 proposal" if count == 1 else f"{count:,} proposals"
