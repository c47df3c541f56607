"""A judge's reviews: drafts, submissions, edits, abstentions and every refusal."""

import json

import pytest
from factories import make_user
from judging_world import AFTER_JUDGING, COMMENT, NOW, make_judging, view
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, Conflict, Review, ReviewScore
from civic_challenge.domain.reviews import COMMENT_MAX, COMMENT_MIN
from civic_challenge.domain.terms import Phase, ReviewState, Role, ScoreVisibility
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.judge_access import CONFLICTED, NOT_ASSIGNED, DeclarationNeeded
from civic_challenge.services.queue import my_queue, open_review
from civic_challenge.services.reviews import STALE, abstain, download_attachment, save_review


def save(session, world, judge=0, proposal=0, *, scores=None, version=0, submit=False, **kw):
    fields = {"confidence": "high", "comment": COMMENT, "note": "", "now": NOW} | kw
    return save_review(
        session=session,
        actor=world.judges[judge],
        proposal_id=world.proposal_ids[proposal],
        scores=world.full_scores() if scores is None else scores,
        version=version,
        submit=submit,
        **fields,
    )


def test_a_draft_is_saved_with_its_total_and_the_scores_carry_their_scale(session):
    world = make_judging(session)
    review = save(session, world, scores={world.criterion_ids[0]: 5})
    assert review.state is ReviewState.DRAFT and review.version == 1
    assert review.total is None  # feasibility is not scored yet
    review = save(session, world, version=1)
    assert review.total == pytest.approx(75.0)  # 4 on 1-5 is 75 on each criterion
    score = session.exec(select(ReviewScore)).first()
    assert (score.scale_min, score.scale_max) == (1, 5)


def test_submitting_moves_progress_and_the_next_unscored(session):
    world = make_judging(session)
    queue = my_queue(session=session, actor=world.judges[0], now=NOW)
    assert queue.progress == "0 of 3 scored" and queue.next_unscored == world.proposal_ids[0]
    save(session, world, submit=True)
    queue = my_queue(session=session, actor=world.judges[0], now=NOW)
    assert queue.progress == "1 of 3 scored" and queue.next_unscored == world.proposal_ids[1]
    assert [item.state for item in queue.items][:2] == ["Submitted", "Not started"]


@pytest.mark.parametrize(
    ("scores", "field", "words"),
    [
        ({"impact": 6, "feasibility": 3}, "score:impact", "between 1 and 5"),
        ({"impact": 0, "feasibility": 3}, "score:impact", "outside the scale"),
        ({"impact": 4}, "score:feasibility", "before submitting"),
    ],
)
def test_a_score_outside_the_scale_or_missing_is_refused(session, scores, field, words):
    world = make_judging(session)
    ids = dict(zip(["impact", "feasibility"], world.criterion_ids, strict=True))
    with pytest.raises(InvalidInput) as refused:
        save(session, world, scores={ids[k]: v for k, v in scores.items()}, submit=True)
    assert words in " ".join(refused.value.problems[field])
    assert session.exec(select(Review)).first() is None


def test_the_database_refuses_a_score_outside_its_scale_too(session):
    world = make_judging(session)
    save(session, world)
    session.flush()
    with pytest.raises(Exception, match=r"(?i)check|constraint"):
        session.execute(ReviewScore.__table__.update().values(score=9))
        session.flush()


@pytest.mark.parametrize(
    ("comment", "words"),
    [("Too short.", f"at least {COMMENT_MIN}"), ("x" * (COMMENT_MAX + 1), f"to {COMMENT_MAX}")],
)
def test_a_comment_too_short_or_too_long_is_refused(session, comment, words):
    world = make_judging(session)
    with pytest.raises(InvalidInput) as refused:
        save(session, world, comment=comment, submit=True)
    assert words in refused.value.problems["comment"][0]
    assert session.exec(select(Review)).first() is None


def test_a_draft_may_have_a_short_comment_but_not_an_overlong_one(session):
    world = make_judging(session)
    assert save(session, world, comment="Later.").comment == "Later."
    with pytest.raises(InvalidInput):
        save(session, world, comment="x" * (COMMENT_MAX + 1), version=1)


def test_a_stale_version_is_refused_and_says_nothing_was_saved(session):
    world = make_judging(session)
    save(session, world)
    with pytest.raises(ServiceError, match=STALE) as refused:
        save(session, world, version=0)
    assert "nothing was saved" in str(refused.value)


def test_an_edit_after_submitting_stays_submitted_and_is_audited(session):
    world = make_judging(session)
    save(session, world, submit=True)
    edited = save(session, world, version=1, scores=world.full_scores(5))
    assert edited.state is ReviewState.SUBMITTED and edited.total == 100
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "review.changed")).one()
    assert json.loads(event.before)["total"] == 75 and json.loads(event.after)["total"] == 100


def test_a_judge_cannot_touch_an_unassigned_proposal(session):
    world = make_judging(session)
    stranger = view(make_user(session, role=Role.JUDGE.value))
    from civic_challenge.services.conflicts import confirm_declaration

    confirm_declaration(session=session, actor=stranger, now=NOW)
    with pytest.raises(PermissionDenied, match=NOT_ASSIGNED):
        save_review(
            session=session,
            actor=stranger,
            proposal_id=world.proposal_ids[0],
            scores={},
            confidence=None,
            comment="",
            note="",
            version=0,
            submit=False,
            now=NOW,
        )
    with pytest.raises(PermissionDenied, match=NOT_ASSIGNED):
        open_review(session=session, actor=stranger, proposal_id=world.proposal_ids[0], now=NOW)


def test_an_unpublished_assignment_is_not_yet_the_judges(session):
    world = make_judging(session)
    from civic_challenge.db.models import Assignment

    for row in session.exec(select(Assignment)).all():
        row.published = False
    with pytest.raises(PermissionDenied, match=NOT_ASSIGNED):
        open_review(
            session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
        )
    assert my_queue(session=session, actor=world.judges[0], now=NOW).items == ()


def test_a_conflicted_proposal_is_refused_and_leaves_the_queue(session):
    world = make_judging(session)
    session.add(
        Conflict(
            judge_id=world.judges[0].id,
            organisation_id=world.organisation_ids[0],
            source="suggested",
            status="confirmed",
            reason="Same surname",
        )
    )
    session.flush()
    with pytest.raises(PermissionDenied, match=CONFLICTED):
        save(session, world, submit=True)
    with pytest.raises(PermissionDenied, match=CONFLICTED):
        open_review(
            session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
        )
    queue = my_queue(session=session, actor=world.judges[0], now=NOW)
    assert world.proposal_ids[0] not in [i.proposal_id for i in queue.items]


def test_nothing_opens_before_the_judge_confirms_their_declaration(session):
    world = make_judging(session, declared=False)
    with pytest.raises(DeclarationNeeded):
        my_queue(session=session, actor=world.judges[0], now=NOW)
    with pytest.raises(DeclarationNeeded):
        open_review(
            session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
        )


def test_after_judging_closes_reviews_are_read_only(session):
    world = make_judging(session)
    save(session, world)
    with pytest.raises(ServiceError, match="Judging is closed"):
        save(session, world, version=1, submit=True, now=AFTER_JUDGING)
    sheet = open_review(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=AFTER_JUDGING
    )
    assert not sheet.editable and sheet.review.version == 1


def test_outside_the_judging_phase_nothing_is_written(session):
    world = make_judging(session)
    session.get(Challenge, world.challenge_id).phase = Phase.MODERATION.value
    with pytest.raises(ServiceError, match="Judging is closed"):
        save(session, world, submit=True)


def test_others_may_not_use_the_judge_services(session):
    world = make_judging(session)
    with pytest.raises(PermissionDenied):
        my_queue(session=session, actor=world.organiser, now=NOW)
    with pytest.raises(PermissionDenied):
        save_review(
            session=session,
            actor=world.organiser,
            proposal_id=world.proposal_ids[0],
            scores={},
            confidence=None,
            comment="",
            note="",
            version=0,
            submit=False,
            now=NOW,
        )


def test_blind_review_hides_who_the_applicant_is(session):
    world = make_judging(session, blind=True)
    sheet = open_review(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
    )
    p = sheet.proposal
    assert (p.organisation, p.website, p.borough, p.people, p.attachment) == (None,) * 5
    assert world.organisation_names[0] not in repr(sheet)
    with pytest.raises(PermissionDenied):
        download_attachment(
            session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
        )


def test_without_blind_review_the_organisation_is_named(session):
    world = make_judging(session, blind=False)
    sheet = open_review(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
    )
    assert sheet.proposal.organisation == world.organisation_names[0]


@pytest.mark.parametrize(
    ("visibility", "own_submitted", "sees"),
    [
        (ScoreVisibility.NEVER, True, False),
        (ScoreVisibility.AFTER_OWN, False, False),
        (ScoreVisibility.AFTER_OWN, True, True),
        (ScoreVisibility.ALWAYS, False, True),
    ],
)
def test_other_judges_scores_show_only_as_the_setting_allows(
    session, visibility, own_submitted, sees
):
    world = make_judging(session, score_visibility=visibility.value)
    save(session, world, judge=1, submit=True)
    if own_submitted:
        save(session, world, judge=0, submit=True)
    sheet = open_review(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
    )
    assert (sheet.other_totals is not None) is sees
    if sees:
        assert sheet.other_totals == ((75.0, "high"),)


def test_abstaining_frees_the_assignment_and_needs_a_reason(session):
    world = make_judging(session)
    save(session, world)
    with pytest.raises(InvalidInput) as refused:
        abstain(
            session=session,
            actor=world.judges[0],
            proposal_id=world.proposal_ids[0],
            reason="no",
            now=NOW,
        )
    assert "reason" in refused.value.problems
    abstain(
        session=session,
        actor=world.judges[0],
        proposal_id=world.proposal_ids[0],
        reason="I mentored this team in 2017.",
        now=NOW,
    )
    assert session.exec(select(Review)).first() is None
    queue = my_queue(session=session, actor=world.judges[0], now=NOW)
    assert queue.progress == "0 of 2 scored" and queue.items[0].state == "Abstained"
    with pytest.raises(ServiceError, match="abstained"):
        save(session, world, version=0)


def test_a_submitted_review_cannot_be_abstained_from(session):
    world = make_judging(session)
    save(session, world, submit=True)
    with pytest.raises(ServiceError, match="already submitted"):
        abstain(
            session=session,
            actor=world.judges[0],
            proposal_id=world.proposal_ids[0],
            reason="I changed my mind about it.",
            now=NOW,
        )


def test_blind_review_redacts_the_organisation_named_in_the_proposals_own_words(session):
    world = make_judging(session, blind=True)
    from civic_challenge.db.models import Proposal

    session.get(
        Proposal, world.proposal_ids[0]
    ).summary = f"{world.organisation_names[0].upper()} will pilot it."
    sheet = open_review(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
    )
    assert sheet.proposal.summary == "[the applicant] will pilot it."


@pytest.mark.parametrize("blind", [True, False])
def test_the_queue_shows_a_title_as_the_score_page_does(session, blind):
    """Under blind review a title naming the applicant is redacted in My queue too."""
    world = make_judging(session, blind=blind)
    from civic_challenge.db.models import Proposal

    name = world.organisation_names[0]
    session.get(Proposal, world.proposal_ids[0]).title = f"Bike hangars by {name}"
    session.flush()
    queue = my_queue(session=session, actor=world.judges[0], now=NOW)
    sheet = open_review(
        session=session, actor=world.judges[0], proposal_id=world.proposal_ids[0], now=NOW
    )
    (item,) = [i for i in queue.items if i.proposal_id == world.proposal_ids[0]]
    assert item.title == sheet.proposal.title
    expected = "Bike hangars by [the applicant]" if blind else f"Bike hangars by {name}"
    assert item.title == expected


def test_submitting_a_review_bumps_the_data_version_a_draft_does_not(session):
    """Pages cache rankings on the data version: a new review must show on the next rerun."""

    def data_version():
        session.expire_all()
        return session.exec(select(Challenge)).one().data_version

    world = make_judging(session)
    start = data_version()
    save(session, world)
    assert data_version() == start
    save(session, world, version=1, submit=True)
    assert data_version() == start + 1
    save(session, world, version=2, submit=True, comment=COMMENT + " More.")
    assert data_version() == start + 2
