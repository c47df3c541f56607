"""Queries about proposals: optimistic writes, tags, attachments, versions, outcomes."""

from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from civic_challenge.db.models import (
    Attachment,
    Challenge,
    Criterion,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    ProposalVersion,
    Review,
    Theme,
)
from civic_challenge.domain.terms import ProposalStatus, ReviewState

COUNTED = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.ELIGIBLE,
    ProposalStatus.INELIGIBLE,
    ProposalStatus.SHORTLISTED,
    ProposalStatus.AWARDED,
    ProposalStatus.DECLINED,
)


def get_proposal(session: Session, proposal_id: int) -> Proposal | None:
    return session.get(Proposal, proposal_id, populate_existing=True)


def add_proposal(session: Session, values: dict[str, Any]) -> Proposal:
    proposal = Proposal(**values)
    session.add(proposal)
    session.flush()
    return proposal


def update_proposal(
    session: Session, proposal_id: int, expected_version: int, values: dict[str, Any]
) -> int | None:
    """Write `values` and return the new version, or None if the row is no longer at
    `expected_version` (someone saved in between): never a silent overwrite."""
    statement = (
        update(Proposal)
        .where(Proposal.id == proposal_id, Proposal.version == expected_version)
        .values(**values, version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if session.execute(statement).rowcount != 1:
        return None
    session.expire_all()
    return expected_version + 1


def lock_challenge(session: Session, challenge_id: int) -> Challenge | None:
    """The challenge row, locked (PostgreSQL) so that references are numbered one at a time."""
    query = select(Challenge).where(Challenge.id == challenge_id).with_for_update()
    return session.execute(query).scalars().first()


def highest_reference(session: Session, prefix: str) -> str | None:
    """The highest reference starting with `prefix` (longer numbers sort after shorter ones)."""
    query = (
        select(Proposal.reference)
        .where(Proposal.reference.like(f"{prefix}%"))
        .order_by(func.length(Proposal.reference).desc(), Proposal.reference.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def themes_of_proposal(session: Session, proposal_id: int) -> list[ProposalTheme]:
    query = select(ProposalTheme).where(ProposalTheme.proposal_id == proposal_id)
    return list(session.execute(query).scalars().all())


def boroughs_of_proposal(session: Session, proposal_id: int) -> list[str]:
    query = (
        select(ProposalBorough.borough_code)
        .where(ProposalBorough.proposal_id == proposal_id)
        .order_by(ProposalBorough.borough_code)
    )
    return list(session.execute(query).scalars().all())


def replace_tags(
    session: Session,
    proposal_id: int,
    *,
    primary_theme_id: int | None,
    secondary_theme_ids: list[int],
    boroughs: list[str],
) -> None:
    session.execute(delete(ProposalTheme).where(ProposalTheme.proposal_id == proposal_id))
    session.execute(delete(ProposalBorough).where(ProposalBorough.proposal_id == proposal_id))
    rows: list[Any] = []
    if primary_theme_id is not None:
        rows.append(
            ProposalTheme(proposal_id=proposal_id, theme_id=primary_theme_id, is_primary=True)
        )
    rows += [
        ProposalTheme(proposal_id=proposal_id, theme_id=theme_id)
        for theme_id in secondary_theme_ids
        if theme_id != primary_theme_id
    ]
    rows += [ProposalBorough(proposal_id=proposal_id, borough_code=code) for code in boroughs]
    session.add_all(rows)
    session.flush()


def attachment_of(session: Session, proposal_id: int) -> Attachment | None:
    query = select(Attachment).where(Attachment.proposal_id == proposal_id)
    return session.execute(query).scalars().first()


def replace_attachment(session: Session, proposal_id: int, values: dict[str, Any] | None) -> None:
    """Put `values` in place of any attachment; None removes it."""
    session.execute(delete(Attachment).where(Attachment.proposal_id == proposal_id))
    if values is not None:
        session.add(Attachment(proposal_id=proposal_id, **values))
    session.flush()


def count_counted_for_statement(
    session: Session, organisation_id: int, statement_id: int, excluding: int | None
) -> int:
    """The organisation's submitted (not draft, not withdrawn) proposals to one statement."""
    query = select(func.count()).where(
        Proposal.organisation_id == organisation_id,
        Proposal.statement_id == statement_id,
        Proposal.status.in_([s.value for s in COUNTED]),
    )
    if excluding is not None:
        query = query.where(Proposal.id != excluding)
    return session.execute(query).scalar_one()


def add_version(
    session: Session, proposal_id: int, version: int, snapshot: str, at: datetime, by: int | None
) -> None:
    session.add(
        ProposalVersion(
            proposal_id=proposal_id,
            version=version,
            snapshot=snapshot,
            submitted_at=at,
            submitted_by_id=by,
        )
    )
    session.flush()


def versions_frame(session: Session, proposal_id: int) -> pd.DataFrame:
    query = (
        select(ProposalVersion.version, ProposalVersion.submitted_at, ProposalVersion.snapshot)
        .where(ProposalVersion.proposal_id == proposal_id)
        .order_by(ProposalVersion.version)
    )
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["version", "submitted_at", "snapshot"])


def organisation_proposals_frame(
    session: Session, organisation_id: int, challenge_id: int
) -> pd.DataFrame:
    columns = [
        Proposal.id,
        Proposal.reference,
        Proposal.title,
        Proposal.status,
        Proposal.created_at,
        Proposal.updated_at,
        Proposal.submitted_at,
        Proposal.withdrawn_at,
        Proposal.statement_id,
    ]
    query = (
        select(*columns)
        .where(Proposal.organisation_id == organisation_id, Proposal.challenge_id == challenge_id)
        .order_by(Proposal.updated_at.desc(), Proposal.id.desc())
    )
    return pd.DataFrame(session.execute(query).all(), columns=[c.key for c in columns])


def feedback_for(session: Session, proposal_id: int) -> list[str]:
    """Judges' comments for the applicant (the moderated wording where there is one)."""
    query = (
        select(func.coalesce(Review.moderated_comment, Review.comment_for_applicant))
        .where(Review.proposal_id == proposal_id, Review.state == ReviewState.SUBMITTED.value)
        .order_by(Review.id)
    )
    return [text for text in session.execute(query).scalars().all() if text and text.strip()]


def criteria_of(session: Session, challenge_id: int) -> list[Criterion]:
    query = (
        select(Criterion).where(Criterion.challenge_id == challenge_id).order_by(Criterion.position)
    )
    return list(session.execute(query).scalars().all())


def get_challenge(session: Session, challenge_id: int) -> Challenge | None:
    return session.get(Challenge, challenge_id)


def primary_themes():  # type: ignore[no-untyped-def]
    """A subquery of each proposal's primary theme: columns proposal_id, key, name."""
    return (
        select(ProposalTheme.proposal_id, Theme.key, Theme.name)
        .join(Theme, Theme.id == ProposalTheme.theme_id)
        .where(ProposalTheme.is_primary)
        .subquery()
    )
