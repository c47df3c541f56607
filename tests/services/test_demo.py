"""Seeding the demo: every row through the table models, once, and only once."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from civic_challenge.db.demo import count_rows
from civic_challenge.db.models import (
    Assignment,
    AuditEvent,
    Challenge,
    ChallengeStatement,
    Conflict,
    Criterion,
    JudgeExpertise,
    Organisation,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.domain.passwords import verify_password
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.demo import (
    APPLICANT_EMAIL,
    DEMO_PASSWORD,
    JUDGE_EMAILS,
    ORGANISER_EMAIL,
    DemoAlreadySeeded,
    seed_demo,
)
from civic_challenge.services.screening import list_screening

DATA = Path(__file__).parents[2] / "data"
NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
TABLES = (
    Challenge, Theme, ChallengeStatement, Criterion, Organisation, Proposal, ProposalTheme,
    ProposalBorough, User, JudgeExpertise, Conflict, Assignment, Review, ReviewScore, AuditEvent,
)  # fmt: skip


def _seed(session):
    return seed_demo(session=session, now=NOW, password=DEMO_PASSWORD, data_dir=DATA)


def _counts(session):
    return {table.__name__: count_rows(session, table) for table in TABLES}


def test_seeding_writes_the_whole_demo_and_the_constraints_accept_it(session):
    summary = _seed(session)
    session.commit()
    counts = _counts(session)
    assert counts["Challenge"] == 1
    assert counts["Theme"] == summary.themes == 3
    assert counts["ChallengeStatement"] == summary.statements == 7
    assert counts["Criterion"] == summary.criteria
    assert counts["Organisation"] == summary.organisations >= 100
    assert counts["Proposal"] == summary.proposals > summary.organisations
    assert counts["User"] == summary.users == 14
    assert counts["Conflict"] == summary.conflicts > 0
    assert counts["Assignment"] == summary.assignments
    assert counts["Review"] == summary.reviews
    assert counts["ReviewScore"] == summary.review_scores > summary.reviews
    assert counts["ProposalTheme"] >= summary.proposals
    assert counts["AuditEvent"] > 0


def test_seeding_twice_is_refused_and_changes_nothing(session):
    _seed(session)
    session.commit()
    before = _counts(session)
    with pytest.raises(DemoAlreadySeeded, match="already"):
        _seed(session)
    assert _counts(session) == before


def test_demo_accounts_share_one_hash_of_the_demo_password(session):
    _seed(session)
    users = session.exec(select(User)).all()
    emails = {u.email for u in users}
    assert {ORGANISER_EMAIL, APPLICANT_EMAIL, *JUDGE_EMAILS} == emails
    assert all(u.is_demo for u in users)
    assert len({u.password_hash for u in users}) == 1
    assert verify_password(users[0].password_hash, DEMO_PASSWORD)


def test_the_applicant_belongs_to_an_organisation_with_a_submitted_proposal(session):
    _seed(session)
    applicant = session.exec(select(User).where(User.email == APPLICANT_EMAIL)).one()
    proposals = session.exec(
        select(Proposal).where(Proposal.organisation_id == applicant.organisation_id)
    ).all()
    assert any(p.submitted_at and p.reference for p in proposals)


def test_assignments_are_published_and_scores_carry_their_criterion_scale(session):
    _seed(session)
    assert all(a.published for a in session.exec(select(Assignment)).all())
    scales = {c.id: (c.scale_min, c.scale_max) for c in session.exec(select(Criterion)).all()}
    for score in session.exec(select(ReviewScore)).all():
        assert (score.scale_min, score.scale_max) == scales[score.criterion_id]


def test_money_is_written_in_pence(session):
    _seed(session)
    challenge = session.exec(select(Challenge)).one()
    assert challenge.budget_pence == 25_000_000
    assert challenge.max_award_pence == 1_500_000


def test_every_submitted_demo_proposal_has_its_receipt(session):
    from civic_challenge.services.accounts import UserView
    from civic_challenge.services.receipts import submission_receipt

    _seed(session)
    applicant = session.exec(select(User).where(User.email == APPLICANT_EMAIL)).one()
    submitted = [
        p
        for p in session.exec(
            select(Proposal).where(Proposal.organisation_id == applicant.organisation_id)
        ).all()
        if p.reference
    ]
    actor = UserView.of(applicant)
    for proposal in submitted:
        receipt = submission_receipt(session=session, actor=actor, proposal_id=proposal.id)
        assert proposal.reference in receipt.text
        assert proposal.title in receipt.text


def test_the_demo_tells_one_story(session):
    """Every screening decision has its reason, the check agrees with each decision (so the
    second proposal to one statement is the later one), and the judge who has not declared
    conflicts has written nothing."""
    _seed(session)
    session.flush()
    screened = session.exec(
        select(Proposal).where(Proposal.status.in_(["eligible", "ineligible"]))
    ).all()
    assert screened and all(p.screening_reason and p.screened_at for p in screened)
    organiser = session.exec(select(User).where(User.email == ORGANISER_EMAIL)).one()
    actor = UserView(organiser.id, organiser.email, organiser.name, Role.ORGANISER, None)
    frame = list_screening(session=session, actor=actor)
    judged = frame[frame.status.isin(["eligible", "ineligible"])]
    assert list(judged.suggested_eligible) == list(judged.status == "eligible")
    assert any("same challenge statement" in r for r in judged.screening_reason)
    undeclared = session.exec(select(User).where(User.email == JUDGE_EMAILS[-1])).one()
    assert session.exec(select(Review).where(Review.judge_id == undeclared.id)).all() == []
