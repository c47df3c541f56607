"""Applying a slate: the changes listed first, recorded all at once, released decisions kept."""

import json

import pytest
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import AuditEvent, Decision
from civic_challenge.services.awards import decide_award
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.releases import release_decisions
from civic_challenge.services.slate_apply import apply_slate, slate_changes


def awards(session):
    rows = session.exec(select(Decision).where(Decision.stage == "award")).all()
    return {(r.proposal_id, r.outcome, r.amount_pence) for r in rows}


def test_the_changes_are_listed_then_recorded_together(session):
    world = make_world(session)
    p = world.proposal_ids
    slate = (p[0], p[2])
    amounts = {p[0]: 12_000_00, p[2]: 14_000_00}
    changes = slate_changes(session=session, actor=world.organiser, proposal_ids=slate,
                            amounts=amounts)  # fmt: skip
    assert [(c.reference, c.before, c.after) for c in changes] == [
        (world.references[1], "Not decided", "Not awarded"),
        (world.references[3], "Not decided", "Not awarded"),
        (world.references[0], "Not decided", "Award £12,000"),
        (world.references[2], "Not decided", "Award £14,000"),
    ]
    assert awards(session) == set()  # listing changes nothing
    apply_slate(session=session, actor=world.organiser, proposal_ids=slate, amounts=amounts,
                now=NOW)  # fmt: skip
    assert awards(session) == {
        (p[0], "yes", 12_000_00), (p[1], "no", None), (p[2], "yes", 14_000_00), (p[3], "no", None),
    }  # fmt: skip
    rationale = {
        json.loads(e.after)["rationale"]
        for e in session.exec(select(AuditEvent).where(AuditEvent.action.like("decision.%")))
        if "rationale" in json.loads(e.after)
    }
    assert rationale == {"Applied from the recommended slate."}
    with pytest.raises(ServiceError, match="already match"):
        apply_slate(session=session, actor=world.organiser, proposal_ids=slate, amounts=amounts,
                    now=NOW)  # fmt: skip


def test_released_decisions_stay_as_they_are(session):
    world = make_world(session)
    p = world.proposal_ids
    decide_award(session=session, actor=world.organiser, proposal_id=p[1], award=True,
                 amount_pence=9_000_00, rationale="", now=NOW)  # fmt: skip
    release_decisions(session=session, actor=world.organiser, kind="awards", message="",
                      confirm=True, now=NOW)  # fmt: skip
    changes = slate_changes(session=session, actor=world.organiser, proposal_ids=(p[0],),
                            amounts={p[0]: 12_000_00})  # fmt: skip
    assert world.references[1] not in {c.reference for c in changes}
    assert world.references[0] in {c.reference for c in changes}


def test_one_refusal_leaves_everything_as_it_was(session):
    world = make_world(session, budget_pence=20_000_00)
    p = world.proposal_ids
    session.commit()
    with pytest.raises(InvalidInput, match="budget"):
        apply_slate(session=session, actor=world.organiser, proposal_ids=(p[0], p[2]),
                    amounts={p[0]: 12_000_00, p[2]: 14_000_00}, now=NOW)  # fmt: skip
    session.rollback()
    assert awards(session) == set()


def test_a_slate_with_a_proposal_not_shortlisted_is_refused(session):
    world = make_world(session)
    with pytest.raises(ServiceError, match="no longer shortlisted"):
        slate_changes(session=session, actor=world.organiser,
                      proposal_ids=(world.proposal_ids[5],), amounts={})  # fmt: skip


@pytest.mark.parametrize("who", ["judge", "applicant"])
def test_only_organisers_apply_a_slate(session, who):
    world = make_world(session)
    with pytest.raises(PermissionDenied):
        apply_slate(session=session, actor=getattr(world, who), proposal_ids=(), amounts={},
                    now=NOW)  # fmt: skip
