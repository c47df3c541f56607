"""The Decisions page's reads, cached so that a warm rerun reads two rows and solves nothing.

The proposals' scores (every submitted review's total, adjusted for leniency) are a stored
snapshot (services.award_overview.awards_snapshot): after a data change the page shows the last
good scores at once, says how old they are, and a background run recalculates them; the page
reruns by itself once the new ones are stored. The shortlist with its award decisions, the
budget, the release check and the releases so far are small and cached with st.cache_data on the
challenge's stored data version (and the scores' stored version), which every write they show
bumps: an award just recorded shows on the next rerun, as does a change made in another process
on the same database. The recommended slate is cached on a hash of its inputs (the shortlist's
scores and money, recorded decisions, budget, rules and the organiser's choice), so it is solved
again only when one of them changed, not on every data change (a review of a proposal that is
not shortlisted moves no input).
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import (
    AwardScores,
    AwardsOverview,
    DecisionsKey,
    awards_overview,
    awards_snapshot,
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
from civic_challenge.services.snapshots import Snapshot, stored_version
from civic_challenge.ui import snapshot_notice
from civic_challenge.ui.database import db_reader, get_engine
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
    scores: Snapshot | None = field(default=None, compare=False)  # the stored scores used


def page_data(actor: UserView) -> DecisionsData:
    """The page's data for the challenge's current data version (NotFound: no challenge), with
    the stored scores, which may be older while newer ones are recalculated (see `notice`)."""
    with db_reader() as session:
        key = decisions_key(session=session, actor=actor)
        with st.spinner("Scoring the proposals over every submitted review..."):
            found = awards_snapshot(get_engine(), session=session, actor=actor, key=key)
    data = _page_data(key, found.data_version, found.computed_at, _actor=actor, _scores=found.value)
    return replace(data, scores=found)


def notice(data: DecisionsData) -> None:
    """How old the scores are while they are recalculated (or why they could not be), and the
    quiet check that reruns the page once the new ones are stored."""
    if data.scores is None:
        return
    challenge_id = data.key.challenge_id
    snapshot_notice.notice(
        data.scores,
        what="scores",
        watch=lambda: stored_version(
            get_engine(), challenge_id=challenge_id, kind="awards", params=""
        ),
    )


@st.cache_data(max_entries=16, show_spinner="Reading the shortlist and the decisions...")
def _page_data(
    key: DecisionsKey,
    scores_version: int,
    scores_at: datetime,
    *,
    _actor: UserView,
    _scores: AwardScores,
) -> DecisionsData:
    """Reached only after `decisions_key` let an organiser in (the actor is not in the key);
    `_scores` is the stored snapshot at `scores_version`, computed at `scores_at`."""
    with db_reader() as session:
        overview = awards_overview(session=session, actor=_actor, scores=_scores)
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
