"""Tiny factories: the smallest valid row of each table, added and flushed, parents made on demand.

Each takes the session first and keyword overrides for any column; a missing parent (challenge,
proposal, judge...) is created with its own factory.
"""

from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any, TypeVar

from sqlmodel import Session

from civic_challenge.db.models import (
    Assignment,
    Challenge,
    ChallengeStatement,
    Criterion,
    Decision,
    Organisation,
    Proposal,
    ProposalBorough,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, Role

Row = TypeVar("Row")
OPENS_AT = datetime(2018, 6, 1, 9, 0, tzinfo=UTC)
_serial = count(1)


def _saved(session: Session, row: Row) -> Row:
    session.add(row)
    session.flush()
    return row


def make_challenge(session: Session, **overrides: Any) -> Challenge:
    n = next(_serial)
    fields: dict[str, Any] = {
        "slug": f"challenge-{n}",
        "name": f"Civic Innovation Challenge {n}",
        "year": 2018,
        "opens_at": OPENS_AT,
        "closes_at": OPENS_AT + timedelta(days=60),
        "judging_closes_at": OPENS_AT + timedelta(days=90),
        "budget_pence": 250_000_00,
        "max_award_pence": 15_000_00,
        "max_turnover_pence": 50_000_000_00,
    }
    return _saved(session, Challenge(**(fields | overrides)))


def make_theme(session: Session, challenge: Challenge | None = None, **overrides: Any) -> Theme:
    challenge = challenge or make_challenge(session)
    n = next(_serial)
    fields = {"challenge_id": challenge.id, "key": f"theme-{n}", "name": f"Theme {n}"}
    return _saved(session, Theme(**(fields | overrides)))


def make_statement(
    session: Session, theme: Theme | None = None, **overrides: Any
) -> ChallengeStatement:
    theme = theme or make_theme(session)
    n = next(_serial)
    fields = {
        "challenge_id": theme.challenge_id,
        "theme_id": theme.id,
        "key": f"statement-{n}",
        "title": f"Challenge statement {n}",
    }
    return _saved(session, ChallengeStatement(**(fields | overrides)))


def make_organisation(session: Session, **overrides: Any) -> Organisation:
    fields = {"name": f"Small Firm {next(_serial)} Ltd"}
    return _saved(session, Organisation(**(fields | overrides)))


def make_user(
    session: Session, role: str = Role.APPLICANT.value, email: str | None = None, **overrides: Any
) -> User:
    n = next(_serial)
    email = email if email is not None else f"person{n}@example.org"
    fields = {"email": email, "name": f"Person {n}", "role": role}
    return _saved(session, User(**(fields | overrides)))


def make_proposal(
    session: Session,
    challenge: Challenge | None = None,
    organisation: Organisation | None = None,
    **overrides: Any,
) -> Proposal:
    challenge = challenge or make_challenge(session)
    organisation = organisation or make_organisation(session)
    fields = {"challenge_id": challenge.id, "organisation_id": organisation.id}
    return _saved(session, Proposal(**(fields | overrides)))


def make_criterion(
    session: Session, challenge: Challenge | None = None, **overrides: Any
) -> Criterion:
    challenge = challenge or make_challenge(session)
    n = next(_serial)
    fields = {"challenge_id": challenge.id, "key": f"criterion-{n}", "name": f"Criterion {n}"}
    return _saved(session, Criterion(**(fields | overrides)))


def make_review(
    session: Session,
    judge: User | None = None,
    proposal: Proposal | None = None,
    **overrides: Any,
) -> Review:
    judge = judge or make_user(session, role=Role.JUDGE.value)
    proposal = proposal or make_proposal(session)
    fields = {"judge_id": judge.id, "proposal_id": proposal.id}
    return _saved(session, Review(**(fields | overrides)))


def make_review_score(
    session: Session,
    review: Review | None = None,
    criterion: Criterion | None = None,
    **overrides: Any,
) -> ReviewScore:
    """A score carrying its criterion's scale, as the composite foreign key requires."""
    review = review or make_review(session)
    criterion = criterion or make_criterion(session)
    fields = {
        "review_id": review.id,
        "criterion_id": criterion.id,
        "scale_min": criterion.scale_min,
        "scale_max": criterion.scale_max,
        "score": criterion.scale_max,
    }
    return _saved(session, ReviewScore(**(fields | overrides)))


def make_assignment(
    session: Session,
    judge: User | None = None,
    proposal: Proposal | None = None,
    **overrides: Any,
) -> Assignment:
    judge = judge or make_user(session, role=Role.JUDGE.value)
    proposal = proposal or make_proposal(session)
    fields = {"judge_id": judge.id, "proposal_id": proposal.id}
    return _saved(session, Assignment(**(fields | overrides)))


def make_decision(session: Session, proposal: Proposal | None = None, **overrides: Any) -> Decision:
    proposal = proposal or make_proposal(session)
    organiser = make_user(session, role=Role.ORGANISER.value)
    fields = {
        "proposal_id": proposal.id,
        "stage": DecisionStage.AWARD.value,
        "outcome": DecisionOutcome.YES.value,
        "amount_pence": 15_000_00,
        "decided_by_id": organiser.id,
    }
    return _saved(session, Decision(**(fields | overrides)))


def make_pilot_borough(
    session: Session, proposal: Proposal | None = None, **overrides: Any
) -> ProposalBorough:
    proposal = proposal or make_proposal(session)
    fields = {"proposal_id": proposal.id, "borough_code": "E09000012"}  # Hackney
    return _saved(session, ProposalBorough(**(fields | overrides)))
