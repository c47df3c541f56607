"""Phase rules that match the published dates: no submission before the call opens (drafts are
fine), and judging before the deadline only with a confirmation that counts the drafts."""

from datetime import timedelta

import pytest
from applicant_world import (
    AFTER_DEADLINE,
    NOW,
    OPENS_AT,
    complete_draft,
    make_applicant_with_organisation,
    make_open_challenge,
)
from factories import make_user
from organiser_world import make_world
from sqlmodel import func, select

from civic_challenge.db.models import Challenge, Proposal
from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.assignment_overview import assignment_overview
from civic_challenge.services.dashboard import dashboard_data
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.phase import change_phase
from civic_challenge.services.proposal_access import ProposalLocked
from civic_challenge.services.proposals import save_draft, submit_proposal
from civic_challenge.services.releases import release_decisions
from civic_challenge.services.screening import list_screening

BEFORE_OPENING = OPENS_AT - timedelta(hours=1)


def organiser(session) -> UserView:
    user = make_user(session, Role.ORGANISER.value)
    return UserView(user.id, user.email, user.name, Role.ORGANISER, None)


def test_a_proposal_cannot_be_submitted_before_the_call_opens(session):
    world = make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    with pytest.raises(ProposalLocked, match="Submissions open at 10:00 on 1 October 2026"):
        submit_proposal(
            session=session, actor=ada, proposal_id=None, draft=complete_draft(world),
            expected_version=None, now=BEFORE_OPENING,
        )  # fmt: skip
    assert session.exec(select(func.count(Proposal.id))).one() == 0
    saved = save_draft(
        session=session, actor=ada, proposal_id=None, draft=ProposalDraft(title="Early idea"),
        expected_version=None, now=BEFORE_OPENING,
    )  # fmt: skip
    done = submit_proposal(
        session=session, actor=ada, proposal_id=saved.id, draft=complete_draft(world),
        expected_version=saved.version, now=OPENS_AT,
    )  # fmt: skip
    assert done.reference is not None


def test_judging_before_the_deadline_needs_a_confirmation_that_counts_drafts(session):
    world = make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    save_draft(
        session=session, actor=ada, proposal_id=None, draft=ProposalDraft(title="Half done"),
        expected_version=None, now=NOW,
    )  # fmt: skip
    boss = organiser(session)
    challenge = session.get(Challenge, world.challenge_id)
    with pytest.raises(ServiceError) as refused:
        change_phase(session=session, actor=boss, phase=Phase.JUDGING, confirm=False,
                     version=challenge.version, now=NOW)  # fmt: skip
    words = str(refused.value)
    assert "13 days away" in words and "1 proposals still in draft" in words
    assert challenge.phase == Phase.OPEN.value
    change_phase(session=session, actor=boss, phase=Phase.JUDGING, confirm=True,
                 version=challenge.version, now=NOW)  # fmt: skip
    assert challenge.phase == Phase.JUDGING.value


def test_after_the_deadline_judging_opens_without_a_confirmation(session):
    world = make_open_challenge(session)
    challenge = session.get(Challenge, world.challenge_id)
    change_phase(session=session, actor=organiser(session), phase=Phase.JUDGING, confirm=False,
                 version=challenge.version, now=AFTER_DEADLINE)  # fmt: skip
    assert challenge.phase == Phase.JUDGING.value


def test_eligible_counts_agree_across_pages_before_and_after_a_release(session):
    world = make_world(session)

    def counts() -> set[int]:
        screening = list_screening(session=session, actor=world.organiser)
        return {
            assignment_overview(session=session, actor=world.organiser).eligible,
            dashboard_data(
                session=session, actor=world.organiser, filters=DashboardFilters()
            ).headline.eligible,
            int(screening.status.isin(["eligible", "shortlisted", "awarded", "declined"]).sum()),
        }

    assert counts() == {6}
    release_decisions(session=session, actor=world.organiser, kind="shortlist", message="", now=NOW)
    assert counts() == {6}
