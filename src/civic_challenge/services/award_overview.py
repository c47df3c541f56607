"""The awards overview (organisers): each shortlisted proposal with its raw and
leniency-adjusted scores and its award ceiling, and the money awarded against each theme's
target share of the budget.

Scoring every proposal over every submitted review (and the leniency model behind the adjusted
scores) is the heavy part: `awards_snapshot` keeps it as a stored snapshot (kind "awards", see
services.snapshots) on the challenge's data version. The shortlist, the award decisions and the
budget are small and read fresh on every call, so what an organiser has just recorded shows at
once even while the stored scores are being recalculated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import decisions as db_decisions
from civic_challenge.db.models import Challenge
from civic_challenge.domain.aggregation import score_proposals
from civic_challenge.domain.leniency import adjust_for_leniency
from civic_challenge.domain.slate.inputs import award_ceiling
from civic_challenge.domain.terms import Aggregation, DecisionOutcome, Normalisation, Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting
from civic_challenge.services.snapshots import Snapshot, snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

YES = DecisionOutcome.YES.value


@dataclass(frozen=True)
class BudgetLine:
    theme_key: str
    theme_name: str
    target_pence: int
    awarded_pence: int


@dataclass(frozen=True)
class AwardsOverview:
    """candidates: one row per shortlisted proposal (db.decisions.CANDIDATE_COLUMNS plus
    raw_score, adjusted_score, reviews, ceiling_pence, theme_name); budget per theme."""

    phase: Phase
    budget_pence: int
    max_award_pence: int
    awarded_pence: int
    candidates: pd.DataFrame
    budget: tuple[BudgetLine, ...]
    adjustment: str  # what the adjusted score is, or why it equals the raw score
    theme_names: dict[str, str]
    statement_names: dict[str, str]


@dataclass(frozen=True)
class AwardScores:
    """Every scored proposal's raw and adjusted score and number of reviews (columns
    proposal_id, raw_score, adjusted_score, reviews), and what the adjusted score is."""

    scores: pd.DataFrame
    adjustment: str


@dataclass(frozen=True)
class DecisionsKey:
    """What the Decisions page's cached reads are keyed on: the challenge and its data version,
    which every write they show bumps (reviews, conflicts, shortlist and award decisions,
    releases, abstentions, the set-up and judging settings)."""

    challenge_id: int
    data_version: int


def decisions_key(*, session: Session, actor: UserView) -> DecisionsKey:
    """Cheap: one row, read on every rerun of the Decisions page."""
    acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return DecisionsKey(challenge.id, challenge.data_version)  # type: ignore[arg-type]


def awards_snapshot(
    engine: Engine, *, session: Session, actor: UserView, key: DecisionsKey
) -> Snapshot:
    """The proposals' scores (an AwardScores) at the data version in `key`, or the last good ones
    while the newest are recalculated in the background (see services.snapshots)."""
    acting(session, actor, Role.ORGANISER)
    return snapshot(
        engine,
        challenge_id=key.challenge_id,
        kind="awards",
        params="",
        data_version=key.data_version,
        compute=partial(_award_scores, actor=actor),
    )


def _award_scores(session: Session, *, actor: UserView) -> AwardScores:
    acting(session, actor, Role.ORGANISER)
    return _scores(session, current_challenge(session))


def awards_overview(
    *, session: Session, actor: UserView, scores: AwardScores | None = None
) -> AwardsOverview:
    """The overview with the shortlist, decisions and budget as recorded now, and `scores` (from
    `awards_snapshot`, perhaps a little older), or scores computed here when not given."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid = challenge.id
    assert cid is not None
    themes = db_challenges.themes_of(session, cid)
    statements = db_challenges.statements_of(session, cid)
    ceilings = {s.key: s.max_award_pence for s in statements if s.max_award_pence is not None}
    if scores is None:
        scores = _scores(session, challenge)
    frame = db_decisions.shortlisted_frame(session, cid).merge(
        scores.scores, on="proposal_id", how="left"
    )
    theme_names = {t.key: t.name for t in themes}
    frame["theme_name"] = frame["theme_key"].map(theme_names).fillna("No theme")
    frame["ceiling_pence"] = [
        award_ceiling(
            None if pd.isna(s) else s,
            max_award_pence=challenge.max_award_pence,
            statement_ceilings=ceilings,
        )
        for s in frame["statement_key"]
    ]
    awarded = frame[frame["award_outcome"] == YES]
    by_theme = pd.to_numeric(awarded["award_pence"]).groupby(awarded["theme_key"]).sum()
    return AwardsOverview(
        phase=Phase(challenge.phase),
        budget_pence=challenge.budget_pence,
        max_award_pence=challenge.max_award_pence,
        awarded_pence=db_decisions.awarded_pence(session, cid),
        candidates=frame,
        budget=tuple(
            BudgetLine(
                t.key,
                t.name,
                round(t.target_budget_share * challenge.budget_pence),
                int(by_theme.get(t.key, 0)),
            )
            for t in themes
        ),
        adjustment=scores.adjustment,
        theme_names=theme_names,
        statement_names={s.key: s.title for s in statements},
    )


def _scores(session: Session, challenge: Challenge) -> AwardScores:
    """Raw and adjusted proposal scores over every submitted review (the whole judge graph)."""
    reviews = db_decisions.submitted_totals(session, challenge.id)  # type: ignore[arg-type]
    aggregation = Aggregation(challenge.aggregation)
    method = Normalisation(challenge.normalisation)
    columns = ["proposal_id", "raw_score", "adjusted_score", "reviews"]
    if reviews.empty:
        return AwardScores(pd.DataFrame(columns=columns), "No reviews have been submitted yet.")
    adjusted = adjust_for_leniency(reviews, method)
    raw = score_proposals(reviews, aggregation=aggregation)
    fair = score_proposals(adjusted.reviews, aggregation=aggregation, column="adjusted")
    frame = pd.DataFrame(
        {
            "raw_score": raw["score"],
            "adjusted_score": fair["score"].reindex(raw.index),
            "reviews": raw["n"],
        }
    ).reset_index()
    if adjusted.refused:
        note = f"Scores are not adjusted for judge leniency: {adjusted.refused_reason}"
    elif method is Normalisation.NONE:
        note = "Judge leniency adjustment is turned off in the judging settings."
    else:
        note = f"Adjusted scores correct for judge leniency ({method.value} method)."
    return AwardScores(frame[columns], note)
