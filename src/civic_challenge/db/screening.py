"""Queries for eligibility screening: the submitted proposals with their organisations' facts."""

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, select

from civic_challenge.db.judging import NOT_ENTERED
from civic_challenge.db.models import Organisation, Proposal, User

COLUMNS = [
    "id",
    "reference",
    "title",
    "organisation",
    "statement_id",
    "organisation_id",
    "employees",
    "turnover_pence",
    "borough_code",
    "amount_requested_pence",
    "submitted_at",
    "status",
    "screening_reason",
    "screened_at",
    "screened_by",
    "version",
]


def screening_frame(session: Session, challenge_id: int) -> pd.DataFrame:
    """Every submitted (not withdrawn) proposal, oldest submission first."""
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            Proposal.title,
            Organisation.name,
            Proposal.statement_id,
            Proposal.organisation_id,
            Organisation.employees,
            Organisation.turnover_pence,
            Organisation.borough_code,
            Proposal.amount_requested_pence,
            Proposal.submitted_at,
            Proposal.status,
            Proposal.screening_reason,
            Proposal.screened_at,
            User.name,
            Proposal.version,
        )
        .join(Organisation, Organisation.id == Proposal.organisation_id)
        .outerjoin(User, User.id == Proposal.screened_by_id)
        .where(Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED))
        .order_by(Proposal.submitted_at, Proposal.id)
    )
    return pd.DataFrame(session.exec(query).all(), columns=COLUMNS)


def lock_proposal(session: Session, proposal_id: int) -> Proposal | None:
    query = select(Proposal).where(Proposal.id == proposal_id).with_for_update()
    return session.exec(query).first()


def count_entered(session: Session, challenge_id: int) -> int:
    query = (
        select(func.count())
        .select_from(Proposal)
        .where(Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED))
    )
    return session.exec(query).one()
