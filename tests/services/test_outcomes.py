"""My proposals: nothing about screening, shortlists or decisions shows before release."""

from datetime import UTC, datetime

import pytest
from applicant_world import (
    NOW,
    complete_draft,
    make_applicant_with_organisation,
    make_open_challenge,
)
from factories import make_decision, make_review

from civic_challenge.db.models import Challenge, Proposal
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.terms import DecisionOutcome, Phase, ProposalStatus, ReviewState
from civic_challenge.services.outcomes import list_my_proposals
from civic_challenge.services.proposals import save_draft, submit_proposal

RELEASED = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def setup(session):
    world = make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    done = submit_proposal(
        session=session, actor=ada, proposal_id=None, draft=complete_draft(world),
        expected_version=None, now=NOW,
    )  # fmt: skip
    save_draft(
        session=session, actor=ada, proposal_id=None, draft=ProposalDraft(title="Next idea"),
        expected_version=None, now=NOW,
    )  # fmt: skip
    return world, ada, done


def _set(session, world, done, status, phase, released_at=None):
    session.get(Proposal, done.id).status = status.value
    session.get(Challenge, world.challenge_id).phase = phase.value
    make_review(
        session, proposal=session.get(Proposal, done.id), state=ReviewState.SUBMITTED.value,
        comment_for_applicant="Strong plan; costs need detail.",
    )  # fmt: skip
    make_decision(
        session, proposal=session.get(Proposal, done.id), outcome=DecisionOutcome.YES.value,
        released_at=released_at,
    )  # fmt: skip
    session.flush()


def test_drafts_and_submissions_are_listed_with_their_timelines(session, setup):
    _, ada, done = setup
    mine = {p.title: p for p in list_my_proposals(session=session, actor=ada, now=NOW)}
    assert mine["Next idea"].status_words == "Draft: not submitted yet"
    submitted = mine["Bike buses for school runs"]
    assert (submitted.reference, submitted.status_words) == (
        done.reference,
        "Submitted: under review",
    )
    assert [(s.label, s.state) for s in submitted.timeline][:2] == [
        ("Draft started", "done"), ("Submitted", "done"),
    ]  # fmt: skip


@pytest.mark.parametrize("status", [s for s in ProposalStatus if s not in ("draft", "withdrawn")])
@pytest.mark.parametrize("phase", [Phase.JUDGING, Phase.DECIDED])
def test_before_publication_every_later_status_reads_under_review(session, setup, status, phase):
    world, ada, done = setup
    _set(session, world, done, status, phase, released_at=RELEASED)
    shown = next(
        p for p in list_my_proposals(session=session, actor=ada, now=NOW) if p.id == done.id
    )
    assert shown.status_words == "Submitted: under review"
    assert not shown.feedback and not shown.released
    assert all(s.state == "waiting" for s in shown.timeline[2:])


def test_once_released_the_outcome_and_feedback_show(session, setup):
    world, ada, done = setup
    _set(session, world, done, ProposalStatus.AWARDED, Phase.PUBLISHED, released_at=RELEASED)
    shown = next(
        p for p in list_my_proposals(session=session, actor=ada, now=NOW) if p.id == done.id
    )
    assert shown.status_words == "Awarded"
    assert shown.feedback == ("Strong plan; costs need detail.",)
    assert [s.state for s in shown.timeline[2:]] == ["done", "done", "done"]


def test_another_organisations_proposals_are_not_listed(session, setup):
    bea = make_applicant_with_organisation(session, "bea@example.org", name="Bea")
    assert list_my_proposals(session=session, actor=bea, now=NOW) == []
