"""Queries for assignments: the solver's inputs, the plan as a frame, judges' loads and progress."""

import pandas as pd
from sqlalchemy import case, func
from sqlmodel import Session, select

from civic_challenge.db.models import Assignment, Proposal, ProposalTheme, Review, Theme, User
from civic_challenge.domain.terms import (
    FOUND_ELIGIBLE,
    AssignmentState,
    ReviewState,
)


def eligible_proposal_themes(session: Session, challenge_id: int) -> dict[int, frozenset[str]]:
    """Every eligible proposal's id with its theme keys (empty when untagged)."""
    ids = session.exec(
        select(Proposal.id)
        .where(
            Proposal.challenge_id == challenge_id,
            Proposal.status.in_([s.value for s in FOUND_ELIGIBLE]),
        )
        .order_by(Proposal.id)
    ).all()
    tags = session.exec(
        select(ProposalTheme.proposal_id, Theme.key)
        .join(Theme, Theme.id == ProposalTheme.theme_id)
        .join(Proposal, Proposal.id == ProposalTheme.proposal_id)
        .where(Proposal.challenge_id == challenge_id)
    ).all()
    themes: dict[int, set[str]] = {proposal_id: set() for proposal_id in ids}
    for proposal_id, key in tags:
        if proposal_id in themes:
            themes[proposal_id].add(key)
    return {proposal_id: frozenset(keys) for proposal_id, keys in themes.items()}


def assignments_of(session: Session, challenge_id: int) -> list[Assignment]:
    query = (
        select(Assignment)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(Proposal.challenge_id == challenge_id)
        .order_by(Assignment.id)
    )
    return list(session.exec(query.with_for_update()).all())


def submitted_pairs(session: Session, challenge_id: int) -> set[tuple[int, int]]:
    """(judge_id, proposal_id) of every submitted review: re-running the plan keeps them."""
    query = (
        select(Review.judge_id, Review.proposal_id)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .where(Proposal.challenge_id == challenge_id, Review.state == ReviewState.SUBMITTED.value)
    )
    return {(judge, proposal) for judge, proposal in session.exec(query).all()}


def find_assignment(
    session: Session, judge_id: int, proposal_id: int, *, lock: bool = False
) -> Assignment | None:
    """The assignment row; `lock` locks it for update, so saves of one review queue up."""
    query = select(Assignment).where(
        Assignment.judge_id == judge_id, Assignment.proposal_id == proposal_id
    )
    return session.exec(query.with_for_update() if lock else query).first()


def lock_assignment(session: Session, assignment_id: int) -> Assignment | None:
    query = select(Assignment).where(Assignment.id == assignment_id).with_for_update()
    return session.exec(query).first()


def load_of(session: Session, judge_id: int, challenge_id: int) -> int:
    """Assignments a judge holds in the challenge, abstentions not counted."""
    query = (
        select(func.count())
        .select_from(Assignment)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(
            Assignment.judge_id == judge_id,
            Proposal.challenge_id == challenge_id,
            Assignment.state != AssignmentState.ABSTAINED.value,
        )
    )
    return session.exec(query).one()


def plan_frame(session: Session, challenge_id: int) -> pd.DataFrame:
    """One row per assignment with the judge's name, the proposal's reference and title."""
    query = (
        select(
            Assignment.id,
            Assignment.judge_id,
            User.name,
            Assignment.proposal_id,
            Proposal.reference,
            Proposal.title,
            Assignment.state,
            Assignment.published,
            Assignment.abstain_reason,
            Review.state,
        )
        .join(User, User.id == Assignment.judge_id)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .outerjoin(
            Review,
            (Review.judge_id == Assignment.judge_id)
            & (Review.proposal_id == Assignment.proposal_id),
        )
        .where(Proposal.challenge_id == challenge_id)
        .order_by(Proposal.reference, Proposal.id, User.name)
    )
    columns = [
        "id",
        "judge_id",
        "judge",
        "proposal_id",
        "reference",
        "title",
        "state",
        "published",
        "abstain_reason",
        "review_state",
    ]
    return pd.DataFrame(session.exec(query).all(), columns=columns)


def progress_frame(session: Session, challenge_id: int) -> pd.DataFrame:
    """Per judge with any published assignment: assigned, submitted, started, abstained."""
    state = Assignment.state

    def count_of(value: AssignmentState):  # type: ignore[no-untyped-def]
        return func.sum(case((state == value.value, 1), else_=0))

    query = (
        select(
            User.id,
            User.name,
            func.count(Assignment.id),
            count_of(AssignmentState.SUBMITTED),
            count_of(AssignmentState.STARTED),
            count_of(AssignmentState.ABSTAINED),
        )
        .join(Assignment, Assignment.judge_id == User.id)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(Proposal.challenge_id == challenge_id, Assignment.published)
        .group_by(User.id, User.name)
        .order_by(User.name)
    )
    columns = ["judge_id", "judge", "assigned", "submitted", "started", "abstained"]
    return pd.DataFrame(session.exec(query).all(), columns=columns)


def set_due_dates(session: Session, challenge_id: int, due_at) -> None:  # type: ignore[no-untyped-def]
    for row in assignments_of(session, challenge_id):
        row.due_at = due_at
    session.flush()
