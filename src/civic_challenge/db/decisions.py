"""Queries for award decisions and publishing (feedback moderation: db.feedback)."""

from datetime import datetime

import pandas as pd
from sqlalchemy import func, select, update
from sqlmodel import Session

from civic_challenge.db.judging import NOT_ENTERED
from civic_challenge.db.models import (
    Assignment,
    ChallengeStatement,
    Decision,
    Organisation,
    Proposal,
    Review,
    User,
)
from civic_challenge.db.proposals import primary_themes
from civic_challenge.db.rankings import counted
from civic_challenge.domain.terms import (
    AssignmentState,
    DecisionOutcome,
    DecisionStage,
    ProposalStatus,
    ReviewState,
)

YES = DecisionOutcome.YES.value
CANDIDATE_COLUMNS = [
    "proposal_id",
    "reference",
    "title",
    "organisation_id",
    "organisation",
    "statement_key",
    "statement_title",
    "theme_key",
    "requested_pence",
    "award_outcome",
    "award_pence",
    "award_released_at",
    "rationale",
    "award_version",
]


def shortlisted_frame(session: Session, challenge_id: int) -> pd.DataFrame:
    """One row per proposal with a "yes" shortlist decision, with its award decision if any."""
    shortlist = (
        select(Decision.proposal_id)
        .where(Decision.stage == DecisionStage.SHORTLIST.value, Decision.outcome == YES)
        .subquery()
    )
    award = (
        select(
            Decision.proposal_id,
            Decision.outcome,
            Decision.amount_pence,
            Decision.released_at,
            Decision.rationale,
            Decision.version,
        )
        .where(Decision.stage == DecisionStage.AWARD.value)
        .subquery()
    )
    primary = primary_themes()
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            Proposal.title,
            Proposal.organisation_id,
            Organisation.name,
            ChallengeStatement.key,
            ChallengeStatement.title,
            primary.c.key,
            Proposal.amount_requested_pence,
            award.c.outcome,
            award.c.amount_pence,
            award.c.released_at,
            award.c.rationale,
            award.c.version,
        )
        .join(shortlist, shortlist.c.proposal_id == Proposal.id)
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(ChallengeStatement, ChallengeStatement.id == Proposal.statement_id)
        .outerjoin(primary, primary.c.proposal_id == Proposal.id)
        .outerjoin(award, award.c.proposal_id == Proposal.id)
        .where(Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED))
        .order_by(Proposal.id)
    )
    return pd.DataFrame(session.execute(query).all(), columns=CANDIDATE_COLUMNS)


def submitted_totals(session: Session, challenge_id: int) -> pd.DataFrame:
    """proposal_id, judge_id, total: every submitted review of an entered proposal that counts
    (no blocking conflict between its judge and the organisation)."""
    query = (
        select(Review.proposal_id, Review.judge_id, Review.total)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Proposal.status.not_in(NOT_ENTERED),
            Review.state == ReviewState.SUBMITTED.value,
            Review.total.is_not(None),
            counted(),
        )
    )
    return pd.DataFrame(session.execute(query).all(), columns=["proposal_id", "judge_id", "total"])


def find_decision(session: Session, proposal_id: int, stage: DecisionStage) -> Decision | None:
    query = (
        select(Decision)
        .where(Decision.proposal_id == proposal_id, Decision.stage == stage.value)
        .with_for_update()
    )
    return session.execute(query).scalars().first()


def awarded_pence(session: Session, challenge_id: int) -> int:
    """Money in "yes" award decisions, pending or released."""
    query = (
        select(func.coalesce(func.sum(Decision.amount_pence), 0))
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Decision.stage == DecisionStage.AWARD.value,
            Decision.outcome == YES,
        )
    )
    return int(session.execute(query).scalar_one())


def awarded_by_statement(session: Session, challenge_id: int) -> dict[int, int]:
    """statement id -> the largest single award made under it (for ceiling changes)."""
    query = (
        select(Proposal.statement_id, func.max(Decision.amount_pence))
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Decision.stage == DecisionStage.AWARD.value,
            Decision.outcome == YES,
            Proposal.statement_id.is_not(None),
        )
        .group_by(Proposal.statement_id)
    )
    return {int(s): int(m or 0) for s, m in session.execute(query).all()}


def largest_award(session: Session, challenge_id: int) -> int:
    query = (
        select(func.coalesce(func.max(Decision.amount_pence), 0))
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Decision.stage == DecisionStage.AWARD.value,
            Decision.outcome == YES,
        )
    )
    return int(session.execute(query).scalar_one())


def missing_reviews(session: Session, challenge_id: int) -> pd.DataFrame:
    """judge, reference: published assignments on entered proposals not yet submitted or
    abstained from (the reviews judging still owes)."""
    query = (
        select(User.name, Proposal.reference)
        .select_from(Assignment)
        .join(User, User.id == Assignment.judge_id)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Proposal.status.not_in(NOT_ENTERED),
            Assignment.published,
            Assignment.state.in_([AssignmentState.PENDING.value, AssignmentState.STARTED.value]),
        )
        .order_by(User.name, Proposal.reference)
    )
    return pd.DataFrame(session.execute(query).all(), columns=["judge", "reference"])


def unreleased_decisions(
    session: Session, challenge_id: int, *, lock: bool = True
) -> list[Decision]:
    """Every decision on the challenge's proposals not yet released (dozens, not thousands)."""
    query = (
        select(Decision)
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .where(Proposal.challenge_id == challenge_id, Decision.released_at.is_(None))
        .order_by(Decision.id)
    )
    if lock:
        query = query.with_for_update()
    return list(session.execute(query).scalars().all())


def references(session: Session, challenge_id: int) -> list:  # type: ignore[type-arg]
    """(proposal_id, reference) of every proposal with a decision."""
    query = (
        select(Proposal.id.label("proposal_id"), Proposal.reference)
        .join(Decision, Decision.proposal_id == Proposal.id)
        .where(Proposal.challenge_id == challenge_id)
        .distinct()
    )
    return list(session.execute(query).all())


def set_status(session: Session, proposal_id: int, status: ProposalStatus) -> None:
    session.execute(
        update(Proposal)
        .where(Proposal.id == proposal_id)
        .values(status=status.value, version=Proposal.version + 1)
        .execution_options(synchronize_session=False)
    )


def release(session: Session, decisions: list[Decision], now: datetime) -> None:
    for decision in decisions:
        decision.released_at = now
    session.flush()


def proposal_challenge(session: Session, proposal_id: int) -> Proposal | None:
    return session.get(Proposal, proposal_id)
