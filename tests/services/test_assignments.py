"""Assignment: inputs from the database, the solver's plan stored unpublished, hand edits,
publishing, re-running that keeps submitted reviews, and infeasibility in numbers."""

import pytest
from judging_world import COMMENT, NOW, make_judging
from sqlmodel import select

from civic_challenge.db.models import Assignment, Challenge, Conflict
from civic_challenge.services.assignment_overview import assignment_overview, judging_progress
from civic_challenge.services.assignments import (
    AssignmentNotPossible,
    add_assignment,
    generate_assignments,
    publish_assignments,
    remove_assignment,
)
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.reviews import abstain, save_review


def pairs(session):
    return {(a.judge_id, a.proposal_id): a for a in session.exec(select(Assignment)).all()}


def generate(session, world):
    return generate_assignments(session=session, actor=world.organiser, now=NOW)


def test_every_eligible_proposal_gets_k_judges_unpublished_until_published(session):
    world = make_judging(session, judges=4, proposals=4, assign=False, k=2, cap=2)
    assert "Each judge holds 2 proposals" in generate(session, world)
    rows = pairs(session)
    assert len(rows) == 8 and not any(a.published for a in rows.values())
    overview = assignment_overview(session=session, actor=world.organiser)
    assert overview.short == () and set(overview.loads.load) == {2} and overview.unpublished == 8
    assert publish_assignments(session=session, actor=world.organiser, now=NOW) == 8
    assert all(a.published and a.due_at for a in pairs(session).values())


def test_conflicts_are_never_assigned(session):
    world = make_judging(session, judges=3, proposals=2, assign=False, k=2)
    session.add(
        Conflict(
            judge_id=world.judges[0].id,
            organisation_id=world.organisation_ids[0],
            source="declared",
            status="confirmed",
            reason="Former employer",
        )
    )
    generate(session, world)
    assert (world.judges[0].id, world.proposal_ids[0]) not in pairs(session)


def test_k_above_the_judges_free_of_conflict_says_why_in_numbers(session):
    world = make_judging(session, judges=2, proposals=1, assign=False, k=3)
    with pytest.raises(AssignmentNotPossible) as refused:
        generate(session, world)
    assert "needs 3 judges" in str(refused.value) and "2 judges" in str(refused.value)
    assert pairs(session) == {}


def test_rerunning_keeps_submitted_reviews_and_never_returns_an_abstention(session):
    world = make_judging(session, judges=3, proposals=2, k=2)  # everyone holds everything
    judge, proposal = world.judges[0], world.proposal_ids[0]
    save_review(
        session=session,
        actor=judge,
        proposal_id=proposal,
        scores=world.full_scores(),
        confidence="low",
        comment=COMMENT,
        note="",
        version=0,
        submit=True,
        now=NOW,
    )
    abstain(
        session=session,
        actor=world.judges[1],
        proposal_id=proposal,
        reason="I know the founders too well.",
        now=NOW,
    )
    generate(session, world)
    rows = pairs(session)
    assert (judge.id, proposal) in rows and rows[(judge.id, proposal)].published
    assert rows[(world.judges[1].id, proposal)].state == "abstained"
    active = [a for a in rows.values() if a.state != "abstained"]
    assert sorted(a.proposal_id for a in active) == sorted(world.proposal_ids * 2)


def test_hand_edits_recheck_conflicts_caps_and_submitted_reviews(session):
    world = make_judging(session, judges=2, proposals=2, assign=False, k=1, cap=1)
    generate(session, world)
    taken = pairs(session)
    judge = world.judges[0].id
    other_proposal = next(p for p in world.proposal_ids if (judge, p) not in taken)
    with pytest.raises(ServiceError, match="load cap"):
        add_assignment(
            session=session,
            actor=world.organiser,
            judge_id=judge,
            proposal_id=other_proposal,
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        add_assignment(
            session=session, actor=world.organiser, judge_id=999, proposal_id=999, now=NOW
        )
    mine = next(a for (j, _), a in taken.items() if j == judge)
    remove_assignment(session=session, actor=world.organiser, assignment_id=mine.id)
    session.add(
        Conflict(
            judge_id=judge,
            organisation_id=world.organisation_ids[world.proposal_ids.index(other_proposal)],
            source="declared",
            status="confirmed",
            reason="Former employer",
        )
    )
    session.flush()
    with pytest.raises(ServiceError, match="conflict"):
        add_assignment(
            session=session,
            actor=world.organiser,
            judge_id=judge,
            proposal_id=other_proposal,
            now=NOW,
        )


def test_a_pair_with_a_submitted_review_cannot_be_removed(session):
    world = make_judging(session, judges=1, proposals=1, k=1)
    save_review(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        scores=world.full_scores(),
        confidence="low",
        comment=COMMENT,
        note="",
        version=0,
        submit=True,
        now=NOW,
    )
    (row,) = pairs(session).values()
    with pytest.raises(ServiceError, match="stays assigned"):
        remove_assignment(session=session, actor=world.organiser, assignment_id=row.id)


def test_progress_per_judge_counts_submitted_and_abstained(session):
    world = make_judging(session, judges=2, proposals=2)
    save_review(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        scores=world.full_scores(),
        confidence="low",
        comment=COMMENT,
        note="",
        version=0,
        submit=True,
        now=NOW,
    )
    abstain(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[1],
        reason="I know the founders too well.",
        now=NOW,
    )
    progress, abstentions = judging_progress(session=session, actor=world.organiser)
    first = progress.set_index("judge_id").loc[world.judges[0].id]
    assert (first.assigned, first.submitted, first.abstained) == (2, 1, 1)
    assert abstentions.abstain_reason.tolist() == ["I know the founders too well."]


def test_no_eligible_proposal_and_non_organisers_are_refused(session):
    world = make_judging(session, proposals=0, assign=False)
    with pytest.raises(ServiceError, match="No proposal is eligible"):
        generate(session, world)
    with pytest.raises(PermissionDenied):
        generate_assignments(session=session, actor=world.judges[0], now=NOW)
    assert session.get(Challenge, world.challenge_id) is not None
