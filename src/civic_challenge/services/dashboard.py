"""The organisers' dashboard: headline figures and every chart's aggregate, for one set of filters.

Only small aggregate frames leave this module (per theme, per score bin, per borough, per day,
per judge), so only aggregates reach the browser. The page shows `dashboard_snapshot`: the
aggregates stored for the filters at the challenge's data version (`dashboard_key`), or the last
good ones while a background run recalculates them after a change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import dashboard as db_dashboard
from civic_challenge.domain import dashboard as dash
from civic_challenge.domain.priorities import check_targets, gap_lines, priority_coverage
from civic_challenge.domain.terms import ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.boundaries import borough_grid
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting
from civic_challenge.services.snapshots import Snapshot, snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

DashboardFilters = dash.DashboardFilters
STATUS_WORDS = {
    ProposalStatus.SUBMITTED.value: "Not screened",
    ProposalStatus.INELIGIBLE.value: "Ineligible",
    ProposalStatus.ELIGIBLE.value: "Eligible",
    ProposalStatus.SHORTLISTED.value: "Shortlisted",
    ProposalStatus.AWARDED.value: "Awarded",
    ProposalStatus.DECLINED.value: "Not awarded",
}


@dataclass(frozen=True)
class DashboardKey:
    """What the cached aggregates depend on besides the filters."""

    challenge_id: int
    data_version: int


@dataclass(frozen=True)
class FilterChoices:
    themes: dict[str, str]  # key -> name, in the challenge's order
    statements: dict[str, str]  # key -> title
    statuses: dict[str, str]  # status value -> words
    boroughs: dict[str, str]  # GSS code -> name


@dataclass(frozen=True)
class DashboardData:
    headline: dash.Headline
    themes: pd.DataFrame  # key, name, colour, target_budget_share, target_award_share
    pipeline: pd.DataFrame  # priorities.COVERAGE_COLUMNS
    pipeline_lines: tuple[str, ...]
    money: pd.DataFrame  # dash.money_by_theme
    money_lines: tuple[str, ...]
    target_warning: str | None
    scores: pd.DataFrame  # dash.score_bins
    heatmap: pd.DataFrame  # criterion_name, theme_name, mean_score, scores
    boroughs: pd.DataFrame  # dash.borough_counts
    submissions: pd.DataFrame  # dash.submissions_by_day
    opens_at: datetime
    closes_at: datetime
    judges: pd.DataFrame  # dash.judge_progress
    coverage: pd.DataFrame  # dash.review_coverage
    reviews_per_proposal: int


def dashboard_key(*, session: Session, actor: UserView) -> DashboardKey:
    """Cheap: one row. Changes whenever anything the charts count changes (see data_version)."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return DashboardKey(challenge.id, challenge.data_version)  # type: ignore[arg-type]


def filter_choices(*, session: Session, actor: UserView) -> FilterChoices:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    themes = db_challenges.themes_of(session, challenge.id)  # type: ignore[arg-type]
    statements = db_challenges.statements_of(session, challenge.id)  # type: ignore[arg-type]
    grid = borough_grid().sort_values("name")
    return FilterChoices(
        themes={t.key: t.name for t in themes},
        statements={s.key: s.title for s in statements},
        statuses=dict(STATUS_WORDS),
        boroughs=dict(zip(grid["code"], grid["name"], strict=True)),
    )


def dashboard_snapshot(
    engine: Engine,
    *,
    session: Session,
    actor: UserView,
    key: DashboardKey,
    filters: DashboardFilters,
) -> Snapshot:
    """The aggregates (a DashboardData) at the data version in `key`, or the last good ones
    while the newest are recalculated in the background (see services.snapshots); computed
    there and then only the first time these filters are asked for."""
    acting(session, actor, Role.ORGANISER)
    return snapshot(
        engine,
        challenge_id=key.challenge_id,
        kind="dashboard",
        params=filters_params(filters),
        data_version=key.data_version,
        compute=partial(_data, actor=actor, filters=filters),
    )


def filters_params(filters: DashboardFilters) -> str:
    """What tells one filtered dashboard's stored aggregates from another's."""
    text = "|".join(
        f"{name}={','.join(sorted(getattr(filters, name)))}"
        for name in ("themes", "statements", "statuses", "boroughs")
    )
    return text if len(text) <= 400 else "sha256=" + hashlib.sha256(text.encode()).hexdigest()


def _data(session: Session, *, actor: UserView, filters: DashboardFilters) -> DashboardData:
    return dashboard_data(session=session, actor=actor, filters=filters)


def dashboard_data(
    *, session: Session, actor: UserView, filters: DashboardFilters
) -> DashboardData:
    """Every aggregate of the dashboard for the proposals passing `filters`."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid = challenge.id
    assert cid is not None
    themes = _themes(session, cid)
    proposals = db_dashboard.proposal_frame(session, cid, filters)
    stats = db_dashboard.review_stats(session, cid, filters)
    coverage = priority_coverage(dash.stage_columns(proposals), themes)
    stage = dash.latest_stage(coverage)
    scored = proposals[["proposal_id", "theme_key"]].merge(stats, on="proposal_id", how="inner")
    done = proposals[["proposal_id"]].merge(stats, on="proposal_id", how="left")["reviews_done"]
    in_review = proposals["status"].isin(
        [s for s in STATUS_WORDS if s not in {"submitted", "ineligible"}]
    )
    return DashboardData(
        headline=dash.headline(
            proposals,
            reviews_done=int(stats["reviews_done"].sum()),
            reviews_expected=db_dashboard.expected_reviews(session, cid, filters),
            budget_pence=challenge.budget_pence,
        ),
        themes=themes,
        pipeline=coverage,
        pipeline_lines=tuple(gap_lines(coverage, stage, "count")),
        money=dash.money_by_theme(proposals, themes, budget_pence=challenge.budget_pence),
        money_lines=tuple(gap_lines(coverage, stage, "money")),
        target_warning=check_targets(themes),
        scores=dash.score_bins(scored, themes),
        heatmap=_heatmap(session, cid, filters, themes),
        boroughs=dash.borough_counts(
            proposals, db_dashboard.pilot_frame(session, cid, filters), borough_grid()
        ),
        submissions=dash.submissions_by_day(proposals),
        opens_at=challenge.opens_at,
        closes_at=challenge.closes_at,
        judges=dash.judge_progress(db_dashboard.assignment_counts(session, cid, filters)),
        coverage=dash.review_coverage(
            done[in_review.to_numpy()], wanted=challenge.reviews_per_proposal
        ),
        reviews_per_proposal=challenge.reviews_per_proposal,
    )


def _themes(session: Session, challenge_id: int) -> pd.DataFrame:
    rows = [
        {
            "key": t.key,
            "name": t.name,
            "colour": t.colour,
            "target_budget_share": t.target_budget_share,
            "target_award_share": t.target_award_share,
        }
        for t in db_challenges.themes_of(session, challenge_id)
    ]
    columns = ["key", "name", "colour", "target_budget_share", "target_award_share"]
    return pd.DataFrame(rows, columns=columns)


def _heatmap(
    session: Session, challenge_id: int, filters: DashboardFilters, themes: pd.DataFrame
) -> pd.DataFrame:
    means = db_dashboard.criterion_theme_means(session, challenge_id, filters)
    names = dash.name_lookup(themes)
    order = {key: i for i, key in enumerate(names)}
    means = means[means["theme_key"].isin(names)]
    means = means.assign(_order=means["theme_key"].map(order)).sort_values(
        ["position", "criterion_key", "_order"], kind="stable"
    )
    return means.assign(theme_name=means["theme_key"].map(names))[
        ["criterion_name", "theme_name", "mean_score", "scores"]
    ].reset_index(drop=True)
