"""The export tables (organisers): proposals, reviews, rankings and decisions as frames ready to
write, narrowed by the dashboard's filters, with human headers and every text cell neutralised."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import decisions as db_decisions
from civic_challenge.db import exports as db_exports
from civic_challenge.domain.aggregation import score_proposals
from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.domain.exports import human_header, neutralise_frame
from civic_challenge.domain.leniency import adjust_for_leniency
from civic_challenge.domain.terms import Aggregation, Normalisation, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.organisations import list_boroughs
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


class Table(StrEnum):
    PROPOSALS = "proposals"
    REVIEWS = "reviews"
    RANKINGS = "rankings"
    DECISIONS = "decisions"


def export_frame(
    *,
    session: Session,
    actor: UserView,
    table: Table,
    filters: DashboardFilters | None = None,
) -> pd.DataFrame:
    """The table as it will be written: the dashboard's filters applied (rankings are computed
    over the whole challenge, then filtered), human headers, money in pounds, times in UTC,
    borough names, text neutralised. Unfiltered, proposals include drafts and withdrawn ones,
    with their status."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid = challenge.id
    assert cid is not None
    table = Table(table)
    if table is Table.PROPOSALS:
        frame = db_exports.proposals(session, cid)
        names = {b.code: b.name for b in list_boroughs()}
        frame["organisation_borough"] = frame["organisation_borough"].map(
            lambda code: names.get(code, code) if isinstance(code, str) else ""
        )
    elif table is Table.REVIEWS:
        frame = _with_criterion_scores(
            db_exports.reviews(session, cid), db_exports.review_scores(session, cid)
        )
    elif table is Table.DECISIONS:
        frame = db_exports.decisions(session, cid)
    else:
        frame = rankings(session, challenge)
    if filters is not None and filters.active:
        frame = frame[frame["proposal_id"].isin(db_exports.entered_ids(session, cid, filters))]
    frame = frame.drop(columns="proposal_id").reset_index(drop=True)
    ready = _spreadsheet_ready(frame)
    return neutralise_frame(ready.rename(columns=human_header))


def _with_criterion_scores(reviews: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """One column per criterion (rubric order), after the judge's name."""
    if scores.empty:
        return reviews
    order = scores.drop_duplicates("criterion").sort_values("position")["criterion"].tolist()
    wide = scores.pivot_table(index="review_id", columns="criterion", values="score")
    wide = wide.reindex(columns=order).reset_index()
    merged = reviews.merge(wide, on="review_id", how="left")
    head = list(reviews.columns[: reviews.columns.get_loc("state") + 1])
    return merged[head + order + [c for c in reviews.columns if c not in head]]


def rankings(session: Session, challenge) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Raw and leniency-adjusted scores and ranks per proposal, from the domain's functions."""
    reviews = db_decisions.submitted_totals(session, challenge.id)
    labels = db_exports.labels(session, challenge.id)
    columns = [
        "proposal_id",
        "reference",
        "title",
        "organisation",
        "reviews",
        "raw_score",
        "raw_rank",
        "adjusted_score",
        "adjusted_rank",
        "spread",
        "disagreement",
        "adjustment",
    ]
    if reviews.empty:
        return pd.DataFrame(columns=columns)
    aggregation = Aggregation(challenge.aggregation)
    adjusted = adjust_for_leniency(reviews, Normalisation(challenge.normalisation))
    raw = score_proposals(
        reviews, aggregation=aggregation, disagreement_threshold=challenge.disagreement_threshold
    )
    fair = score_proposals(adjusted.reviews, aggregation=aggregation, column="adjusted")
    note = adjusted.refused_reason or f"{adjusted.method_used.value} method"
    frame = pd.DataFrame(
        {
            "reviews": raw["n"],
            "raw_score": raw["score"].round(2),
            "raw_rank": raw["rank"],
            "adjusted_score": fair["score"].reindex(raw.index).round(2),
            "adjusted_rank": fair["rank"].reindex(raw.index),
            "spread": raw["spread"].round(2),
            "disagreement": raw["disagreement"],
            "adjustment": note,
        }
    ).reset_index()
    merged = frame.merge(labels, on="proposal_id", how="left")
    return merged.sort_values(["adjusted_rank", "proposal_id"])[columns].reset_index(drop=True)


def _spreadsheet_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Pence become pounds (numbers, columns renamed *_gbp); timestamps naive UTC (*_utc):
    spreadsheets hold neither integer pence nor time zones."""
    out = frame.copy()
    for column in list(out.columns):
        if column.endswith("_pence"):
            pence = pd.to_numeric(out[column], errors="coerce")
            out[column.removesuffix("_pence") + "_gbp"] = pence / 100
            out = out.drop(columns=column)
        elif column.endswith("_at") or column == "at":
            moments = pd.to_datetime(out[column], utc=True, errors="coerce")
            out[column] = moments.dt.tz_convert("UTC").dt.tz_localize(None)
            out = out.rename(columns={column: f"{column}_utc"})
    return out
