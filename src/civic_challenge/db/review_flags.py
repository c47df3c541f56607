"""Reviews the Results page flags: set aside for a conflict, or changed after submitting."""

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from civic_challenge.db.judging import blocking_conflict
from civic_challenge.db.models import AuditEvent, Conflict, Proposal, Review, User
from civic_challenge.domain.terms import ReviewState

SET_ASIDE_COLUMNS = ["proposal_id", "reference", "judge", "source", "reason"]


def set_aside_reviews(session: Session, challenge_id: int) -> pd.DataFrame:
    """Submitted reviews whose judge has a blocking conflict with the proposal's organisation."""
    query = (
        select(Proposal.id, Proposal.reference, User.name, Conflict.source, Conflict.reason)
        .select_from(Review)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .join(User, User.id == Review.judge_id)
        .join(
            Conflict,
            (Conflict.judge_id == Review.judge_id)
            & (Conflict.organisation_id == Proposal.organisation_id),
        )
        .where(
            Proposal.challenge_id == challenge_id,
            Review.state == ReviewState.SUBMITTED.value,
            blocking_conflict(),
        )
        .order_by(Proposal.reference, User.name)
    )
    return pd.DataFrame(session.execute(query).all(), columns=SET_ASIDE_COLUMNS)


CHANGED_COLUMNS = ["proposal_id", "reference", "judge", "changes", "last_changed"]


def changed_reviews(session: Session, challenge_id: int) -> pd.DataFrame:
    """Submitted reviews changed after submission (audited as review.changed), with how often."""
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            User.name,
            func.count(AuditEvent.id),
            func.max(AuditEvent.at),
        )
        .select_from(AuditEvent)
        .join(Review, Review.id == AuditEvent.object_id)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .join(User, User.id == Review.judge_id)
        .where(
            AuditEvent.object_type == "review",
            AuditEvent.action == "review.changed",
            Proposal.challenge_id == challenge_id,
        )
        .group_by(Proposal.id, Proposal.reference, User.name)
        .order_by(Proposal.reference, User.name)
    )
    return pd.DataFrame(session.execute(query).all(), columns=CHANGED_COLUMNS)
