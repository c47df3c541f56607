"""Queries for judging set-up: the rubric, the challenge row, conflicts, judges and expertise."""

from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlmodel import Session, select

from civic_challenge.db.models import (
    Challenge,
    Conflict,
    ConflictDeclaration,
    Criterion,
    JudgeExpertise,
    Organisation,
    Proposal,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.domain.terms import (
    ConflictSource,
    ConflictStatus,
    ProposalStatus,
    ReviewState,
    Role,
)

DECLARATION_CONFIRMED = "conflicts.declaration_confirmed"
NOT_ENTERED = (ProposalStatus.DRAFT.value, ProposalStatus.WITHDRAWN.value)


def lock_challenge(session: Session, challenge_id: int) -> Challenge | None:
    query = select(Challenge).where(Challenge.id == challenge_id).with_for_update()
    return session.exec(query).first()


def criteria_of(session: Session, challenge_id: int) -> list[Criterion]:
    query = (
        select(Criterion)
        .where(Criterion.challenge_id == challenge_id)
        .order_by(Criterion.position, Criterion.id)
    )
    return list(session.exec(query).all())


def submitted_review_count(session: Session, challenge_id: int) -> int:
    query = (
        select(func.count())
        .select_from(Review)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .where(Proposal.challenge_id == challenge_id, Review.state == ReviewState.SUBMITTED.value)
    )
    return session.exec(query).one()


def delete_scores_of(session: Session, criterion_id: int) -> int:
    """Remove one criterion's scores (drafts only: the caller refuses once any review is in)."""
    rows = session.exec(select(ReviewScore).where(ReviewScore.criterion_id == criterion_id)).all()
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


def active_judges(session: Session) -> list[User]:
    query = (
        select(User)
        .where(User.role == Role.JUDGE.value, User.is_active)
        .order_by(User.name, User.id)
    )
    return list(session.exec(query).all())


def entered_organisations(session: Session, challenge_id: int) -> list[Organisation]:
    """Organisations with a submitted (not withdrawn) proposal in the challenge, by name."""
    query = (
        select(Organisation)
        .where(
            Organisation.id.in_(
                select(Proposal.organisation_id).where(
                    Proposal.challenge_id == challenge_id, Proposal.status.not_in(NOT_ENTERED)
                )
            )
        )
        .order_by(Organisation.name, Organisation.id)
    )
    return list(session.exec(query).all())


def blocking_conflict():
    """A declared conflict counts as confirmed; a suggested one only once confirmed."""
    return or_(
        and_(
            Conflict.source == ConflictSource.DECLARED.value,
            Conflict.status != ConflictStatus.DISMISSED.value,
        ),
        Conflict.status == ConflictStatus.CONFIRMED.value,
    )


def blocked_organisations(session: Session, judge_id: int) -> set[int]:
    query = select(Conflict.organisation_id).where(
        Conflict.judge_id == judge_id, blocking_conflict()
    )
    return set(session.exec(query).all())


def blocked_pairs(session: Session, challenge_id: int) -> set[tuple[int, int]]:
    """(judge_id, proposal_id) for every blocking conflict, through the proposal's organisation."""
    query = (
        select(Conflict.judge_id, Proposal.id)
        .join(Proposal, Proposal.organisation_id == Conflict.organisation_id)
        .where(Proposal.challenge_id == challenge_id, blocking_conflict())
    )
    return {(judge, proposal) for judge, proposal in session.exec(query).all()}


def find_conflict(session: Session, judge_id: int, organisation_id: int) -> Conflict | None:
    query = select(Conflict).where(
        Conflict.judge_id == judge_id, Conflict.organisation_id == organisation_id
    )
    return session.exec(query.with_for_update()).first()


def lock_conflict(session: Session, conflict_id: int) -> Conflict | None:
    query = select(Conflict).where(Conflict.id == conflict_id).with_for_update()
    return session.exec(query).first()


def conflict_rows(session: Session, judge_id: int | None = None) -> list[tuple]:
    """(conflict, judge name, judge email, organisation name), newest first."""
    query = (
        select(Conflict, User.name, User.email, Organisation.name)
        .join(User, User.id == Conflict.judge_id)
        .join(Organisation, Organisation.id == Conflict.organisation_id)
        .order_by(Conflict.created_at.desc(), Conflict.id.desc())
    )
    if judge_id is not None:
        query = query.where(Conflict.judge_id == judge_id)
    return [tuple(row) for row in session.exec(query).all()]


def declaration_confirmed(session: Session, judge_id: int, challenge_id: int) -> bool:
    query = select(ConflictDeclaration.id).where(
        ConflictDeclaration.judge_id == judge_id, ConflictDeclaration.challenge_id == challenge_id
    )
    return session.exec(query.limit(1)).first() is not None


def confirm_declaration(session: Session, judge_id: int, challenge_id: int, at: datetime) -> None:
    session.add(ConflictDeclaration(judge_id=judge_id, challenge_id=challenge_id, confirmed_at=at))
    session.flush()


def expertise_of_judges(session: Session, challenge_id: int) -> dict[int, frozenset[str]]:
    """Each judge's expertise as the challenge's theme keys."""
    query = (
        select(JudgeExpertise.user_id, Theme.key)
        .join(Theme, Theme.id == JudgeExpertise.theme_id)
        .where(Theme.challenge_id == challenge_id)
    )
    found: dict[int, set[str]] = {}
    for judge_id, key in session.exec(query).all():
        found.setdefault(judge_id, set()).add(key)
    return {judge_id: frozenset(keys) for judge_id, keys in found.items()}


def pending_suggestions(session: Session) -> int:
    query = (
        select(func.count())
        .select_from(Conflict)
        .where(Conflict.status == ConflictStatus.PENDING.value)
    )
    return session.exec(query).one()


def proposal_brief(session: Session, proposal_id: int) -> Proposal | None:
    return session.get(Proposal, proposal_id)
