"""Eligibility screening: the check's suggestion, the organiser's decision and its reason."""

import json

import pytest
from factories import make_organisation, make_proposal
from judging_world import NOW, make_judging
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, Proposal
from civic_challenge.domain.terms import ProposalStatus
from civic_challenge.services.errors import InvalidInput, PermissionDenied
from civic_challenge.services.screening import (
    accept_screening_suggestions,
    list_screening,
    screen_proposal,
)


def submitted(session, world, **organisation):
    fields = dict(name="Big Co Ltd", employees=10, turnover_pence=100_00, borough_code="E09000012")
    org = make_organisation(session, **(fields | organisation))
    return make_proposal(
        session,
        session.get(Challenge, world.challenge_id),
        org,
        status=ProposalStatus.SUBMITTED.value,
        submitted_at=NOW,
        amount_requested_pence=10_000_00,
    )


@pytest.fixture
def world(session):
    return make_judging(session, proposals=0, assign=False)


def test_the_check_prefills_a_suggestion_with_its_reasons(session, world):
    fine = submitted(session, world)
    too_big = submitted(session, world, employees=500)
    frame = list_screening(session=session, actor=world.organiser).set_index("id")
    assert frame.loc[fine.id, "suggested_eligible"]
    assert not frame.loc[too_big.id, "suggested_eligible"]
    assert "fewer than 250 staff" in frame.loc[too_big.id, "suggested_reasons"][0]


def test_accepting_suggestions_screens_every_waiting_proposal(session, world):
    fine, too_big = submitted(session, world), submitted(session, world, employees=500)
    assert accept_screening_suggestions(session=session, actor=world.organiser, now=NOW) == 2
    assert session.get(Proposal, fine.id).status == ProposalStatus.ELIGIBLE.value
    assert session.get(Proposal, too_big.id).status == ProposalStatus.INELIGIBLE.value
    assert "250 staff" in session.get(Proposal, too_big.id).screening_reason


def test_overriding_the_check_needs_a_reason_and_is_recorded(session, world):
    too_big = submitted(session, world, employees=500)
    with pytest.raises(InvalidInput) as refused:
        screen_proposal(
            session=session,
            actor=world.organiser,
            proposal_id=too_big.id,
            version=too_big.version,
            eligible=True,
            reason=" ",
            now=NOW,
        )
    assert "reason" in refused.value.problems
    assert session.get(Proposal, too_big.id).status == ProposalStatus.SUBMITTED.value
    screen_proposal(
        session=session,
        actor=world.organiser,
        proposal_id=too_big.id,
        version=too_big.version,
        eligible=True,
        reason="Headcount includes seasonal volunteers.",
        now=NOW,
    )
    row = session.get(Proposal, too_big.id)
    assert (row.status, row.screened_by_id, row.screened_at) == (
        "eligible",
        world.organiser.id,
        NOW,
    )
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "proposal.screened")).one()
    assert json.loads(event.after)["reason"] == "Headcount includes seasonal volunteers."


def test_marking_ineligible_always_needs_a_reason(session, world):
    fine = submitted(session, world)
    with pytest.raises(InvalidInput):
        screen_proposal(
            session=session,
            actor=world.organiser,
            proposal_id=fine.id,
            version=fine.version,
            eligible=False,
            reason="",
            now=NOW,
        )


def test_drafts_are_not_screened_and_judges_may_not_screen(session, world):
    draft = make_proposal(session, session.get(Challenge, world.challenge_id))
    assert draft.id not in set(list_screening(session=session, actor=world.organiser).id)
    with pytest.raises(PermissionDenied):
        list_screening(session=session, actor=world.judges[0])
