"""Awards: shortlisted only, within ceilings and the budget (refusals with numbers), the slate,
feedback moderation; releases are in test_releases."""

import json

import pytest
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Challenge, Decision, Proposal, Review
from civic_challenge.domain.terms import Role
from civic_challenge.services.award_overview import awards_overview
from civic_challenge.services.awards import decide_award
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.feedback_moderation import feedback_for_moderation, moderate_comment
from civic_challenge.services.recommendation import SlateChoice, recommended_slate
from civic_challenge.services.releases import release_check, release_decisions


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


def award_decisions(session):
    return session.exec(select(Decision).where(Decision.stage == "award")).all()


def test_an_award_is_stored_pending_and_audited(session):
    world = make_world(session)
    award(session, world, 0, 12_000_00)
    (decision,) = award_decisions(session)
    assert (decision.outcome, decision.amount_pence, decision.released_at) == (
        "yes",
        12_000_00,
        None,
    )
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "decision.awarded")).one()
    assert json.loads(event.after)["amount_pence"] == 12_000_00
    assert awards_overview(session=session, actor=world.organiser).awarded_pence == 12_000_00


def test_an_award_left_empty_is_for_what_was_requested(session):
    world = make_world(session)
    award(session, world, 0, None)
    (decision,) = award_decisions(session)
    requested = session.get(Proposal, world.proposal_ids[0]).amount_requested_pence
    assert requested and decision.amount_pence == requested


def test_an_award_above_the_statement_ceiling_is_refused_with_the_numbers(session):
    world = make_world(session)
    session.get(Proposal, world.proposal_ids[1]).amount_requested_pence = 12_000_00
    with pytest.raises(InvalidInput) as refused:
        award(session, world, 1, 11_000_00)  # housing has its own £10,000 ceiling
    assert refused.value.problems["amount"] == [
        "£11,000 is above £10,000, the ceiling for Housing."
    ]
    with pytest.raises(InvalidInput, match="more than the £12,000 CIC-T-0001 requested"):
        award(session, world, 1, 12_500_00)
    assert award_decisions(session) == []


def test_an_award_above_the_challenge_ceiling_is_refused(session):
    world = make_world(session)
    session.get(Proposal, world.proposal_ids[0]).amount_requested_pence = 20_000_00
    with pytest.raises(InvalidInput) as refused:
        award(session, world, 0, 16_000_00)
    assert refused.value.problems["amount"] == [
        "£16,000 is above £15,000, the ceiling for each award."
    ]
    assert award_decisions(session) == []


def test_an_award_for_a_proposal_not_on_the_shortlist_is_refused(session):
    world = make_world(session)
    with pytest.raises(InvalidInput) as refused:
        award(session, world, 4, 5_000_00)
    assert "CIC-T-0004 is not on the shortlist" in refused.value.problems["proposal"][0]
    assert award_decisions(session) == []


def test_an_award_past_the_budget_is_refused_with_what_is_left(session):
    world = make_world(session, budget_pence=25_000_00)
    award(session, world, 0, 12_000_00)
    with pytest.raises(InvalidInput) as refused:
        award(session, world, 2, 14_000_00)
    message = refused.value.problems["amount"][0]
    assert "bring the awards to £26,000, above the £25,000 budget" in message
    assert "£12,000 is already awarded, so £13,000 is left" in message
    assert len(award_decisions(session)) == 1


def test_changing_an_award_counts_only_the_new_amount(session):
    world = make_world(session, budget_pence=25_000_00)
    award(session, world, 0, 12_000_00)
    award(session, world, 0, 11_000_00)
    award(session, world, 2, 14_000_00)
    assert awards_overview(session=session, actor=world.organiser).awarded_pence == 25_000_00


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_are_refused_everything(session, role):
    world = make_world(session)
    person = world.judge if role is Role.JUDGE else world.applicant
    calls = [
        lambda: awards_overview(session=session, actor=person),
        lambda: recommended_slate(session=session, actor=person, choice=SlateChoice()),
        lambda: decide_award(
            session=session,
            actor=person,
            proposal_id=world.proposal_ids[0],
            award=True,
            amount_pence=1,
            rationale="",
            now=NOW,
        ),
        lambda: release_check(session=session, actor=person),
        lambda: release_decisions(
            session=session, actor=person, kind="awards", message="", confirm=True, now=NOW
        ),
        lambda: feedback_for_moderation(session=session, actor=person),
        lambda: moderate_comment(
            session=session, actor=person, review_id=1, text="x", version=1, now=NOW
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_the_slate_uses_adjusted_scores_and_explains_its_costs(session):
    world = make_world(session, budget_pence=30_000_00)
    view_ = recommended_slate(session=session, actor=world.organiser, choice=SlateChoice())
    slate = view_.slate
    assert slate.feasible
    assert slate.recommended.total_pence <= 30_000_00
    assert slate.costs and all("cost" in c.line for c in slate.costs)
    assert world.proposal_ids[0] in slate.top_n.proposal_ids


def test_an_infeasible_slate_is_explained_in_numbers(session):
    world = make_world(session, budget_pence=30_000_00)
    challenge = session.get(Challenge, world.challenge_id)
    challenge.budget_pence = 7_000_00  # nothing shortlisted costs under £8,000
    view_ = recommended_slate(session=session, actor=world.organiser, choice=SlateChoice(1.0))
    text = " ".join(view_.slate.problems)
    assert "£7,000" in text and "£8,000" in text


def test_moderated_feedback_is_what_the_applicant_will_read(session):
    world = make_world(session)
    frame = feedback_for_moderation(session=session, actor=world.organiser)
    row = frame.iloc[0]
    moderate_comment(
        session=session,
        actor=world.organiser,
        review_id=int(row.review_id),
        text="  Kinder words  ",
        version=int(row.version),
        now=NOW,
    )
    review = session.get(Review, int(row.review_id))
    assert review.moderated_comment == "Kinder words"
    with pytest.raises(ServiceError, match="changed by someone else"):
        moderate_comment(
            session=session,
            actor=world.organiser,
            review_id=int(row.review_id),
            text="Other",
            version=int(row.version),
            now=NOW,
        )
    moderate_comment(
        session=session,
        actor=world.organiser,
        review_id=int(row.review_id),
        text=None,
        version=review.version,
        now=NOW,
    )
    assert session.get(Review, int(row.review_id)).moderated_comment is None


def test_the_slate_keeps_recorded_awards_in_and_declined_proposals_out(session):
    world = make_world(session, budget_pence=30_000_00)
    first = recommended_slate(session=session, actor=world.organiser, choice=SlateChoice())
    chosen = first.slate.recommended.proposal_ids
    declined = chosen[0]
    outside = next(p for p in world.proposal_ids if p not in chosen)
    award(session, world, world.proposal_ids.index(declined), None, yes=False)
    award(session, world, world.proposal_ids.index(outside), 8_000_00)
    view_ = recommended_slate(session=session, actor=world.organiser, choice=SlateChoice())
    slate = view_.slate
    assert slate.feasible
    assert outside in slate.recommended.proposal_ids
    assert declined not in slate.recommended.proposal_ids
    assert any("do not award" in e.reason for e in slate.excluded)
    assert slate.recommended.total_pence <= 30_000_00
    assert view_.amounts[outside] == 8_000_00
