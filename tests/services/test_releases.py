"""Releases in stages: the shortlist first (with a message), the awards later, again after a
correction. Nothing shows before its release; a later release adds and never takes away."""

import json

import pytest
from factories import make_assignment, make_user
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, DecisionRelease, Proposal
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.awards import decide_award
from civic_challenge.services.challenges import public_winners
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.outcomes import list_my_proposals
from civic_challenge.services.releases import list_releases, release_check, release_decisions
from civic_challenge.services.shortlist import shortlist

PITCH = "Pitches on 12 September at City Hall."


def release(session, world, kind, message="", confirm=False):
    return release_decisions(
        session=session,
        actor=world.organiser,
        kind=kind,
        message=message,
        confirm=confirm,
        now=NOW,
    )


def award(session, world, index, amount, yes=True):
    decide_award(
        session=session,
        actor=world.organiser,
        proposal_id=world.proposal_ids[index],
        award=yes,
        amount_pence=amount,
        rationale="Strong pilot plan",
        now=NOW,
    )


def applicant_sees(session, world):
    (mine,) = list_my_proposals(session=session, actor=world.applicant, now=NOW)
    return mine


def status(session, world, index):
    return session.get(Proposal, world.proposal_ids[index]).status


def test_nothing_shows_before_the_first_release(session):
    world = make_world(session)
    award(session, world, 0, 12_000_00)
    mine = applicant_sees(session, world)
    assert mine.status_words == "Submitted: under review"
    assert mine.feedback == () and mine.announcements == ()
    assert public_winners(session=session) == ()


def test_the_shortlist_goes_out_first_with_its_message_and_the_awards_stay_hidden(session):
    world = make_world(session)
    award(session, world, 0, 12_000_00)
    record = release(session, world, "shortlist", PITCH)
    assert len(record.entries) == 4
    assert {e.stage for e in record.entries} == {"shortlist"}
    mine = applicant_sees(session, world)
    assert mine.status_words == "Shortlisted"
    assert mine.announcements == (PITCH,)
    assert mine.feedback == ()  # feedback goes out with the awards
    assert [status(session, world, i) for i in range(6)] == ["shortlisted"] * 4 + ["eligible"] * 2
    assert session.get(Challenge, world.challenge_id).phase == Phase.JUDGING.value
    assert public_winners(session=session) == ()
    check = release_check(session=session, actor=world.organiser)
    assert check.pending_shortlist == () and len(check.pending_awards) == 1


def test_the_awards_go_out_later_and_the_winners_are_public(session):
    world = make_world(session)
    release(session, world, "shortlist", PITCH)
    award(session, world, 0, 12_000_00)
    award(session, world, 1, 0, yes=False)
    with pytest.raises(ServiceError, match="2 shortlisted proposals have no award decision"):
        release(session, world, "awards")
    assert status(session, world, 0) == "shortlisted"
    record = release(session, world, "awards", "Congratulations", confirm=True)
    assert sorted((e.reference, e.outcome) for e in record.entries) == [
        (world.references[0], "yes"),
        (world.references[1], "no"),
    ]
    mine = applicant_sees(session, world)
    assert mine.status_words == "Awarded"
    assert mine.feedback and mine.announcements == (PITCH, "Congratulations")
    assert status(session, world, 1) == "declined"
    assert status(session, world, 2) == "shortlisted"
    assert session.get(Challenge, world.challenge_id).phase == Phase.PUBLISHED.value
    (winner,) = public_winners(session=session)
    assert (winner.reference, winner.amount_pence) == (world.references[0], 12_000_00)


def test_a_correction_released_again_adds_and_removes_nothing(session):
    world = make_world(session)
    release(session, world, "shortlist")
    award(session, world, 0, 12_000_00)
    release(session, world, "awards", confirm=True)
    with pytest.raises(ServiceError, match="released"):
        award(session, world, 0, 10_000_00)  # a released decision cannot change
    award(session, world, 2, 8_000_00)  # an undecided shortlisted proposal, later
    shortlist(session=session, actor=world.organiser, proposal_ids=[world.proposal_ids[4]], now=NOW)
    second = release(session, world, "awards", "Correction", confirm=True)
    assert sorted(e.reference for e in second.entries) == sorted(
        [world.references[2], world.references[4]]
    )
    assert [status(session, world, i) for i in (0, 2, 4)] == [
        "awarded",
        "awarded",
        "shortlisted",
    ]
    records = list_releases(session=session, actor=world.organiser)
    assert [r.kind for r in records] == ["shortlist", "awards", "awards"]
    assert sum(len(r.entries) for r in records) == 4 + 1 + 2
    assert {w.reference for w in public_winners(session=session)} == {
        world.references[0],
        world.references[2],
    }
    with pytest.raises(ServiceError, match="No decision is waiting"):
        release(session, world, "awards", confirm=True)


def test_each_release_is_stored_and_audited(session):
    world = make_world(session)
    release(session, world, "shortlist", PITCH)
    (row,) = session.exec(select(DecisionRelease)).all()
    assert (row.kind, row.message, row.decisions, row.released_at) == ("shortlist", PITCH, 4, NOW)
    assert len(json.loads(row.contents)) == 4
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "decisions.released_shortlist")
    ).one()
    assert json.loads(event.after)["message"] == PITCH


def test_bad_input_and_wrong_moments_are_refused_and_nothing_is_stored(session):
    world = make_world(session)
    with pytest.raises(InvalidInput, match="2,000 characters"):
        release(session, world, "shortlist", "x" * 2001)
    with pytest.raises(InvalidInput, match="shortlist or the awards"):
        release(session, world, "everything")
    session.get(Challenge, world.challenge_id).phase = Phase.OPEN.value
    with pytest.raises(ServiceError, match="open phase"):
        release(session, world, "shortlist")
    assert session.exec(select(DecisionRelease)).all() == []
    assert status(session, world, 0) == "eligible"


def test_a_shortlist_release_with_nothing_pending_says_what_to_do(session):
    world = make_world(session, shortlisted=0)
    with pytest.raises(ServiceError, match="Shortlist proposals on the Results page"):
        release(session, world, "shortlist")


def test_missing_reviews_hold_the_awards_until_confirmed(session):
    world = make_world(session)
    late = make_user(session, Role.JUDGE.value, name="Late Judge")
    make_assignment(session, late, session.get(Proposal, world.proposal_ids[0]), published=True)
    for index in range(4):
        award(session, world, index, 5_000_00)
    with pytest.raises(ServiceError, match="1 assigned reviews are still missing"):
        release(session, world, "awards")
    assert len(release(session, world, "awards", confirm=True).entries) == 8


@pytest.mark.parametrize("who", ["judge", "applicant", None])
def test_only_organisers_release(session, who):
    world = make_world(session)
    person = getattr(world, who) if who else None
    with pytest.raises(PermissionDenied):
        release_decisions(session=session, actor=person, kind="shortlist", message="", now=NOW)
    with pytest.raises(PermissionDenied):
        list_releases(session=session, actor=person)
