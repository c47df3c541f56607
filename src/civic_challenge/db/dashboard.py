"""The dashboard's reads: entered proposals and SQL aggregates, each narrowed by the same filters.

Bulk reads go through pandas.read_sql on Core selects (never ORM objects): at 100k proposals the
proposal frame is 100k small rows, and everything per review or per score is aggregated in SQL.
"""

import pandas as pd
from sqlalchemy import Select, and_, case, func, select
from sqlmodel import Session

from civic_challenge.db.judging import NOT_ENTERED
from civic_challenge.db.models import (
    Assignment,
    ChallengeStatement,
    Criterion,
    Decision,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.db.proposals import primary_themes
from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, ReviewState

PROPOSAL_COLUMNS = [
    "proposal_id",
    "reference",
    "organisation_id",
    "status",
    "submitted_at",
    "amount_pence",
    "statement_key",
    "theme_key",
    "shortlisted",
    "awarded",
    "awarded_pence",
]


def entered(challenge_id: int, filters: DashboardFilters) -> Select:
    """The ids of the challenge's entered proposals that pass the filters, as a subquery."""
    conditions = [Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED)]
    if filters.statuses:
        conditions.append(Proposal.status.in_(filters.statuses))
    if filters.statements:
        statements = select(ChallengeStatement.id).where(
            ChallengeStatement.challenge_id == challenge_id,
            ChallengeStatement.key.in_(filters.statements),
        )
        conditions.append(Proposal.statement_id.in_(statements))
    if filters.themes:
        tagged = (
            select(ProposalTheme.proposal_id)
            .join(Theme, Theme.id == ProposalTheme.theme_id)
            .where(ProposalTheme.is_primary, Theme.key.in_(filters.themes))
        )
        conditions.append(Proposal.id.in_(tagged))
    if filters.boroughs:
        piloted = select(ProposalBorough.proposal_id).where(
            ProposalBorough.borough_code.in_(filters.boroughs)
        )
        conditions.append(Proposal.id.in_(piloted))
    return select(Proposal.id).where(*conditions)


def _decision(stage: DecisionStage):  # type: ignore[no-untyped-def]
    return (
        select(Decision.proposal_id, Decision.amount_pence)
        .where(Decision.stage == stage.value, Decision.outcome == DecisionOutcome.YES.value)
        .subquery()
    )


def proposal_frame(session: Session, challenge_id: int, filters: DashboardFilters) -> pd.DataFrame:
    """One row per entered proposal passing the filters (PROPOSAL_COLUMNS)."""
    primary = primary_themes()
    shortlist, award = _decision(DecisionStage.SHORTLIST), _decision(DecisionStage.AWARD)
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            Proposal.organisation_id,
            Proposal.status,
            Proposal.submitted_at,
            Proposal.amount_requested_pence,
            ChallengeStatement.key,
            primary.c.key,
            shortlist.c.proposal_id.is_not(None),
            award.c.proposal_id.is_not(None),
            award.c.amount_pence,
        )
        .outerjoin(ChallengeStatement, ChallengeStatement.id == Proposal.statement_id)
        .outerjoin(primary, primary.c.proposal_id == Proposal.id)
        .outerjoin(shortlist, shortlist.c.proposal_id == Proposal.id)
        .outerjoin(award, award.c.proposal_id == Proposal.id)
        .where(Proposal.id.in_(entered(challenge_id, filters)))
        .order_by(Proposal.id)
    )
    rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)
    frame["shortlisted"] = frame["shortlisted"].astype(bool)
    frame["awarded"] = frame["awarded"].astype(bool)
    frame["awarded_pence"] = pd.to_numeric(frame["awarded_pence"], errors="coerce")
    frame["amount_pence"] = pd.to_numeric(frame["amount_pence"], errors="coerce")
    return frame


def pilot_frame(session: Session, challenge_id: int, filters: DashboardFilters) -> pd.DataFrame:
    """proposal_id, borough_code: where each filtered proposal would run its pilot."""
    query = select(ProposalBorough.proposal_id, ProposalBorough.borough_code).where(
        ProposalBorough.proposal_id.in_(entered(challenge_id, filters))
    )
    return pd.DataFrame(session.execute(query).all(), columns=["proposal_id", "borough_code"])


def review_stats(session: Session, challenge_id: int, filters: DashboardFilters) -> pd.DataFrame:
    """proposal_id, reviews_done, score (raw mean of submitted review totals), per proposal that
    has at least one submitted review."""
    query = (
        select(Review.proposal_id, func.count(Review.id), func.avg(Review.total))
        .where(
            Review.state == ReviewState.SUBMITTED.value,
            Review.proposal_id.in_(entered(challenge_id, filters)),
        )
        .group_by(Review.proposal_id)
    )
    return pd.DataFrame(
        session.execute(query).all(), columns=["proposal_id", "reviews_done", "score"]
    ).astype({"reviews_done": int, "score": float})


def criterion_theme_means(
    session: Session, challenge_id: int, filters: DashboardFilters
) -> pd.DataFrame:
    """criterion_key, criterion_name, position, theme_key, mean_score (0-100), scores: the mean of
    submitted scores per criterion and primary theme, each rescaled from its criterion's scale."""
    rescaled = (
        (ReviewScore.score - ReviewScore.scale_min)
        * 100.0
        / (ReviewScore.scale_max - ReviewScore.scale_min)
    )
    query = (
        select(
            Criterion.key,
            Criterion.name,
            Criterion.position,
            Theme.key,
            func.avg(rescaled),
            func.count(ReviewScore.id),
        )
        .join(Review, Review.id == ReviewScore.review_id)
        .join(Criterion, Criterion.id == ReviewScore.criterion_id)
        .join(
            ProposalTheme,
            and_(ProposalTheme.proposal_id == Review.proposal_id, ProposalTheme.is_primary),
        )
        .join(Theme, Theme.id == ProposalTheme.theme_id)
        .where(
            Review.state == ReviewState.SUBMITTED.value,
            Review.proposal_id.in_(entered(challenge_id, filters)),
        )
        .group_by(Criterion.key, Criterion.name, Criterion.position, Theme.key)
        .order_by(Criterion.position, Criterion.key)
    )
    columns = ["criterion_key", "criterion_name", "position", "theme_key", "mean_score", "scores"]
    return pd.DataFrame(session.execute(query).all(), columns=columns).astype(
        {"mean_score": float, "scores": int}
    )


def assignment_counts(
    session: Session, challenge_id: int, filters: DashboardFilters
) -> pd.DataFrame:
    """judge_id, judge_name, state, assignments: published assignments per judge and state."""
    query = (
        select(User.id, User.name, Assignment.state, func.count(Assignment.id))
        .select_from(Assignment)
        .join(User, User.id == Assignment.judge_id)
        .where(Assignment.published, Assignment.proposal_id.in_(entered(challenge_id, filters)))
        .group_by(User.id, User.name, Assignment.state)
    )
    columns = ["judge_id", "judge_name", "state", "assignments"]
    return pd.DataFrame(session.execute(query).all(), columns=columns)


def expected_reviews(session: Session, challenge_id: int, filters: DashboardFilters) -> int:
    """Published assignments not abstained from: the reviews judging should produce."""
    query = select(
        func.coalesce(func.sum(case((Assignment.state != "abstained", 1), else_=0)), 0)
    ).where(Assignment.published, Assignment.proposal_id.in_(entered(challenge_id, filters)))
    return int(session.execute(query).scalar_one())
