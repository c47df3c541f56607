"""Releases of decisions to applicants: what each made visible and when; public winners."""

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from civic_challenge.db.models import (
    ChallengeStatement,
    Decision,
    DecisionRelease,
    Organisation,
    Proposal,
    User,
)
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage


def add_release(session: Session, release: DecisionRelease) -> DecisionRelease:
    session.add(release)
    session.flush()
    return release


def has_release(session: Session, challenge_id: int) -> bool:
    query = select(func.count(DecisionRelease.id)).where(
        DecisionRelease.challenge_id == challenge_id
    )
    return bool(session.execute(query).scalar_one())


RELEASE_COLUMNS = ["id", "kind", "message", "contents", "decisions", "released_by", "released_at"]


def releases_frame(session: Session, challenge_id: int) -> pd.DataFrame:
    """Every release of the challenge, oldest first."""
    query = (
        select(
            DecisionRelease.id,
            DecisionRelease.kind,
            DecisionRelease.message,
            DecisionRelease.contents,
            DecisionRelease.decisions,
            User.name,
            DecisionRelease.released_at,
        )
        .join(User, User.id == DecisionRelease.released_by_id)
        .where(DecisionRelease.challenge_id == challenge_id)
        .order_by(DecisionRelease.released_at, DecisionRelease.id)
    )
    return pd.DataFrame(session.execute(query).all(), columns=RELEASE_COLUMNS)


WINNER_COLUMNS = ["reference", "title", "organisation", "statement", "amount_pence"]


def released_winners(session: Session, challenge_id: int) -> pd.DataFrame:
    """Proposals whose "yes" award decision has been released, by statement then reference."""
    query = (
        select(
            Proposal.reference,
            Proposal.title,
            Organisation.name,
            ChallengeStatement.title,
            Decision.amount_pence,
        )
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(ChallengeStatement, ChallengeStatement.id == Proposal.statement_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Decision.stage == DecisionStage.AWARD.value,
            Decision.outcome == DecisionOutcome.YES.value,
            Decision.released_at.is_not(None),
        )
        .order_by(ChallengeStatement.position, Proposal.reference)
    )
    return pd.DataFrame(session.execute(query).all(), columns=WINNER_COLUMNS)
