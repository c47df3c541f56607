"""Feedback moderation at scale: proposals listed a page at a time with a search, and one
proposal's comments read alone."""

import pytest
from organiser_world import make_world

from civic_challenge.services.errors import PermissionDenied
from civic_challenge.services.feedback_moderation import feedback_of_proposal, feedback_proposals


def test_the_list_is_cut_at_the_limit_and_says_how_many_match(session):
    world = make_world(session)
    listed, total = feedback_proposals(session=session, actor=world.organiser, limit=2)
    assert total == 6
    assert list(listed) == world.proposal_ids[:2]
    assert listed[world.proposal_ids[0]] == f"{world.references[0]} · Proposal 0"


@pytest.mark.parametrize(
    ("search", "expected"),
    [("t-0003", [3]), ("PROPOSAL 5", [5]), ("  proposal 1 ", [1]), ("%", []), ("nothing", [])],
)
def test_the_search_matches_reference_or_title_whatever_the_case(session, search, expected):
    world = make_world(session)
    listed, total = feedback_proposals(session=session, actor=world.organiser, search=search)
    assert list(listed) == [world.proposal_ids[i] for i in expected]
    assert total == len(expected)


def test_one_proposals_comments_are_read_alone(session):
    world = make_world(session)
    frame = feedback_of_proposal(
        session=session, actor=world.organiser, proposal_id=world.proposal_ids[2]
    )
    assert set(frame["proposal_id"]) == {world.proposal_ids[2]}
    assert sorted(frame["comment_for_applicant"]) == [f"Comment {n} on 2" for n in range(3)]


def test_judges_cannot_list_feedback(session):
    world = make_world(session)
    with pytest.raises(PermissionDenied):
        feedback_proposals(session=session, actor=world.judge)
