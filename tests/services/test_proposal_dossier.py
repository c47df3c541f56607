"""An organiser's view of one proposal: sections, screening, reviews side by side with flags,
the audit trail; refused to anyone else."""

import pytest
from factories import make_review_score
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import Conflict, Criterion, Proposal, Review
from civic_challenge.services.errors import NotFound, PermissionDenied
from civic_challenge.services.proposal_dossier import proposal_choices, proposal_dossier
from civic_challenge.services.screening import screen_proposal


def dossier(session, world, index=0):
    return proposal_dossier(
        session=session, actor=world.organiser, proposal_id=world.proposal_ids[index]
    )


def test_the_dossier_holds_the_proposal_and_every_review(session):
    world = make_world(session)
    found = dossier(session, world)
    assert (found.reference, found.title) == ("CIC-T-0000", "Proposal 0")
    assert found.statement == "Active travel"
    assert found.theme == "Climate change"
    assert found.pilot_boroughs == ("Hackney",)
    assert sorted(found.reviews.columns) == ["Judge 0", "Judge 1", "Judge 2"]
    assert found.reviews.loc["Comment for the applicant", "Judge 1"] == "Comment 1 on 0"
    assert found.review_notices == ()
    assert set(found.assignments["judge"]) == {"Judge 0", "Judge 1", "Judge 2"}
    assert world.proposal_ids[0] in proposal_choices(session=session, actor=world.organiser)


def test_criterion_scores_sit_side_by_side(session):
    world = make_world(session)
    criterion = Criterion(challenge_id=world.challenge_id, key="impact", name="Impact")
    session.add(criterion)
    session.flush()
    review = session.exec(select(Review).where(Review.judge_id == world.judge.id)).first()
    make_review_score(session, review, criterion, score=4)
    found = proposal_dossier(session=session, actor=world.organiser, proposal_id=review.proposal_id)
    assert found.reviews.loc["Impact", "Judge 0"] == "4"


def test_a_conflicted_judge_and_a_screening_decision_show(session):
    world = make_world(session)
    proposal = session.get(Proposal, world.proposal_ids[0])
    session.add(
        Conflict(
            judge_id=world.judge.id,
            organisation_id=proposal.organisation_id,
            source="declared",
            status="pending",
            reason="Former employer",
        )
    )
    proposal.status = "submitted"
    session.flush()
    screen_proposal(
        session=session,
        actor=world.organiser,
        proposal_id=proposal.id,
        eligible=True,
        reason="Checked by hand",
        version=proposal.version,
        now=NOW,
    )
    found = dossier(session, world)
    assert any("Judge 0" in n and "does not count" in n for n in found.review_notices)
    assert bool(found.conflicts["blocking"].iloc[0])
    assert found.screening_reason == "Checked by hand"
    assert "proposal.screened" in set(found.audit["action"])


def test_only_organisers_and_only_submitted_proposals(session):
    world = make_world(session)
    for person in (world.judge, world.applicant, None):
        with pytest.raises(PermissionDenied):
            proposal_dossier(session=session, actor=person, proposal_id=world.proposal_ids[0])
    with pytest.raises(NotFound):
        proposal_dossier(session=session, actor=world.organiser, proposal_id=999_999)
