"""Reads for one proposal seen whole by an organiser: its people, reviews and audit trail."""

import pandas as pd
from sqlalchemy import and_, or_, select
from sqlmodel import Session

from civic_challenge.db.judging import blocking_conflict
from civic_challenge.db.models import (
    Assignment,
    AuditEvent,
    ChallengeStatement,
    Conflict,
    Criterion,
    Decision,
    Organisation,
    Review,
    ReviewScore,
    Theme,
    User,
)


def organisation_of(session: Session, organisation_id: int) -> Organisation | None:
    return session.get(Organisation, organisation_id)


def statement_and_theme(session: Session, statement_id: int | None) -> tuple[str, str, str]:
    """(statement title, partner, theme name); empty strings when there is no statement."""
    if statement_id is None:
        return "", "", ""
    query = (
        select(ChallengeStatement.title, ChallengeStatement.partner, Theme.name)
        .join(Theme, Theme.id == ChallengeStatement.theme_id)
        .where(ChallengeStatement.id == statement_id)
    )
    row = session.execute(query).first()
    return ("", "", "") if row is None else (row[0], row[1], row[2])


ASSIGNMENT_COLUMNS = ["judge_id", "judge", "state", "due_at", "published", "abstain_reason"]


def assignments_frame(session: Session, proposal_id: int) -> pd.DataFrame:
    query = (
        select(
            Assignment.judge_id,
            User.name,
            Assignment.state,
            Assignment.due_at,
            Assignment.published,
            Assignment.abstain_reason,
        )
        .join(User, User.id == Assignment.judge_id)
        .where(Assignment.proposal_id == proposal_id)
        .order_by(User.name)
    )
    return pd.DataFrame(session.execute(query).all(), columns=ASSIGNMENT_COLUMNS)


CONFLICT_COLUMNS = ["judge_id", "judge", "source", "status", "reason", "created_at", "blocking"]


def conflicts_frame(session: Session, organisation_id: int) -> pd.DataFrame:
    """Every conflict recorded against the organisation, dismissed ones included; `blocking`
    says whether it keeps the judge away (and their review out of the ranking)."""
    query = (
        select(
            Conflict.judge_id,
            User.name,
            Conflict.source,
            Conflict.status,
            Conflict.reason,
            Conflict.created_at,
            blocking_conflict(),
        )
        .join(User, User.id == Conflict.judge_id)
        .where(Conflict.organisation_id == organisation_id)
        .order_by(User.name)
    )
    return pd.DataFrame(session.execute(query).all(), columns=CONFLICT_COLUMNS)


REVIEW_COLUMNS = [
    "review_id",
    "judge_id",
    "judge",
    "state",
    "total",
    "confidence",
    "comment_for_applicant",
    "moderated_comment",
    "note_for_panel",
    "submitted_at",
    "updated_at",
]


def reviews_frame(session: Session, proposal_id: int) -> pd.DataFrame:
    query = (
        select(
            Review.id,
            Review.judge_id,
            User.name,
            Review.state,
            Review.total,
            Review.confidence,
            Review.comment_for_applicant,
            Review.moderated_comment,
            Review.note_for_panel,
            Review.submitted_at,
            Review.updated_at,
        )
        .join(User, User.id == Review.judge_id)
        .where(Review.proposal_id == proposal_id)
        .order_by(User.name)
    )
    return pd.DataFrame(session.execute(query).all(), columns=REVIEW_COLUMNS)


def scores_frame(session: Session, proposal_id: int) -> pd.DataFrame:
    """review_id, criterion (name), position, score: long form, one row per criterion score."""
    query = (
        select(ReviewScore.review_id, Criterion.name, Criterion.position, ReviewScore.score)
        .join(Criterion, Criterion.id == ReviewScore.criterion_id)
        .join(Review, Review.id == ReviewScore.review_id)
        .where(Review.proposal_id == proposal_id)
    )
    return pd.DataFrame(
        session.execute(query).all(), columns=["review_id", "criterion", "position", "score"]
    )


AUDIT_COLUMNS = ["at", "who", "action", "object_type", "object_id", "before", "after"]


def audit_trail(session: Session, proposal_id: int) -> pd.DataFrame:
    """Events on the proposal itself, its reviews, assignments and decisions, oldest first."""
    reviews = select(Review.id).where(Review.proposal_id == proposal_id)
    assignments = select(Assignment.id).where(Assignment.proposal_id == proposal_id)
    decisions = select(Decision.id).where(Decision.proposal_id == proposal_id)
    query = (
        select(
            AuditEvent.at,
            User.name,
            AuditEvent.action,
            AuditEvent.object_type,
            AuditEvent.object_id,
            AuditEvent.before,
            AuditEvent.after,
        )
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(
            or_(
                and_(AuditEvent.object_type == "proposal", AuditEvent.object_id == proposal_id),
                and_(AuditEvent.object_type == "review", AuditEvent.object_id.in_(reviews)),
                and_(
                    AuditEvent.object_type == "assignment",
                    AuditEvent.object_id.in_(assignments),
                ),
                and_(AuditEvent.object_type == "decision", AuditEvent.object_id.in_(decisions)),
            )
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return pd.DataFrame(session.execute(query).all(), columns=AUDIT_COLUMNS)


def decisions_frame(session: Session, proposal_id: int) -> pd.DataFrame:
    query = (
        select(
            Decision.stage,
            Decision.outcome,
            Decision.amount_pence,
            Decision.rationale,
            User.name,
            Decision.decided_at,
            Decision.released_at,
        )
        .join(User, User.id == Decision.decided_by_id)
        .where(Decision.proposal_id == proposal_id)
        .order_by(Decision.stage.desc())
    )
    columns = ["stage", "outcome", "amount_pence", "rationale", "by", "decided_at", "released_at"]
    return pd.DataFrame(session.execute(query).all(), columns=columns)
