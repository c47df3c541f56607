"""Reads for exports and the audit log: flat frames, one row per proposal, review, decision or
event, through Core selects (never ORM objects in bulk)."""

from datetime import datetime

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from civic_challenge.db.dashboard import entered
from civic_challenge.db.judging import NOT_ENTERED
from civic_challenge.db.models import (
    AuditEvent,
    ChallengeStatement,
    Criterion,
    Decision,
    Organisation,
    Proposal,
    Review,
    ReviewScore,
    User,
)
from civic_challenge.db.proposals import primary_themes
from civic_challenge.domain.dashboard import DashboardFilters


def _frame(session: Session, query, columns: list[str]) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return pd.DataFrame(session.execute(query).all(), columns=columns)


def entered_ids(session: Session, challenge_id: int, filters: DashboardFilters) -> set[int]:
    """The entered proposals passing the dashboard's filters (the dashboard's own rule)."""
    return set(session.execute(entered(challenge_id, filters)).scalars().all())


def proposals(session: Session, challenge_id: int) -> pd.DataFrame:
    """Every proposal of the challenge, drafts and withdrawn ones too: `status` says which."""
    primary = primary_themes()
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            Proposal.title,
            Organisation.name,
            Organisation.borough_code,
            ChallengeStatement.title,
            primary.c.name,
            Proposal.status,
            Proposal.amount_requested_pence,
            Proposal.submitted_at,
            Proposal.summary,
            Proposal.screening_reason,
        )
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(ChallengeStatement, ChallengeStatement.id == Proposal.statement_id)
        .outerjoin(primary, primary.c.proposal_id == Proposal.id)
        .where(Proposal.challenge_id == challenge_id)
        .order_by(Proposal.reference.is_(None), Proposal.reference, Proposal.id)
    )
    columns = [
        "proposal_id",
        "reference",
        "title",
        "organisation",
        "organisation_borough",
        "statement",
        "theme",
        "status",
        "amount_requested_pence",
        "submitted_at",
        "summary",
        "screening_reason",
    ]
    return _frame(session, query, columns)


def reviews(session: Session, challenge_id: int) -> pd.DataFrame:
    query = (
        select(
            Review.id,
            Proposal.id,
            Proposal.reference,
            User.name,
            Review.state,
            Review.total,
            Review.confidence,
            Review.comment_for_applicant,
            Review.moderated_comment,
            Review.note_for_panel,
            Review.submitted_at,
        )
        .join(Proposal, Proposal.id == Review.proposal_id)
        .join(User, User.id == Review.judge_id)
        .where(Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED))
        .order_by(Proposal.id, Review.id)
    )
    columns = [
        "review_id",
        "proposal_id",
        "reference",
        "judge",
        "state",
        "total",
        "confidence",
        "comment_for_applicant",
        "moderated_comment",
        "note_for_panel",
        "submitted_at",
    ]
    return _frame(session, query, columns)


def review_scores(session: Session, challenge_id: int) -> pd.DataFrame:
    """review_id, criterion (name), position, score: every criterion score, long form."""
    query = (
        select(ReviewScore.review_id, Criterion.name, Criterion.position, ReviewScore.score)
        .join(Criterion, Criterion.id == ReviewScore.criterion_id)
        .where(Criterion.challenge_id == challenge_id)
    )
    return _frame(session, query, ["review_id", "criterion", "position", "score"])


def labels(session: Session, challenge_id: int) -> pd.DataFrame:
    """proposal_id, reference, title, organisation for entered proposals."""
    query = (
        select(Proposal.id, Proposal.reference, Proposal.title, Organisation.name)
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .where(Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED))
    )
    return _frame(session, query, ["proposal_id", "reference", "title", "organisation"])


def decisions(session: Session, challenge_id: int) -> pd.DataFrame:
    primary = primary_themes()
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            Proposal.title,
            Organisation.name,
            primary.c.name,
            ChallengeStatement.title,
            Decision.stage,
            Decision.outcome,
            Decision.amount_pence,
            Decision.rationale,
            User.name,
            Decision.decided_at,
            Decision.released_at,
        )
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(primary, primary.c.proposal_id == Proposal.id)
        .outerjoin(ChallengeStatement, ChallengeStatement.id == Proposal.statement_id)
        .join(User, User.id == Decision.decided_by_id)
        .where(Proposal.challenge_id == challenge_id)
        .order_by(Proposal.id, Decision.stage)
    )
    columns = [
        "proposal_id",
        "reference",
        "title",
        "organisation",
        "theme",
        "statement",
        "stage",
        "outcome",
        "amount_pence",
        "rationale",
        "decided_by",
        "decided_at",
        "released_at",
    ]
    return _frame(session, query, columns)


AUDIT_COLUMNS = ["at", "actor", "action", "object_type", "object_id", "before", "after"]


def audit_events(
    session: Session,
    *,
    action: str | None,
    actor_id: int | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
) -> pd.DataFrame:
    """Newest first, at most `limit` rows; `until` is exclusive."""
    actor = aliased(User)
    query = (
        select(
            AuditEvent.at,
            actor.name,
            AuditEvent.action,
            AuditEvent.object_type,
            AuditEvent.object_id,
            AuditEvent.before,
            AuditEvent.after,
        )
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    if action:
        query = query.where(AuditEvent.action == action)
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    return _frame(session, query, AUDIT_COLUMNS)


def audit_actions(session: Session) -> list[str]:
    query = select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    return list(session.execute(query).scalars().all())


def audit_actors(session: Session) -> dict[int, str]:
    query = (
        select(User.id, User.name, User.email)
        .where(User.id.in_(select(AuditEvent.actor_id).distinct()))
        .order_by(User.name)
    )
    return {i: f"{name} ({email})" for i, name, email in session.execute(query).all()}
