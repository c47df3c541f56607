"""Shortlisting: pending decisions, audited, invisible to applicants; refusals store nothing."""

from datetime import UTC, datetime

import pytest
from factories import make_decision, make_proposal
from ranking_world import NOW, make_ranking_world
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, Decision, Proposal
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, ProposalStatus
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.outcomes import list_my_proposals
from civic_challenge.services.results import ranking
from civic_challenge.services.shortlist import shortlist

TOTALS = [[90, 80, 85], [70, 60, 65], [40, 50, 45]]


def _decisions(session):
    return session.exec(select(Decision).order_by(Decision.proposal_id)).all()


def _shortlist(session, world, indexes):
    return shortlist(
        session=session,
        actor=world.organiser,
        proposal_ids=[world.proposals[i] for i in indexes],
        now=NOW,
    )


def test_shortlisting_records_pending_yes_decisions_and_audits_them(session):
    world = make_ranking_world(session, TOTALS)
    version = session.get(Challenge, world.challenge_id).data_version
    assert _shortlist(session, world, [0, 1]) == 2
    decisions = _decisions(session)
    assert [d.proposal_id for d in decisions] == world.proposals[:2]
    assert {(d.stage, d.outcome) for d in decisions} == {
        (DecisionStage.SHORTLIST.value, DecisionOutcome.YES.value)
    }
    assert all(d.released_at is None and d.decided_by_id == world.organiser.id for d in decisions)
    events = session.exec(
        select(AuditEvent).where(AuditEvent.action == "decision.shortlisted")
    ).all()
    assert len(events) == 2
    assert session.get(Challenge, world.challenge_id).data_version == version + 1


def test_the_ranking_marks_shortlisted_proposals_as_pending(session):
    world = make_ranking_world(session, TOTALS)
    _shortlist(session, world, [0])
    table = ranking(
        session=session, actor=world.organiser, method="none", aggregation="mean", k=1, resamples=50
    ).table.set_index("reference")
    assert table.loc[world.references[0], "shortlist"] == "pending"
    assert table.loc[world.references[1], "shortlist"] == ""


def test_applicants_see_no_change_until_release(session):
    world = make_ranking_world(session, TOTALS)
    before = list_my_proposals(session=session, actor=world.applicant, now=NOW)
    _shortlist(session, world, [0])
    after = list_my_proposals(session=session, actor=world.applicant, now=NOW)
    assert after == before and not after[0].released
    assert session.get(Proposal, world.proposals[0]).status == ProposalStatus.ELIGIBLE.value


def test_shortlisting_twice_changes_nothing_the_second_time(session):
    world = make_ranking_world(session, TOTALS)
    _shortlist(session, world, [0])
    version = session.get(Challenge, world.challenge_id).data_version
    assert _shortlist(session, world, [0, 0]) == 0
    assert len(_decisions(session)) == 1
    assert session.get(Challenge, world.challenge_id).data_version == version


def test_a_pending_no_becomes_yes_with_the_before_value_audited(session):
    world = make_ranking_world(session, TOTALS)
    make_decision(
        session,
        _proposal(session, world, 1),
        stage=DecisionStage.SHORTLIST.value,
        outcome=DecisionOutcome.NO.value,
        amount_pence=None,
    )
    assert _shortlist(session, world, [1]) == 1
    [decision] = _decisions(session)
    assert decision.outcome == DecisionOutcome.YES.value and decision.version == 2
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "decision.shortlisted")
    ).one()
    assert '"no"' in event.before


def test_a_released_decision_is_not_changed(session):
    world = make_ranking_world(session, TOTALS)
    make_decision(
        session,
        _proposal(session, world, 1),
        stage=DecisionStage.SHORTLIST.value,
        outcome=DecisionOutcome.NO.value,
        amount_pence=None,
        released_at=datetime(2018, 9, 1, tzinfo=UTC),
    )
    with pytest.raises(ServiceError, match="already been released"):
        _shortlist(session, world, [1])
    [decision] = _decisions(session)
    assert decision.outcome == DecisionOutcome.NO.value


def test_an_empty_choice_is_refused(session):
    world = make_ranking_world(session, TOTALS)
    with pytest.raises(InvalidInput, match="at least one proposal"):
        shortlist(session=session, actor=world.organiser, proposal_ids=[], now=NOW)


def test_a_proposal_not_in_judging_refuses_the_whole_request(session):
    world = make_ranking_world(session, TOTALS)
    draft = make_proposal(
        session,
        session.get(Challenge, world.challenge_id),
        reference="CIC-DRAFT-1",
        status=ProposalStatus.DRAFT.value,
    )
    with pytest.raises(InvalidInput, match="CIC-DRAFT-1"):
        shortlist(
            session=session,
            actor=world.organiser,
            proposal_ids=[world.proposals[0], draft.id],
            now=NOW,
        )
    assert _decisions(session) == []


@pytest.mark.parametrize("who", ["judge", "applicant", None])
def test_only_organisers_can_shortlist(session, who):
    world = make_ranking_world(session, TOTALS)
    actor = getattr(world, who) if who else None
    with pytest.raises(PermissionDenied):
        shortlist(session=session, actor=actor, proposal_ids=world.proposals[:1], now=NOW)
    assert _decisions(session) == []


def _proposal(session, world, index):
    return session.get(Proposal, world.proposals[index])
