"""Creating the challenge on a fresh install: organisers only, every problem at once in plain
English and nothing stored, a slug made from the name, UTC moments, set-up phase, audited; then
themes and statements with keys made from their names, and opening the call."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from factories import make_challenge, make_user
from organiser_world import view
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, ChallengeStatement, Theme
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.challenges import challenge_overview
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.new_challenge import ChallengeDraft, create_challenge
from civic_challenge.services.phase import change_phase
from civic_challenge.services.setup import get_setup
from civic_challenge.services.statements import StatementValues, save_statement
from civic_challenge.services.themes import ThemeValues, save_theme

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
DRAFT = ChallengeDraft(
    name="  Civic Innovation Challenge 2026 ",
    description="Ideas for London.",
    year=2026,
    opens_at=datetime(2026, 4, 1, 9, 0, tzinfo=LONDON),  # British Summer Time: 08:00 UTC
    closes_at=datetime(2026, 6, 1, 17, 0, tzinfo=LONDON),
    judging_closes_at=datetime(2026, 7, 15, 17, 0, tzinfo=LONDON),
    budget_pence=250_000_00,
    max_award_pence=15_000_00,
)


@pytest.fixture
def organiser(session):
    return view(make_user(session, Role.ORGANISER.value, name="Olu Organiser"))


def stored(session):
    return session.exec(select(Challenge)).all(), session.exec(select(AuditEvent)).all()


def test_a_challenge_is_created_in_its_set_up_phase_and_audited(session, organiser):
    created = create_challenge(session=session, actor=organiser, draft=DRAFT, now=NOW)
    challenge = session.get(Challenge, created.id)
    assert (created.slug, created.name) == (
        "civic-innovation-challenge-2026",
        "Civic Innovation Challenge 2026",
    )
    assert challenge.phase == Phase.SETUP.value and challenge.slug == created.slug
    assert challenge.opens_at == datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    assert (challenge.budget_pence, challenge.max_award_pence) == (250_000_00, 15_000_00)
    assert (challenge.max_employees, challenge.reviews_per_proposal) == (249, 3)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "challenge.created")).one()
    assert event.actor_id == organiser.id and event.object_id == created.id
    assert json.loads(event.after)["slug"] == "civic-innovation-challenge-2026"


def later(days):
    return DRAFT.opens_at + timedelta(days=days)


BAD = [  # (field, change, words the message must contain)
    ("name", {"name": "   "}, "Give the challenge a name"),
    ("name", {"name": "x" * 201}, "The name is 201 characters: 1 too many (the limit is 200)"),
    ("name", {"name": "!!! ???"}, "Use some letters or digits in the name"),
    ("description", {"description": "x" * 5001}, "Keep the description to 5,000 characters"),
    ("year", {"year": 26}, "Give the year as four digits, from 2000 to 2100; it was 26"),
    ("opens_at", {"opens_at": datetime(2026, 4, 1, 9, 0)}, "with its time zone"),
    ("closes_at", {"closes_at": later(0)}, "The deadline must come after the call opens"),
    ("closes_at", {"closes_at": later(-1)}, "The deadline must come after the call opens"),
    ("judging_closes_at", {"judging_closes_at": later(61)}, "Judging must close after the"),
    ("budget_pence", {"budget_pence": 0}, "Set a budget above £0"),
    ("budget_pence", {"budget_pence": -5}, "Set a budget above £0"),
    ("budget_pence", {"budget_pence": 10**15}, "more than this form accepts: check a budget"),
    ("max_award_pence", {"max_award_pence": 0}, "Set an award ceiling above £0"),
    (
        "max_award_pence",
        {"budget_pence": 10_000_00, "max_award_pence": 20_000_00},
        "The award ceiling (£20,000) cannot be more than the budget (£10,000)",
    ),
    ("max_employees", {"max_employees": 0}, "The most employees must be a whole number from 1"),
    ("max_turnover_pence", {"max_turnover_pence": 0}, "Set a turnover limit above £0"),
    (
        "max_proposals_per_statement",
        {"max_proposals_per_statement": 0},
        "Proposals per organisation and statement must be a whole number from 1 to 100",
    ),
    ("reviews_per_proposal", {"reviews_per_proposal": 21}, "from 1 to 20; it was 21"),
    ("judge_load_cap", {"judge_load_cap": 0}, "The most proposals per judge must be"),
]


@pytest.mark.parametrize(
    ("field", "change", "words"), BAD, ids=[f"{b[0]}-{n}" for n, b in enumerate(BAD)]
)
def test_each_bad_field_is_refused_with_a_clear_message_and_nothing_stored(
    session, organiser, field, change, words
):
    with pytest.raises(InvalidInput) as refused:
        create_challenge(session=session, actor=organiser, draft=replace(DRAFT, **change), now=NOW)
    assert list(refused.value.problems) == [field]
    assert words in " ".join(refused.value.problems[field])
    assert stored(session) == ([], [])


def test_every_problem_is_reported_at_once(session, organiser):
    draft = replace(
        DRAFT,
        name="",
        year=1999,
        closes_at=DRAFT.opens_at,
        budget_pence=0,
        max_award_pence=0,
        reviews_per_proposal=0,
    )
    with pytest.raises(InvalidInput) as refused:
        create_challenge(session=session, actor=organiser, draft=draft, now=NOW)
    assert set(refused.value.problems) == {
        "name",
        "year",
        "closes_at",
        "budget_pence",
        "max_award_pence",
        "reviews_per_proposal",
    }
    assert stored(session) == ([], [])


def test_a_second_challenge_is_refused(session, organiser):
    make_challenge(session, name="The one we have")
    with pytest.raises(ServiceError, match="A challenge already exists"):
        create_challenge(session=session, actor=organiser, draft=DRAFT, now=NOW)
    assert len(session.exec(select(Challenge)).all()) == 1


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_cannot_create_a_challenge(session, role):
    person = view(make_user(session, role.value))
    with pytest.raises(PermissionDenied):
        create_challenge(session=session, actor=person, draft=DRAFT, now=NOW)
    assert stored(session) == ([], [])


def test_from_an_empty_database_to_an_open_call(session, organiser):
    create_challenge(session=session, actor=organiser, draft=DRAFT, now=NOW)
    assert get_setup(session=session, actor=organiser).themes.empty
    warning = save_theme(
        session=session,
        actor=organiser,
        theme_id=None,
        values=ThemeValues("", "Climate change", "Cleaner air", 1.0, 1.0, "#0072B2"),
        version=None,
        now=NOW,
    )
    assert warning is None
    save_statement(
        session=session,
        actor=organiser,
        statement_id=None,
        values=StatementValues("", "climate-change", "Active travel", "", "TfL", None),
        version=None,
        now=NOW,
    )
    assert session.exec(select(Theme.key)).all() == ["climate-change"]
    assert session.exec(select(ChallengeStatement.key)).all() == ["active-travel"]
    setup = get_setup(session=session, actor=organiser)
    change_phase(
        session=session,
        actor=organiser,
        phase=Phase.OPEN,
        confirm=False,
        version=setup.version,
        now=NOW,
    )
    facts = challenge_overview(session=session)
    assert facts.phase is Phase.OPEN and facts.name == "Civic Innovation Challenge 2026"
    assert [t.name for t in facts.themes] == ["Climate change"]
    assert [(s.title, s.theme_key) for s in facts.statements] == [
        ("Active travel", "climate-change")
    ]
