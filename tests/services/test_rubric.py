"""The rubric: organisers edit it until the first submitted review, then only by audited reset."""

import json

import pytest
from judging_world import COMMENT, NOW, make_judging
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Review
from civic_challenge.domain.rubric import CriterionDraft
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.reviews import save_review
from civic_challenge.services.rubric import (
    get_rubric,
    remove_criterion,
    reset_criterion,
    save_criterion,
)

LEVELS = ("None.", "Some.", "Clear.", "Strong.", "Outstanding.")


def draft(**overrides) -> CriterionDraft:
    fields = dict(
        name="Value for money",
        guidance="Is the cost fair?",
        weight=2.0,
        scale_min=1,
        scale_max=5,
        descriptors=LEVELS,
    )
    return CriterionDraft(**(fields | overrides))


def submit(session, world, judge=0, score=4):
    save_review(
        session=session,
        actor=world.judges[judge],
        proposal_id=world.proposal_ids[0],
        scores=world.full_scores(score),
        confidence="high",
        comment=COMMENT,
        note="",
        version=0,
        submit=True,
        now=NOW,
    )


def test_an_organiser_adds_a_criterion_with_a_descriptor_per_level(session):
    world = make_judging(session)
    added = save_criterion(session=session, actor=world.organiser, draft=draft(), now=NOW)
    assert (added.key, added.descriptors) == ("value-for-money", LEVELS)
    assert len(get_rubric(session=session, actor=world.organiser).criteria) == 3


@pytest.mark.parametrize("weight", [0, -1.5])
def test_a_weight_of_zero_or_below_is_refused(session, weight):
    world = make_judging(session)
    with pytest.raises(InvalidInput) as refused:
        save_criterion(session=session, actor=world.organiser, draft=draft(weight=weight), now=NOW)
    assert "more than 0" in refused.value.problems["weight"][0]
    assert len(get_rubric(session=session, actor=world.organiser).criteria) == 2


def test_descriptors_must_match_the_levels(session):
    world = make_judging(session)
    with pytest.raises(InvalidInput) as refused:
        save_criterion(
            session=session, actor=world.organiser, draft=draft(descriptors=LEVELS[:3]), now=NOW
        )
    assert "each of the 5 levels" in refused.value.problems["descriptors"][0]


def test_judges_may_not_edit_the_rubric(session):
    world = make_judging(session)
    with pytest.raises(PermissionDenied):
        save_criterion(session=session, actor=world.judges[0], draft=draft(), now=NOW)


def test_the_rubric_locks_at_the_first_submitted_review(session):
    world = make_judging(session)
    submit(session, world)
    rubric = get_rubric(session=session, actor=world.organiser)
    assert rubric.locked
    with pytest.raises(ServiceError, match="locked"):
        save_criterion(session=session, actor=world.organiser, draft=draft(), now=NOW)
    with pytest.raises(ServiceError, match="locked"):
        remove_criterion(
            session=session,
            actor=world.organiser,
            criterion_id=world.criterion_ids[1],
            version=1,
            now=NOW,
        )


def test_a_reset_changes_weights_recomputes_totals_and_is_audited(session):
    world = make_judging(session)
    impact, feasibility = world.criterion_ids
    save_review(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        scores={impact: 5, feasibility: 1},
        confidence="high",
        comment=COMMENT,
        note="",
        version=0,
        submit=True,
        now=NOW,
    )
    review = session.exec(select(Review)).one()
    assert review.total == 75.0  # (3 x 100 + 1 x 0) / 4
    row = get_rubric(session=session, actor=world.organiser).criteria[1]
    changed = draft(name=row.name, weight=3.0, descriptors=row.descriptors)
    recomputed = reset_criterion(
        session=session,
        actor=world.organiser,
        criterion_id=feasibility,
        version=1,
        draft=changed,
        reason="The panel agreed feasibility matters as much as impact.",
        now=NOW,
    )
    session.refresh(review)
    assert recomputed == 1 and review.total == 50.0
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "rubric.reset")).one()
    assert json.loads(event.before)["weight"] == 1 and json.loads(event.after)["weight"] == 3


def test_a_reset_refuses_a_new_scale_and_needs_a_reason(session):
    world = make_judging(session)
    submit(session, world)
    with pytest.raises(InvalidInput) as refused:
        reset_criterion(
            session=session,
            actor=world.organiser,
            criterion_id=world.criterion_ids[0],
            version=1,
            draft=draft(scale_min=1, scale_max=3, descriptors=LEVELS[:3]),
            reason="",
            now=NOW,
        )
    assert "scale stays 1 to 5" in refused.value.problems["scale"][0]
    assert "reason" in refused.value.problems


def test_at_least_one_criterion_must_count(session):
    world = make_judging(session)
    save_criterion(
        session=session,
        actor=world.organiser,
        criterion_id=world.criterion_ids[0],
        version=1,
        draft=draft(counts_toward_total=False),
        now=NOW,
    )
    with pytest.raises(InvalidInput, match="At least one"):
        save_criterion(
            session=session,
            actor=world.organiser,
            criterion_id=world.criterion_ids[1],
            version=1,
            draft=draft(name="Other", counts_toward_total=False),
            now=NOW,
        )


def test_changing_a_scale_before_the_lock_clears_that_criterions_draft_scores(session):
    world = make_judging(session)
    save_review(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        scores=world.full_scores(5),
        confidence=None,
        comment="",
        note="",
        version=0,
        submit=False,
        now=NOW,
    )
    save_criterion(
        session=session,
        actor=world.organiser,
        criterion_id=world.criterion_ids[0],
        version=1,
        draft=draft(scale_min=0, scale_max=2, descriptors=LEVELS[:3]),
        now=NOW,
    )
    review = session.exec(select(Review)).one()
    session.refresh(review)
    assert review.total is None  # impact lost its draft score
