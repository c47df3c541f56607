"""Moderation: the queue of proposals to look at, asking one more judge, notes; what is refused
and that nothing is stored half-way."""

from datetime import timedelta

import pytest
from factories import make_assignment, make_user
from ranking_world import NOW, make_ranking_world
from sqlmodel import select

from civic_challenge.db.models import Assignment, AuditEvent, Challenge, Conflict, ModerationNote
from civic_challenge.domain.terms import AssignmentState, ConflictSource, ConflictStatus, Role
from civic_challenge.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
from civic_challenge.services.moderation import (
    add_moderation_note,
    extra_review_judges,
    moderation_notes,
    moderation_queue,
    request_extra_review,
)

# Proposal 1: judges disagree; 2: one review short; 3: calm and complete.
TOTALS = [[90, 30, 60], [70, 60, None], [50, 55, 50]]


def _world(session, judges=4, **kw):
    return make_ranking_world(
        session, [row + [None] * (judges - 3) for row in TOTALS], judges=judges, **kw
    )


def _ask(session, world, proposal=0, judge=3, now=NOW):
    request_extra_review(
        session=session,
        actor=world.organiser,
        proposal_id=world.proposals[proposal],
        judge_id=world.judges[judge],
        now=now,
    )


def _assignments(session, world):
    return session.exec(select(Assignment).where(Assignment.judge_id == world.judges[3])).all()


def test_the_queue_holds_disagreement_and_low_coverage_with_reasons(session):
    world = _world(session)
    queue = moderation_queue(session=session, actor=world.organiser)
    assert list(queue.reference) == [world.references[0], world.references[1]]
    assert "span 60 points (over 20)" in queue.reason[0]
    assert queue.reason[1].startswith("2 of 3 reviews submitted")


def test_asking_one_more_judge_publishes_an_assignment_due_when_judging_closes(session):
    world = _world(session)
    version = session.get(Challenge, world.challenge_id).data_version
    _ask(session, world)
    [row] = _assignments(session, world)
    challenge = session.get(Challenge, world.challenge_id)
    assert row.published and row.state == AssignmentState.PENDING.value
    assert row.due_at == challenge.judging_closes_at
    assert challenge.data_version == version + 1
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "moderation.extra_review_requested")
    ).one()
    assert event.actor_id == world.organiser.id and event.object_id == row.id


def _conflict(session, world, status, source=ConflictSource.DECLARED.value):
    session.add(
        Conflict(
            judge_id=world.judges[3],
            organisation_id=world.organisations[0],
            source=source,
            status=status,
        )
    )
    session.flush()


@pytest.mark.parametrize(
    ("status", "source", "words"),
    [
        (ConflictStatus.CONFIRMED.value, ConflictSource.DECLARED.value, "conflict of interest"),
        (ConflictStatus.CONFIRMED.value, ConflictSource.SUGGESTED.value, "conflict of interest"),
        (ConflictStatus.PENDING.value, ConflictSource.SUGGESTED.value, "awaits a decision"),
    ],
)
def test_a_conflict_that_is_not_dismissed_refuses_the_judge(session, status, source, words):
    world = _world(session)
    _conflict(session, world, status, source)
    with pytest.raises(ServiceError, match=words):
        _ask(session, world)
    assert _assignments(session, world) == []
    assert world.judges[3] not in {
        c.judge_id
        for c in extra_review_judges(
            session=session, actor=world.organiser, proposal_id=world.proposals[0]
        )
    }


def test_a_dismissed_conflict_does_not_block(session):
    world = _world(session)
    _conflict(session, world, ConflictStatus.DISMISSED.value, ConflictSource.SUGGESTED.value)
    _ask(session, world)
    assert len(_assignments(session, world)) == 1


def test_a_judge_who_already_has_the_proposal_is_refused(session):
    world = _world(session)
    with pytest.raises(ServiceError, match="already has this proposal"):
        _ask(session, world)
        _ask(session, world)
    assert len(_assignments(session, world)) == 1


def test_a_judge_who_abstained_is_refused(session):
    world = _world(session)
    make_assignment(
        session,
        proposal=_proposal(session, world, 0),
        judge=_user(session, world.judges[3]),
        state=AssignmentState.ABSTAINED.value,
    )
    with pytest.raises(ServiceError, match="abstained"):
        _ask(session, world)


def test_a_judge_at_the_load_cap_is_refused(session):
    world = _world(session, judge_load_cap=1)
    make_assignment(
        session, proposal=_proposal(session, world, 2), judge=_user(session, world.judges[3])
    )
    with pytest.raises(ServiceError, match="load cap"):
        _ask(session, world)
    assert len(_assignments(session, world)) == 1


def test_the_judge_choices_leave_out_judges_who_hold_it_and_show_loads(session):
    world = _world(session)
    choices = extra_review_judges(
        session=session, actor=world.organiser, proposal_id=world.proposals[1]
    )
    assert [c.judge_id for c in choices] == [world.judges[2], world.judges[3]]
    assert all(c.load == 0 for c in choices)


def test_no_extra_review_once_judging_has_closed(session):
    world = _world(session)
    closes = session.get(Challenge, world.challenge_id).judging_closes_at
    with pytest.raises(ServiceError, match="Judging is closed"):
        _ask(session, world, now=closes + timedelta(minutes=1))
    assert _assignments(session, world) == []


def test_only_an_active_judge_can_be_asked(session):
    world = _world(session)
    someone = make_user(session, role=Role.APPLICANT.value)
    with pytest.raises(InvalidInput) as refused:
        request_extra_review(
            session=session,
            actor=world.organiser,
            proposal_id=world.proposals[0],
            judge_id=someone.id,
            now=NOW,
        )
    assert refused.value.problems == {"judge": ["Choose an active judge."]}


def test_a_proposal_from_elsewhere_is_not_found(session):
    world = _world(session)
    other = make_ranking_world(session, [[50, 50, 50]])
    with pytest.raises(NotFound):
        request_extra_review(
            session=session,
            actor=world.organiser,
            proposal_id=other.proposals[0] + 1000,
            judge_id=world.judges[3],
            now=NOW,
        )


def test_a_note_is_kept_with_its_author_and_audited(session):
    world = _world(session)
    add_moderation_note(
        session=session,
        actor=world.organiser,
        proposal_id=world.proposals[0],
        text="  Judge B misread the budget.  ",
        now=NOW,
    )
    notes = moderation_notes(session=session, actor=world.organiser, proposal_id=world.proposals[0])
    assert list(notes.text) == ["Judge B misread the budget."]
    assert list(notes.author) == ["Olu Organiser"]
    assert session.exec(
        select(AuditEvent).where(AuditEvent.action == "moderation.note_added")
    ).one()


@pytest.mark.parametrize(
    ("text", "words"), [("   ", "Write the note"), ("x" * 3001, "under 3,000")]
)
def test_an_empty_or_overlong_note_is_refused(session, text, words):
    world = _world(session)
    with pytest.raises(InvalidInput, match=words):
        add_moderation_note(
            session=session,
            actor=world.organiser,
            proposal_id=world.proposals[0],
            text=text,
            now=NOW,
        )
    assert session.exec(select(ModerationNote)).all() == []


@pytest.mark.parametrize("who", ["judge", "applicant"])
def test_judges_and_applicants_cannot_moderate(session, who):
    world = _world(session)
    actor = getattr(world, who)
    proposal = world.proposals[0]
    calls = [
        lambda: moderation_queue(session=session, actor=actor),
        lambda: extra_review_judges(session=session, actor=actor, proposal_id=proposal),
        lambda: request_extra_review(
            session=session, actor=actor, proposal_id=proposal, judge_id=world.judges[3], now=NOW
        ),
        lambda: add_moderation_note(
            session=session, actor=actor, proposal_id=proposal, text="hello", now=NOW
        ),
        lambda: moderation_notes(session=session, actor=actor, proposal_id=proposal),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert _assignments(session, world) == []
    assert session.exec(select(ModerationNote)).all() == []


def _proposal(session, world, index):
    from civic_challenge.db.models import Proposal

    return session.get(Proposal, world.proposals[index])


def _user(session, user_id):
    from civic_challenge.db.models import User

    return session.get(User, user_id)
