"""Conflicts: declared by judges, suggested by the system, decided by organisers, enforced."""

import pytest
from factories import make_user
from judging_world import NOW, make_judging, view
from sqlmodel import select

from civic_challenge.db.models import Conflict, Organisation
from civic_challenge.domain.terms import ConflictSource, ConflictStatus, Role
from civic_challenge.services.conflicts import (
    confirm_declaration,
    decide_conflict,
    declare_conflict,
    has_confirmed_declaration,
    list_conflicts,
    my_declaration,
    suggest_likely_conflicts,
)
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.queue import my_queue


def test_a_judge_declares_a_conflict_and_loses_that_proposal(session):
    world = make_judging(session, declared=False)
    judge = world.judges[0]
    declaration = my_declaration(session=session, actor=judge)
    assert sorted(declaration.organisations.values()) == sorted(world.organisation_names)
    assert not declaration.confirmed
    declare_conflict(
        session=session,
        actor=judge,
        organisation_id=world.organisation_ids[0],
        reason="I advised the founders in 2017.",
        now=NOW,
    )
    confirm_declaration(session=session, actor=judge, now=NOW)
    assert has_confirmed_declaration(session=session, actor=judge)
    assert [
        c.organisation_name for c in my_declaration(session=session, actor=judge).conflicts
    ] == [world.organisation_names[0]]
    queue = my_queue(session=session, actor=judge, now=NOW)
    assert world.proposal_ids[0] not in [item.proposal_id for item in queue.items]


def test_a_declaration_needs_an_organisation_from_the_list_and_a_reason(session):
    world = make_judging(session)
    with pytest.raises(InvalidInput) as refused:
        declare_conflict(
            session=session, actor=world.judges[0], organisation_id=None, reason="", now=NOW
        )
    assert set(refused.value.problems) == {"organisation", "reason"}
    assert session.exec(select(Conflict)).first() is None


def test_suggestions_come_from_email_domains_and_names(session):
    world = make_judging(session)
    make_user(session, role=Role.JUDGE.value, name="Pat Morgan", email="pat@firm2.example")
    make_user(session, role=Role.JUDGE.value, name="Sam Gmail", email="sam@gmail.com")
    session.get(Organisation, world.organisation_ids[0]).website = "https://gmail.com"
    assert suggest_likely_conflicts(session=session, actor=world.organiser, now=NOW) == 1
    (found,) = list_conflicts(session=session, actor=world.organiser)
    assert (found.judge_email, found.organisation_id) == (
        "pat@firm2.example",
        world.organisation_ids[1],
    )
    assert (found.source, found.status) == (ConflictSource.SUGGESTED, ConflictStatus.PENDING)
    assert suggest_likely_conflicts(session=session, actor=world.organiser, now=NOW) == 0


def test_a_confirmed_suggestion_blocks_and_a_dismissed_one_does_not(session):
    world = make_judging(session)
    rows = [
        Conflict(
            judge_id=world.judges[n].id,
            organisation_id=world.organisation_ids[0],
            source="suggested",
            status="pending",
            reason="Name match",
        )
        for n in range(2)
    ]
    session.add_all(rows)
    session.flush()
    decide_conflict(
        session=session, actor=world.organiser, conflict_id=rows[0].id, confirm=True, now=NOW
    )
    decide_conflict(
        session=session, actor=world.organiser, conflict_id=rows[1].id, confirm=False, now=NOW
    )
    first = my_queue(session=session, actor=world.judges[0], now=NOW)
    second = my_queue(session=session, actor=world.judges[1], now=NOW)
    assert world.proposal_ids[0] not in [i.proposal_id for i in first.items]
    assert world.proposal_ids[0] in [i.proposal_id for i in second.items]


def test_a_declared_conflict_cannot_be_dismissed(session):
    world = make_judging(session)
    declare_conflict(
        session=session,
        actor=world.judges[0],
        organisation_id=world.organisation_ids[0],
        reason="My partner works there.",
        now=NOW,
    )
    (row,) = list_conflicts(session=session, actor=world.organiser)
    with pytest.raises(ServiceError, match="cannot be dismissed"):
        decide_conflict(
            session=session, actor=world.organiser, conflict_id=row.id, confirm=False, now=NOW
        )


def test_only_judges_declare_and_only_organisers_decide(session):
    world = make_judging(session)
    applicant = view(make_user(session, role=Role.APPLICANT.value))
    with pytest.raises(PermissionDenied):
        declare_conflict(
            session=session,
            actor=applicant,
            organisation_id=world.organisation_ids[0],
            reason="Not a judge at all.",
            now=NOW,
        )
    with pytest.raises(PermissionDenied):
        list_conflicts(session=session, actor=world.judges[0])
    with pytest.raises(PermissionDenied):
        suggest_likely_conflicts(session=session, actor=world.judges[0], now=NOW)
