"""Results (organisers): the ranking with raw and adjusted scores side by side, how sure each
place is, how far judges agree, and each judge's calibration.

`rankings_changed` is the one call every other service makes, in its own transaction, when
something a ranking depends on changes; it bumps the challenge's data version, which keys the
results page's cache.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import rankings as db_rankings
from civic_challenge.domain.aggregation import score_proposals
from civic_challenge.domain.agreement import Agreement, agreement_by_criterion, agreement_on_totals
from civic_challenge.domain.calibration import calibrate_judges
from civic_challenge.domain.leniency import adjust_for_leniency
from civic_challenge.domain.terms import Aggregation, Normalisation, Role
from civic_challenge.domain.uncertainty import rank_uncertainty
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import raise_if_problems
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting
from civic_challenge.services.snapshots import Snapshot, snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

MAX_RESAMPLES = 10_000
METHOD_NAMES = {
    Normalisation.NONE: "Raw scores",
    Normalisation.ZSCORE: "Z-score per judge",
    Normalisation.ADDITIVE: "Additive model",
}


@dataclass(frozen=True)
class ResultsState:
    """What the results page keys its cache on, and the challenge's defaults for the widgets."""

    challenge_id: int
    data_version: int
    method: Normalisation
    aggregation: Aggregation
    default_k: int
    reviews_per_proposal: int


@dataclass(frozen=True)
class Ranking:
    """table: one row per proposal with a submitted review, best adjusted score first, columns
    proposal_id, reference, title, raw_score, raw_rank, score (adjusted), rank, n, sd, spread,
    score_low, score_high, rank_best, rank_worst, p_top_k, in_top_k, disagreement,
    low_coverage, uncertain, shortlist ('', 'pending' or 'released') and flags (words).
    sd, spread and disagreement are measured on the raw totals: they say how far the judges'
    reviews differ, whatever the method. Scores are on the 0-100 scale.
    """

    table: pd.DataFrame
    requested_method: Normalisation
    method_used: Normalisation
    refused_reason: str | None
    aggregation: Aggregation
    k: int
    resamples: int
    level: float
    tie_warning: str | None
    tied_references: tuple[str, ...]
    agreement: Agreement
    agreement_by_criterion: pd.DataFrame
    calibration: pd.DataFrame
    calibration_note: str | None
    reviews_per_proposal: int
    disagreement_threshold: float
    submitted_reviews: int
    unranked: int


def results_state(*, session: Session, actor: UserView) -> ResultsState:
    """Organisers only: cheap enough to call on every rerun."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    budget_places = challenge.budget_pence // max(challenge.max_award_pence, 1)
    return ResultsState(
        challenge_id=challenge.id,
        data_version=db_rankings.data_version_of(session, challenge.id),
        method=Normalisation(challenge.normalisation),
        aggregation=Aggregation(challenge.aggregation),
        default_k=int(max(1, budget_places)),
        reviews_per_proposal=challenge.reviews_per_proposal,
    )


def ranking(
    *,
    session: Session,
    actor: UserView,
    method: str,
    aggregation: str,
    k: int,
    resamples: int = 1000,
    seed: int = 0,
) -> Ranking:
    """The whole ranking of the current challenge from its submitted reviews.

    Refuses a leniency correction the data cannot support (see `domain.leniency`): the raw
    scores are then ranked and `refused_reason` says why.
    """
    actor = acting(session, actor, Role.ORGANISER)
    method, aggregation = _checked(method, aggregation, k, resamples)
    challenge = current_challenge(session)
    reviews = db_rankings.submitted_reviews(session, challenge.id)
    labels = db_rankings.proposal_labels(session, challenge.id)
    judges = db_rankings.judge_names(session)
    names = dict(zip(judges.judge_id, judges.name, strict=True))
    leniency = adjust_for_leniency(reviews, method, judge_names=names)
    uncertainty = rank_uncertainty(
        leniency.reviews,
        k=k,
        aggregation=aggregation,
        draws=resamples,
        seed=seed,
        column="adjusted",
        min_reviews=challenge.reviews_per_proposal,
    )
    raw = raw_scores(reviews, aggregation, challenge.disagreement_threshold)
    decisions = db_rankings.shortlist_decisions(session, challenge.id)
    table = _table(uncertainty.table, raw, labels, decisions, challenge.reviews_per_proposal)
    references = dict(zip(labels.proposal_id, labels.reference, strict=True))
    calibration = calibrate_judges(reviews, judge_names=names)
    return Ranking(
        table=table,
        requested_method=method,
        method_used=leniency.method_used,
        refused_reason=leniency.refused_reason,
        aggregation=aggregation,
        k=k,
        resamples=uncertainty.draws,
        level=uncertainty.level,
        tie_warning=uncertainty.tie_warning,
        tied_references=tuple(str(references.get(p, p)) for p in uncertainty.tied_proposals),
        agreement=agreement_on_totals(reviews),
        agreement_by_criterion=_criterion_agreement(session, challenge.id),
        calibration=_calibration_table(calibration.table, names),
        calibration_note=calibration.refused_reason,
        reviews_per_proposal=challenge.reviews_per_proposal,
        disagreement_threshold=challenge.disagreement_threshold,
        submitted_reviews=len(reviews),
        unranked=int((~labels.proposal_id.isin(table.proposal_id)).sum()),
    )


@dataclass(frozen=True)
class RankingHead:
    """A ranking with only its first rows kept (`ranked` proposals in all): what a page shows,
    small enough to store and to load on every rerun even at 100k proposals."""

    ranking: Ranking
    ranked: int


def ranking_snapshot(
    engine: Engine,
    *,
    session: Session,
    actor: UserView,
    state: ResultsState,
    method: str,
    aggregation: str,
    k: int,
    rows: int,
    resamples: int = 1000,
    seed: int = 0,
) -> Snapshot:
    """The ranking's first `rows` rows (a RankingHead) at the challenge's data version in
    `state`, or the last good one while the newest is recalculated in the background (see
    services.snapshots). Checks the organiser and the controls before anything else."""
    acting(session, actor, Role.ORGANISER)
    _checked(method, aggregation, k, resamples)
    compute = partial(
        _ranking_head,
        actor=actor,
        method=method,
        aggregation=aggregation,
        k=k,
        resamples=resamples,
        seed=seed,
        rows=rows,
    )
    return snapshot(
        engine,
        challenge_id=state.challenge_id,
        kind="results",
        params=ranking_params(method, aggregation, k, rows, resamples, seed),
        data_version=state.data_version,
        compute=compute,
    )


def shortlist_now(*, session: Session, actor: UserView, head: RankingHead) -> RankingHead:
    """`head` with its shortlist column as recorded now: a stored ranking may be a few seconds
    older than the organiser's own shortlisting, which must show at once. One small read."""
    acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    decisions = db_rankings.shortlist_decisions(session, challenge.id)
    table = head.ranking.table
    state = _shortlist_state(table["proposal_id"], decisions)
    return RankingHead(replace(head.ranking, table=table.assign(shortlist=state)), head.ranked)


def ranking_params(
    method: str, aggregation: str, k: int, rows: int, resamples: int, seed: int
) -> str:
    """What tells one stored ranking from another of the same challenge."""
    return f"{method}|{aggregation}|k={k}|resamples={resamples}|seed={seed}|rows={rows}"


def _ranking_head(session: Session, *, rows: int, **controls) -> RankingHead:  # type: ignore[no-untyped-def]
    result = ranking(session=session, **controls)
    return RankingHead(replace(result, table=result.table.head(rows)), len(result.table))


def raw_scores(reviews: pd.DataFrame, aggregation: Aggregation, threshold: float) -> pd.DataFrame:
    """Raw proposal scores with n, sd, spread and disagreement, indexed by proposal_id."""
    return score_proposals(reviews, aggregation=aggregation, disagreement_threshold=threshold)


def _checked(method: str, aggregation: str, k: int, resamples: int):  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {"method": [], "aggregation": [], "k": [], "resamples": []}
    if method not in {m.value for m in Normalisation}:
        problems["method"].append("Choose raw scores, z-score per judge or the additive model.")
    if aggregation not in {a.value for a in Aggregation}:
        problems["aggregation"].append("Choose the mean or the median of each proposal's reviews.")
    if not isinstance(k, int) or k < 1:
        problems["k"].append("Choose a shortlist size of at least 1.")
    if not isinstance(resamples, int) or not 1 <= resamples <= MAX_RESAMPLES:
        problems["resamples"].append(f"Choose between 1 and {MAX_RESAMPLES:,} resamples.")
    raise_if_problems(problems)
    return Normalisation(method), Aggregation(aggregation)


def _table(points, raw, labels, decisions, reviews_per_proposal: int) -> pd.DataFrame:
    table = points.rename_axis("proposal_id").reset_index()
    raw_part = raw[["score", "rank", "sd", "spread", "disagreement"]].rename(
        columns={"score": "raw_score", "rank": "raw_rank"}
    )
    table = table.merge(raw_part, left_on="proposal_id", right_index=True, how="left")
    table = table.merge(labels[["proposal_id", "reference", "title"]], on="proposal_id", how="left")
    table["low_coverage"] = table["too_few"]
    table["shortlist"] = _shortlist_state(table["proposal_id"], decisions)
    table["flags"] = _flags(table)
    columns = [
        "proposal_id", "reference", "title", "raw_score", "raw_rank", "score", "rank", "n",
        "sd", "spread", "score_low", "score_high", "rank_best", "rank_worst", "p_top_k",
        "in_top_k", "disagreement", "low_coverage", "uncertain", "shortlist", "flags",
    ]  # fmt: skip
    return table[columns].reset_index(drop=True)


def _shortlist_state(proposal_ids: pd.Series, decisions: pd.DataFrame) -> list[str]:
    """'pending' (not yet seen by the applicant), 'released', or '' per proposal."""
    chosen = decisions[decisions.outcome == "yes"]
    state = {
        int(p): "released" if pd.notna(at) else "pending"
        for p, at in zip(chosen.proposal_id, chosen.released_at, strict=True)
    }
    return [state.get(int(p), "") for p in proposal_ids]


def _flags(table: pd.DataFrame) -> list[str]:
    """Each flag in words, so that no colour or symbol has to carry it alone."""
    words = [
        ("disagreement", "Judges disagree"),
        ("low_coverage", "Too few reviews to place"),
        ("uncertain", "Rank uncertain"),
    ]
    parts = [
        table[name].fillna(False).astype(bool).map({True: word, False: ""}) for name, word in words
    ]
    return ["; ".join(filter(None, row)) for row in zip(*parts, strict=True)]


def _calibration_table(table: pd.DataFrame, names: dict) -> pd.DataFrame:
    named = table.reset_index()
    named.insert(1, "judge", named["judge_id"].map(names).fillna(named["judge_id"].astype(str)))
    return named


def _criterion_agreement(session: Session, challenge_id: int) -> pd.DataFrame:
    scores = db_rankings.submitted_scores(session, challenge_id)
    criteria = db_rankings.criterion_names(session, challenge_id)
    keys = dict(zip(criteria.criterion_id, criteria.key, strict=True))
    by_key = agreement_by_criterion(scores.assign(criterion_key=scores.criterion_id.map(keys)))
    table = criteria[["key", "name"]].merge(by_key, left_on="key", right_index=True, how="inner")
    return table.rename(columns={"name": "criterion"}).drop(columns="key").reset_index(drop=True)
