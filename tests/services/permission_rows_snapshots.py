"""Rows for the services behind the organisers' cached and stored views: the Decisions page's
key, slate inputs and feedback lists, and the stored snapshots of the dashboard and Results.

A snapshot service takes the page's unit of work for its permission check and an engine for
the snapshot itself. Here the engine is one that refuses to be used (`PastTheGate`): a call let
through reaches it and raises that, which proves the gate; a call that reached the engine before
checking its actor would raise it for refused people too, and the table would say so."""

from typing import Any

from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.services import (
    award_overview,
    dashboard,
    feedback_moderation,
    moderation_snapshot,
    recommendation,
    results,
)
from civic_challenge.services.errors import ServiceError

from .permission_rows import ORGANISERS, Rows, judging
from .permission_world import ORGANISER, World


class PastTheGate(ServiceError):
    """The call got past every permission check and reached the snapshot's engine."""


class GateEngine:
    def __getattr__(self, name: str) -> Any:
        raise PastTheGate(f"the engine was used ({name})")


def _organiser(w: World) -> Any:
    return w.actors[ORGANISER]


def _state(w: World) -> results.ResultsState:
    return results.results_state(session=w.session, actor=_organiser(w))


def _overview(w: World) -> Any:
    return award_overview.awards_overview(session=w.session, actor=_organiser(w))


def _head(w: World) -> results.RankingHead:
    ranking = results.ranking(
        session=w.session,
        actor=_organiser(w),
        method="none",
        aggregation="mean",
        k=1,
        resamples=50,
    )
    return results.RankingHead(ranking, len(ranking.table))


SNAPSHOTS: dict[str, Rows] = {
    "award_overview.decisions_key": judging(
        lambda w, a: award_overview.decisions_key(session=w.session, actor=a), ORGANISERS
    ),
    "award_overview.awards_snapshot": judging(
        lambda w, a: award_overview.awards_snapshot(
            GateEngine(),  # type: ignore[arg-type]
            session=w.session,
            actor=a,
            key=award_overview.decisions_key(session=w.session, actor=_organiser(w)),
        ),
        ORGANISERS,
        passes_with=PastTheGate,
    ),
    "recommendation.slate_inputs": judging(
        lambda w, a: recommendation.slate_inputs(
            session=w.session,
            actor=a,
            choice=recommendation.SlateChoice(),
            overview=_overview(w),
        ),
        ORGANISERS,
    ),
    "feedback_moderation.feedback_proposals": judging(
        lambda w, a: feedback_moderation.feedback_proposals(session=w.session, actor=a),
        ORGANISERS,
    ),
    "feedback_moderation.feedback_of_proposal": judging(
        lambda w, a: feedback_moderation.feedback_of_proposal(
            session=w.session, actor=a, proposal_id=w.proposal_id
        ),
        ORGANISERS,
    ),
    "results.shortlist_now": judging(
        lambda w, a: results.shortlist_now(session=w.session, actor=a, head=_head(w)),
        ORGANISERS,
    ),
    "dashboard.dashboard_snapshot": judging(
        lambda w, a: dashboard.dashboard_snapshot(
            GateEngine(),  # type: ignore[arg-type]
            session=w.session,
            actor=a,
            key=dashboard.dashboard_key(session=w.session, actor=_organiser(w)),
            filters=DashboardFilters(),
        ),
        ORGANISERS,
        passes_with=PastTheGate,
    ),
    "results.ranking_snapshot": judging(
        lambda w, a: results.ranking_snapshot(
            GateEngine(),  # type: ignore[arg-type]
            session=w.session,
            actor=a,
            state=_state(w),
            method="none",
            aggregation="mean",
            k=1,
            rows=10,
            resamples=50,
        ),
        ORGANISERS,
        passes_with=PastTheGate,
    ),
    "moderation_snapshot.moderation_snapshot": judging(
        lambda w, a: moderation_snapshot.moderation_snapshot(
            GateEngine(),  # type: ignore[arg-type]
            session=w.session,
            actor=a,
            state=_state(w),
            rows=10,
        ),
        ORGANISERS,
        passes_with=PastTheGate,
    ),
    "moderation_snapshot.review_flags_snapshot": judging(
        lambda w, a: moderation_snapshot.review_flags_snapshot(
            GateEngine(),  # type: ignore[arg-type]
            session=w.session,
            actor=a,
            state=_state(w),
        ),
        ORGANISERS,
        passes_with=PastTheGate,
    ),
}
