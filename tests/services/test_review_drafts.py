"""A judge's review saving itself: kept apart from the review, so autosave never changes a
review, its version or a submitted review; restored with the version it was drawn from, so a
save over a review changed elsewhere is refused and nothing is overwritten."""

import pytest
from judging_world import AFTER_JUDGING, COMMENT, NOW, make_judging
from sqlmodel import func, select

from civic_challenge.db.models import Autosave, Review
from civic_challenge.domain.terms import ReviewState
from civic_challenge.services.autosave import PAYLOAD_MAX
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.review_drafts import (
    TypedReview,
    autosave_review,
    autosaved_review,
    discard_review_autosave,
)
from civic_challenge.services.reviews import ReviewChangedElsewhere, abstain, save_review


def typed(world, score=3, comment="Half-written thoughts"):  # type: ignore[no-untyped-def]
    return TypedReview(dict.fromkeys(world.criterion_ids, score), "low", comment, "A note")


def autosave(session, world, judge=0, *, base_version=0, typed_review=None, now=NOW):  # type: ignore[no-untyped-def]
    return autosave_review(
        session=session,
        actor=world.judges[judge],
        proposal_id=world.proposal_ids[0],
        base_version=base_version,
        typed=typed_review or typed(world),
        now=now,
    )


def restored(session, world, judge=0):  # type: ignore[no-untyped-def]
    return autosaved_review(
        session=session, actor=world.judges[judge], proposal_id=world.proposal_ids[0], now=NOW
    )


def save(session, world, *, version, submit=False, score=4, comment=COMMENT):  # type: ignore[no-untyped-def]
    return save_review(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        scores=world.full_scores(score),
        confidence="high",
        comment=comment,
        note="",
        version=version,
        submit=submit,
        now=NOW,
    )


def save_typed(session, world, typed_review, *, version, submit=False):  # type: ignore[no-untyped-def]
    """Save exactly what the form holds (as the Score page does after autosaving it)."""
    return save_review(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        scores=typed_review.scores,
        confidence=typed_review.confidence,
        comment=typed_review.comment,
        note=typed_review.note,
        version=version,
        submit=submit,
        now=NOW,
    )


def autosave_rows(session) -> int:  # type: ignore[no-untyped-def]
    return session.exec(select(func.count()).select_from(Autosave)).one()


def test_an_autosave_keeps_what_was_typed_and_creates_no_review(session):
    world = make_judging(session)
    assert autosave(session, world) == NOW
    found = restored(session, world)
    assert found.typed == typed(world) and found.base_version == 0 and found.saved_at == NOW
    assert session.exec(select(Review)).first() is None


def test_an_autosave_never_changes_a_draft_or_its_version(session):
    world = make_judging(session)
    save(session, world, version=0)
    autosave(session, world, base_version=1, typed_review=typed(world, comment="Changed"))
    review = session.exec(select(Review)).one()
    assert review.version == 1 and review.comment_for_applicant == COMMENT
    # So a second tab drawn from version 1 may still save.
    assert save(session, world, version=1).version == 2


def test_an_autosave_of_a_submitted_review_is_a_pending_edit_until_submitted_again(session):
    world = make_judging(session)
    save(session, world, version=0, submit=True)
    pending = typed(world, score=1, comment=COMMENT)
    autosave(session, world, base_version=1, typed_review=pending)
    review = session.exec(select(Review)).one()
    assert review.state == ReviewState.SUBMITTED.value and review.version == 1
    assert review.total == pytest.approx(75.0)  # still the submitted scores of 4
    assert restored(session, world).typed.scores == dict.fromkeys(world.criterion_ids, 1)
    edited = save_typed(session, world, pending, version=1)
    assert edited.state is ReviewState.SUBMITTED and edited.total == 0
    assert restored(session, world) is None  # saving ends the pending edit


def test_a_restored_autosave_drawn_from_an_old_version_cannot_save_over_a_newer_review(session):
    world = make_judging(session)
    autosave(session, world, base_version=0)  # tab A, before tab B submitted
    save(session, world, version=0, submit=True, comment=COMMENT)  # tab B
    autosave(session, world, base_version=0)  # tab A keeps typing
    found = restored(session, world)
    with pytest.raises(ReviewChangedElsewhere) as refused:
        save(
            session,
            world,
            version=found.base_version,
            comment="Tab A's words, which are not saved yet.",
        )
    assert refused.value.current.comment == COMMENT
    assert (
        refused.value.current.state is ReviewState.SUBMITTED and refused.value.current.version == 1
    )
    review = session.exec(select(Review)).one()
    assert review.comment_for_applicant == COMMENT and review.version == 1
    # "Keep mine": saving against the version now stored succeeds.
    assert (
        save(session, world, version=1, comment="Tab A's words, kept over tab B's review.").version
        == 2
    )


def test_two_autosaves_replace_each_other_in_one_row(session):
    world = make_judging(session)
    autosave(session, world, typed_review=typed(world, comment="first"))
    autosave(session, world, base_version=0, typed_review=typed(world, comment="second"))
    assert autosave_rows(session) == 1
    assert restored(session, world).typed.comment == "second"


def test_an_autosave_is_the_judges_own(session):
    world = make_judging(session)
    autosave(session, world, judge=0)
    assert restored(session, world, judge=1) is None


def test_an_autosave_of_an_unassigned_proposal_or_after_judging_closed_is_refused(session):
    world = make_judging(session, assign=False)
    with pytest.raises(PermissionDenied):
        autosave(session, world)
    with pytest.raises(PermissionDenied):
        restored(session, world)
    world = make_judging(session)
    with pytest.raises(ServiceError, match="Judging is closed"):
        autosave(session, world, now=AFTER_JUDGING)
    assert autosave_rows(session) == 0


def test_an_autosave_longer_than_any_form_allows_is_refused_and_nothing_kept(session):
    world = make_judging(session)
    with pytest.raises(InvalidInput) as refused:
        autosave(session, world, typed_review=typed(world, comment="x" * PAYLOAD_MAX))
    assert "too long to keep" in refused.value.problems["autosave"][0]
    assert autosave_rows(session) == 0


def test_a_save_from_another_tab_leaves_this_tabs_autosaved_work(session):
    world = make_judging(session)
    autosave(session, world, typed_review=typed(world, comment="Tab A's typing"))
    save(session, world, version=0)  # tab B saves its own values
    found = restored(session, world)
    assert found.typed.comment == "Tab A's typing" and found.base_version == 0


def test_saving_abstaining_or_choosing_the_saved_version_discards_the_autosave(session):
    world = make_judging(session)
    autosave(session, world)
    save_typed(session, world, typed(world), version=0)
    assert restored(session, world) is None
    autosave(session, world, base_version=1)
    discard_review_autosave(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
    )
    assert restored(session, world) is None
    autosave(session, world, base_version=1)
    abstain(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        reason="I know the founders well.",
        now=NOW,
    )
    assert autosave_rows(session) == 0
