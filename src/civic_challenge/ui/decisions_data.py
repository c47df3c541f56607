"""The Decisions page's reads, cached so that a warm rerun reads one row and solves nothing.

The awards overview (every submitted review's total, adjusted for leniency), the release check
and the releases so far are cached with st.cache_data on the challenge's stored data version,
which every write they show bumps: a change made in another process on the same database shows
on the next rerun. The recommended slate is cached on a hash of its inputs (the shortlist's
scores and money, recorded decisions, budget, rules and the organiser's choice), so it is solved
again only when one of them changed, not on every data change (a review of a proposal that is
not shortlisted moves no input).
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import (
    AwardsOverview,
    DecisionsKey,
    awards_overview,
    decisions_key,
)
from civic_challenge.services.recommendation import (
    SlateChoice,
    SlateInputs,
    SlateView,
    slate_inputs,
    solve_slate,
)
from civic_challenge.services.release_check import ReleaseCheck, release_check
from civic_challenge.services.releases import ReleaseRecord, list_releases
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.decisions import awards_drawn, shortlist_table
from civic_challenge.ui.form_versions import Drawn


@dataclass(frozen=True)
class DecisionsData:
    key: DecisionsKey
    overview: AwardsOverview
    check: ReleaseCheck
    released: list[ReleaseRecord]
    shortlist_table: pd.DataFrame  # as the page shows it
    awards: dict[int, Drawn]  # each shortlisted proposal's award decision, for the form


def page_data(actor: UserView) -> DecisionsData:
    """The page's data for the challenge's current data version (NotFound: no challenge)."""
    with db_reader() as session:
        key = decisions_key(session=session, actor=actor)
    return _page_data(key, _actor=actor)


@st.cache_data(max_entries=16, show_spinner="Reading the shortlist and the reviews...")
def _page_data(key: DecisionsKey, *, _actor: UserView) -> DecisionsData:
    """Reached only after `decisions_key` let an organiser in (the actor is not in the key)."""
    with db_reader() as session:
        overview = awards_overview(session=session, actor=_actor)
        check = release_check(session=session, actor=_actor)
        released = list_releases(session=session, actor=_actor)
    return DecisionsData(
        key,
        overview,
        check,
        released,
        shortlist_table(overview),
        awards_drawn(overview.candidates),
    )


def recommended(actor: UserView, data: DecisionsData, choice: SlateChoice) -> SlateView:
    """The slate for the organiser's choice: its inputs cached on the data version and the
    choice, the solution on the inputs' hash."""
    inputs = _inputs(data.key, choice, _actor=actor, _overview=data.overview)
    return _solved(inputs.digest, _inputs=inputs)


@st.cache_data(max_entries=32, show_spinner=False)
def _inputs(
    key: DecisionsKey, choice: SlateChoice, *, _actor: UserView, _overview: AwardsOverview
) -> SlateInputs:
    with db_reader() as session:
        return slate_inputs(session=session, actor=_actor, choice=choice, overview=_overview)


@st.cache_data(max_entries=32, show_spinner="Finding the best slate within the budget...")
def _solved(digest: str, *, _inputs: SlateInputs) -> SlateView:
    return solve_slate(_inputs)
