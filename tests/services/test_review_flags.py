"""A review whose judge has a conflict with the organisation leaves the ranking and is listed on
Results; changes after submitting are listed too. A dismissed suggestion counts again."""

import pytest
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Challenge, Conflict, Proposal, Review
from civic_challenge.services.conflicts import decide_conflict
from civic_challenge.services.errors import PermissionDenied
from civic_challenge.services.moderation import moderation_queue
from civic_challenge.services.results import ranking
from civic_challenge.services.review_flags import review_flags


def ranked(session, world):
    result = ranking(session=session, actor=world.organiser, method="none", aggregation="mean", k=3)
    return result.table.set_index("proposal_id")


def conflict(session, world, index, **fields):
    proposal = session.get(Proposal, world.proposal_ids[index])
    row = Conflict(
        judge_id=world.judge.id,
        organisation_id=proposal.organisation_id,
        reason="Former adviser",
        **({"source": "declared", "status": "confirmed"} | fields),
    )
    session.add(row)
    session.flush()
    return row


def test_a_conflicted_review_leaves_the_ranking_and_is_listed(session):
    world = make_world(session)
    first = world.proposal_ids[0]
    before = ranked(session, world).loc[first]
    assert (before.n, before.raw_score) == (3, 81.0)  # totals 80, 81, 82
    conflict(session, world, 0)
    after = ranked(session, world).loc[first]
    assert (after.n, after.raw_score) == (2, 81.5)  # judge 0's 80 no longer counts
    flags = review_flags(session=session, actor=world.organiser)
    assert list(flags.set_aside["reference"]) == [world.references[0]]
    assert list(flags.set_aside["judge"]) == ["Judge 0"]
    queue = moderation_queue(session=session, actor=world.organiser)
    assert world.references[0] in set(queue["reference"])  # where a replacement is asked for


def test_a_pending_suggestion_still_counts_and_a_dismissed_one_counts_again(session):
    world = make_world(session)
    first = world.proposal_ids[0]
    row = conflict(session, world, 0, source="suggested", status="pending")
    assert ranked(session, world).loc[first].n == 3
    decide_conflict(session=session, actor=world.organiser, conflict_id=row.id, confirm=True,
                    now=NOW)  # fmt: skip
    assert ranked(session, world).loc[first].n == 2
    decide_conflict(session=session, actor=world.organiser, conflict_id=row.id, confirm=False,
                    now=NOW)  # fmt: skip
    assert ranked(session, world).loc[first].n == 3
    assert review_flags(session=session, actor=world.organiser).set_aside.empty


def test_confirming_a_conflict_refreshes_cached_rankings(session):
    world = make_world(session)
    row = conflict(session, world, 0, source="suggested", status="pending")
    version = session.get(Challenge, world.challenge_id).data_version
    decide_conflict(session=session, actor=world.organiser, conflict_id=row.id, confirm=True,
                    now=NOW)  # fmt: skip
    session.expire_all()
    assert session.get(Challenge, world.challenge_id).data_version > version


def test_changes_after_submitting_are_listed_with_their_count(session):
    world = make_world(session)
    review = session.exec(select(Review).where(Review.judge_id == world.judge.id)).first()
    for _ in range(2):
        record_event(
            session, actor_id=world.judge.id, action="review.changed", object_type="review",
            object_id=review.id, before={"total": 50}, after={"total": 90},
        )  # fmt: skip
    session.flush()
    flags = review_flags(session=session, actor=world.organiser)
    assert list(flags.changed["judge"]) == ["Judge 0"]
    assert list(flags.changed["changes"]) == [2]
    assert flags.others_visible  # the default lets judges see totals after their own


@pytest.mark.parametrize("who", ["judge", "applicant"])
def test_only_organisers_see_the_flags(session, who):
    world = make_world(session)
    with pytest.raises(PermissionDenied):
        review_flags(session=session, actor=getattr(world, who))
