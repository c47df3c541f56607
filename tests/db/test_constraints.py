"""The database itself refuses what must never be stored, on SQLite and on PostgreSQL alike."""

import pytest
from factories import (
    make_assignment,
    make_challenge,
    make_criterion,
    make_decision,
    make_organisation,
    make_pilot_borough,
    make_proposal,
    make_review,
    make_review_score,
    make_statement,
    make_theme,
    make_user,
)
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from civic_challenge.db.models import Challenge, Proposal, Theme

FOREIGN_KEY = "(?i)foreign key"
UNIQUE = "(?i)unique"

ALL_FACTORIES = [
    make_challenge,
    make_theme,
    make_statement,
    make_organisation,
    make_user,
    make_proposal,
    make_criterion,
    make_review,
    make_review_score,
    make_assignment,
    make_decision,
    make_pilot_borough,
]


@pytest.mark.parametrize("factory", ALL_FACTORIES, ids=lambda f: f.__name__)
def test_factories_build_rows_the_database_accepts(session: Session, factory):
    row = factory(session)
    session.commit()
    assert row.id is not None


@pytest.mark.parametrize("score", [1, 3, 5])
def test_score_within_the_criterion_scale_is_stored(session: Session, score: int):
    criterion = make_criterion(session, scale_min=1, scale_max=5)
    make_review_score(session, criterion=criterion, score=score)
    session.commit()


@pytest.mark.parametrize("score", [0, 6, -1, 100])
def test_score_outside_the_criterion_scale_is_refused(session: Session, score: int):
    criterion = make_criterion(session, scale_min=1, scale_max=5)
    with pytest.raises(IntegrityError, match="score_within_scale"):
        make_review_score(session, criterion=criterion, score=score)


@pytest.mark.parametrize(("scale_min", "scale_max", "score"), [(1, 9, 7), (0, 5, 0), (0, 10, 9)])
def test_score_claiming_a_wider_scale_than_its_criterion_is_refused(
    session: Session, scale_min: int, scale_max: int, score: int
):
    """The score fits the claimed scale, so only the composite foreign key can catch the lie."""
    criterion = make_criterion(session, scale_min=1, scale_max=5)
    with pytest.raises(IntegrityError, match=FOREIGN_KEY):
        make_review_score(
            session, criterion=criterion, scale_min=scale_min, scale_max=scale_max, score=score
        )


@pytest.mark.parametrize(
    ("factory", "field", "constraint"),
    [
        (make_challenge, "budget_pence", "budget_not_negative"),
        (make_challenge, "max_award_pence", "max_award_not_negative"),
        (make_challenge, "max_turnover_pence", "max_turnover_not_negative"),
        (make_statement, "max_award_pence", "ceiling_not_negative"),
        (make_proposal, "amount_requested_pence", "amount_not_negative"),
        (make_decision, "amount_pence", "amount_not_negative"),
        (make_organisation, "turnover_pence", "turnover_not_negative"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_negative_money_is_refused(session: Session, factory, field: str, constraint: str):
    with pytest.raises(IntegrityError, match=constraint):
        factory(session, **{field: -1})


@pytest.mark.parametrize(
    ("factory", "field", "value", "constraint"),
    [
        (make_user, "role", "administrator", "role_known"),
        (make_user, "role", "Judge", "role_known"),
        (make_challenge, "phase", "closed", "phase_known"),
        (make_proposal, "status", "approved", "status_known"),
        (make_review, "state", "final", "review_state_known"),
        (make_review, "confidence", "certain", "confidence_known"),
        (make_assignment, "state", "done", "assignment_state_known"),
        (make_decision, "stage", "final", "stage_known"),
        (make_decision, "outcome", "maybe", "outcome_known"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_unknown_words_are_refused(
    session: Session, factory, field: str, value: str, constraint: str
):
    with pytest.raises(IntegrityError, match=constraint):
        factory(session, **{field: value})


def test_email_is_unique(session: Session):
    make_user(session, email="ada@example.org")
    with pytest.raises(IntegrityError, match=UNIQUE):
        make_user(session, role="judge", email="ada@example.org")


def test_email_with_capitals_is_refused_so_uniqueness_ignores_case(session: Session):
    make_user(session, email="ada@example.org")
    session.commit()
    with pytest.raises(IntegrityError, match="email_lower_case"):
        make_user(session, email="Ada@Example.org")


@pytest.mark.parametrize("factory", [make_review, make_assignment], ids=lambda f: f.__name__)
def test_a_judge_has_one_row_per_proposal(session: Session, factory):
    judge = make_user(session, role="judge")
    proposal = make_proposal(session)
    factory(session, judge=judge, proposal=proposal)
    with pytest.raises(IntegrityError, match=UNIQUE):
        factory(session, judge=judge, proposal=proposal)


@pytest.mark.parametrize("total", [0.0, 62.5, 100.0])
def test_review_total_from_0_to_100_is_stored(session: Session, total: float):
    make_review(session, total=total)
    session.commit()


@pytest.mark.parametrize("total", [100.01, 101.0, -0.5])
def test_review_total_outside_0_to_100_is_refused(session: Session, total: float):
    with pytest.raises(IntegrityError, match="total_in_range"):
        make_review(session, total=total)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Theme, {"challenge_id": 999_999, "key": "climate", "name": "Climate"}),
        (Proposal, {"challenge_id": 999_999, "organisation_id": 999_999}),
    ],
    ids=["theme-without-challenge", "proposal-without-challenge"],
)
def test_foreign_key_to_a_missing_row_is_refused(session: Session, model, fields: dict):
    session.add(model(**fields))
    with pytest.raises(IntegrityError, match=FOREIGN_KEY):
        session.flush()


def test_pilot_borough_outside_london_is_refused(session: Session):
    make_pilot_borough(session, borough_code="E09000033")  # Westminster
    with pytest.raises(IntegrityError, match="borough_code_london"):
        make_pilot_borough(session, borough_code="E08000003")  # Manchester


@pytest.mark.parametrize("weight", [0.0, -1.0])
def test_criterion_weight_must_be_positive(session: Session, weight: float):
    with pytest.raises(IntegrityError, match="weight_positive"):
        make_criterion(session, weight=weight)


def test_rollback_leaves_nothing_stored(engine):
    with Session(engine) as session:
        make_proposal(session)
        with pytest.raises(IntegrityError, match="total_in_range"):
            make_review(session, total=250.0)
        session.rollback()
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Challenge)) == 0
        assert session.scalar(select(func.count()).select_from(Proposal)) == 0
