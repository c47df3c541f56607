"""A small challenge in judging with submitted reviews whose totals the test chooses, for the
results, moderation and shortlist services."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from factories import (
    OPENS_AT,
    make_challenge,
    make_criterion,
    make_proposal,
    make_review,
    make_review_score,
    make_user,
)
from sqlmodel import Session

from civic_challenge.domain.terms import Phase, ProposalStatus, ReviewState, Role
from civic_challenge.services.accounts import UserView

NOW = OPENS_AT + timedelta(days=70)  # after the call closed, before judging closes


@dataclass
class RankingWorld:
    challenge_id: int
    organiser: UserView
    judge: UserView
    applicant: UserView
    judges: list[int]
    proposals: list[int]
    references: list[str]
    organisations: list[int]
    criteria: list[int] = field(default_factory=list)


def view(user) -> UserView:  # type: ignore[no-untyped-def]
    return UserView.of(user)


def make_ranking_world(
    session: Session,
    totals: list[list[float | None]],
    *,
    judges: int = 3,
    reviews_per_proposal: int = 3,
    phase: str = Phase.JUDGING.value,
    **challenge_fields,  # type: ignore[no-untyped-def]
) -> RankingWorld:
    """`totals[p][j]`: judge j's submitted total for proposal p (None: no review by j).

    Each review also gets two criterion scores on a 1-5 scale whose mean follows its total, so
    per-criterion agreement has something to measure.
    """
    challenge = make_challenge(
        session, phase=phase, reviews_per_proposal=reviews_per_proposal, **challenge_fields
    )
    criteria = [make_criterion(session, challenge, name=name) for name in ("Impact", "Feasibility")]
    judge_rows = [
        make_user(session, role=Role.JUDGE.value, name=f"Judge {chr(65 + j)}")
        for j in range(judges)
    ]
    organiser = make_user(session, role=Role.ORGANISER.value, name="Olu Organiser")
    proposals, references, organisations = [], [], []
    for p, row in enumerate(totals):
        proposal = make_proposal(
            session,
            challenge,
            reference=f"CIC-T{challenge.id}-{p + 1:04d}",
            title=f"Proposal {p + 1}",
            status=ProposalStatus.ELIGIBLE.value,
        )
        proposals.append(proposal.id)
        references.append(proposal.reference)
        organisations.append(proposal.organisation_id)
        for j, total in enumerate(row):
            if total is not None:
                _review(session, judge_rows[j], proposal, total, criteria)
    applicant = make_user(session, role=Role.APPLICANT.value, organisation_id=organisations[0])
    session.flush()
    return RankingWorld(
        challenge_id=challenge.id,
        organiser=view(organiser),
        judge=view(judge_rows[0]),
        applicant=view(applicant),
        judges=[j.id for j in judge_rows],
        proposals=proposals,
        references=references,
        organisations=organisations,
        criteria=[c.id for c in criteria],
    )


def _review(session, judge, proposal, total, criteria) -> None:  # type: ignore[no-untyped-def]
    review = make_review(
        session,
        judge,
        proposal,
        state=ReviewState.SUBMITTED.value,
        total=total,
        submitted_at=datetime(2018, 8, 1, tzinfo=UTC),
    )
    level = 1 + round(total / 25)
    for criterion, score in zip(criteria, (level, max(1, min(5, level - 1))), strict=True):
        make_review_score(session, review, criterion, score=score)
