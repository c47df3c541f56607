"""Set-up: the challenge, themes and statements with optimistic versions, targets that do not
add up (a warning), a budget below awards made (refused with numbers), phase guard rails."""

import json
from dataclasses import replace

import pytest
from factories import make_decision, make_proposal
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, Proposal, Theme
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.phase import change_phase
from civic_challenge.services.setup import get_setup, update_challenge
from civic_challenge.services.statements import StatementValues, save_statement
from civic_challenge.services.themes import ThemeValues, save_theme


def test_a_budget_below_awards_already_made_is_refused_with_the_numbers(session):
    world = make_world(session)
    make_decision(session, session.get(Proposal, world.proposal_ids[0]), amount_pence=12_000_00)
    setup = get_setup(session=session, actor=world.organiser)
    values = replace(setup.values, budget_pence=10_000_00)
    with pytest.raises(InvalidInput) as refused:
        update_challenge(
            session=session, actor=world.organiser, values=values, version=setup.version, now=NOW
        )
    assert refused.value.problems["budget"] == [
        "The budget cannot go below the £12,000 already awarded: £10,000 was entered. "
        "Withdraw awards first, or keep at least £12,000."
    ]
    assert session.get(Challenge, world.challenge_id).budget_pence == 50_000_00


def test_saving_the_challenge_checks_the_version_and_is_audited(session):
    world = make_world(session)
    setup = get_setup(session=session, actor=world.organiser)
    values = replace(setup.values, name="Renamed", budget_pence=60_000_00)
    update_challenge(
        session=session, actor=world.organiser, values=values, version=setup.version, now=NOW
    )
    assert session.get(Challenge, world.challenge_id).name == "Renamed"
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "challenge.updated")).one()
    assert json.loads(event.before)["budget_pence"] == 50_000_00
    with pytest.raises(ServiceError, match="changed by someone else"):
        update_challenge(
            session=session, actor=world.organiser, values=values, version=setup.version, now=NOW
        )


def test_dates_out_of_order_are_refused(session):
    world = make_world(session)
    setup = get_setup(session=session, actor=world.organiser)
    values = replace(setup.values, closes_at=setup.values.opens_at)
    with pytest.raises(InvalidInput) as refused:
        update_challenge(
            session=session, actor=world.organiser, values=values, version=setup.version, now=NOW
        )
    assert "must run in order" in refused.value.problems["dates"][0]


def test_targets_that_do_not_add_up_warn_and_are_saved(session):
    world = make_world(session)
    setup = get_setup(session=session, actor=world.organiser)
    assert setup.target_warning is None
    warning = save_theme(
        session=session,
        actor=world.organiser,
        theme_id=None,
        values=ThemeValues("inequality", "Inequality", "", 0.35, 0.2, "#0072B2"),
        version=None,
        now=NOW,
    )
    assert "do not add up to 100%" in warning and "135%" in warning
    assert session.exec(select(Theme).where(Theme.key == "inequality")).one().name == "Inequality"
    assert get_setup(session=session, actor=world.organiser).target_warning == warning


def test_bad_theme_input_is_refused_all_at_once(session):
    world = make_world(session)
    row = get_setup(session=session, actor=world.organiser).themes.iloc[0]
    with pytest.raises(InvalidInput) as refused:
        save_theme(
            session=session,
            actor=world.organiser,
            theme_id=int(row.id),
            values=ThemeValues("ageing", "", "", 1.5, 0.5, "green"),
            version=int(row.version),
            now=NOW,
        )
    assert set(refused.value.problems) == {"key", "name", "shares", "colour"}


def test_a_statement_ceiling_below_an_award_made_is_refused(session):
    world = make_world(session)
    make_decision(session, session.get(Proposal, world.proposal_ids[0]), amount_pence=12_000_00)
    row = get_setup(session=session, actor=world.organiser).statements.iloc[0]
    values = StatementValues("travel", "climate", "Active travel", "", "TfL", 11_000_00)
    with pytest.raises(InvalidInput, match="largest award already made under this statement"):
        save_statement(
            session=session,
            actor=world.organiser,
            statement_id=int(row.id),
            values=values,
            version=int(row.version),
            now=NOW,
        )
    save_statement(
        session=session,
        actor=world.organiser,
        statement_id=int(row.id),
        values=replace(values, max_award_pence=12_000_00),
        version=int(row.version),
        now=NOW,
    )


def test_judging_cannot_open_with_eligible_proposals_unassigned(session):
    world = make_world(session)
    challenge = session.get(Challenge, world.challenge_id)
    challenge.phase = Phase.OPEN.value
    lonely = make_proposal(session, challenge, reference="CIC-T-0099", status="eligible")
    with pytest.raises(ServiceError) as refused:
        change_phase(
            session=session,
            actor=world.organiser,
            phase=Phase.JUDGING,
            confirm=False,
            version=challenge.version,
            now=NOW,
        )
    assert "1 eligible proposals have no judges yet (CIC-T-0099)" in str(refused.value)
    assert lonely.status == "eligible"
    assert session.get(Challenge, world.challenge_id).phase == Phase.OPEN.value


def test_moving_to_published_goes_through_the_publishing_guard(session):
    world = make_world(session)
    challenge = session.get(Challenge, world.challenge_id)
    with pytest.raises(ServiceError, match="shortlisted proposals have no award decision"):
        change_phase(
            session=session,
            actor=world.organiser,
            phase=Phase.PUBLISHED,
            confirm=False,
            version=challenge.version,
            now=NOW,
        )
    change_phase(
        session=session,
        actor=world.organiser,
        phase=Phase.PUBLISHED,
        confirm=True,
        version=challenge.version,
        now=NOW,
    )
    assert challenge.phase == Phase.PUBLISHED.value
    with pytest.raises(ServiceError, match="cannot move back"):
        change_phase(
            session=session,
            actor=world.organiser,
            phase=Phase.DECIDED,
            confirm=False,
            version=challenge.version,
            now=NOW,
        )


def test_a_phase_change_is_audited(session):
    world = make_world(session)
    challenge = session.get(Challenge, world.challenge_id)
    change_phase(
        session=session,
        actor=world.organiser,
        phase=Phase.MODERATION,
        confirm=False,
        version=challenge.version,
        now=NOW,
    )
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "challenge.phase_changed")
    ).one()
    assert json.loads(event.after)["phase"] == "moderation"


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_cannot_set_up(session, role):
    world = make_world(session)
    person = world.judge if role is Role.JUDGE else world.applicant
    values = ThemeValues("x", "X", "", 0, 0, "#000000")
    calls = [
        lambda: get_setup(session=session, actor=person),
        lambda: save_theme(
            session=session, actor=person, theme_id=None, values=values, version=None, now=NOW
        ),
        lambda: save_statement(
            session=session,
            actor=person,
            statement_id=None,
            values=StatementValues("x", "climate", "X", "", "", None),
            version=None,
            now=NOW,
        ),
        lambda: change_phase(
            session=session, actor=person, phase=Phase.OPEN, confirm=False, version=1, now=NOW
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
