"""An applicant's proposal saving itself: kept apart from the proposal, so autosave never
changes a proposal, its version or a submitted one; restored with the version it was drawn
from, so a save over a proposal changed elsewhere is refused and nothing is overwritten."""

from dataclasses import replace

import pytest
from applicant_world import (
    AFTER_DEADLINE,
    NOW,
    complete_draft,
    make_applicant,
    make_applicant_with_organisation,
    make_open_challenge,
)
from sqlalchemy import func, select

from civic_challenge.db.models import Autosave, Proposal
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.services.errors import NotFound, ServiceError
from civic_challenge.services.proposal_access import ChangedElsewhere, ProposalLocked
from civic_challenge.services.proposal_drafts import (
    autosave_proposal,
    autosaved_proposal,
    discard_proposal_autosave,
)
from civic_challenge.services.proposals import save_draft, submit_proposal


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    return make_open_challenge(session)


@pytest.fixture
def ada(session, world):  # type: ignore[no-untyped-def]
    return make_applicant_with_organisation(session, "ada@example.org")


def keep(session, actor, draft, proposal_id=None, base_version=None, now=NOW):  # type: ignore[no-untyped-def]
    return autosave_proposal(
        session=session,
        actor=actor,
        proposal_id=proposal_id,
        base_version=base_version,
        draft=draft,
        now=now,
    )


def restored(session, actor, proposal_id=None):  # type: ignore[no-untyped-def]
    return autosaved_proposal(session=session, actor=actor, proposal_id=proposal_id)


def rows(session, table) -> int:  # type: ignore[no-untyped-def]
    return session.execute(select(func.count()).select_from(table)).scalar_one()


def save(session, actor, draft, proposal_id=None, version=None, submit=False):  # type: ignore[no-untyped-def]
    service = submit_proposal if submit else save_draft
    return service(
        session=session,
        actor=actor,
        proposal_id=proposal_id,
        draft=draft,
        expected_version=version,
        now=NOW,
    )


def test_a_new_proposal_is_kept_as_typed_without_creating_a_proposal(session, world, ada):
    typed = ProposalDraft(title="Bike buses", pilot_boroughs=("E09000012",))
    assert keep(session, ada, typed) == NOW
    found = restored(session, ada)
    assert found.draft == typed and found.base_version is None
    assert rows(session, Proposal) == 0
    saved = save(session, ada, typed)
    assert restored(session, ada) is None and restored(session, ada, saved.id) is None


def test_an_autosave_never_changes_a_submitted_proposal_or_its_version(session, world, ada):
    submitted = save(session, ada, complete_draft(world), submit=True)
    keep(session, ada, replace(complete_draft(world), title="A pending edit"), submitted.id,
         submitted.version)  # fmt: skip
    proposal = session.get(Proposal, submitted.id)
    assert proposal.title != "A pending edit" and proposal.version == submitted.version
    assert proposal.status == "submitted"
    assert restored(session, ada, submitted.id).draft.title == "A pending edit"
    # Submitting the pending edit ends it.
    edited = save(session, ada, replace(complete_draft(world), title="A pending edit"),
                  submitted.id, submitted.version, submit=True)  # fmt: skip
    assert edited.draft.title == "A pending edit"
    assert restored(session, ada, submitted.id) is None


def test_a_restored_autosave_drawn_from_an_old_version_cannot_save_over_a_newer_one(
    session, world, ada
):
    first = save(session, ada, ProposalDraft(title="First"))
    keep(session, ada, ProposalDraft(title="Tab A"), first.id, first.version)
    save(session, ada, ProposalDraft(title="Tab B"), first.id, first.version)
    found = restored(session, ada, first.id)
    assert found.base_version == first.version
    with pytest.raises(ChangedElsewhere):
        save(session, ada, found.draft, first.id, found.base_version)
    assert session.get(Proposal, first.id).title == "Tab B"


def test_a_stale_draft_after_a_submission_elsewhere_says_changed_elsewhere(session, world, ada):
    first = save(session, ada, complete_draft(world))
    save(session, ada, complete_draft(world), first.id, first.version, submit=True)
    with pytest.raises(ChangedElsewhere):
        save(session, ada, ProposalDraft(title="Stale tab"), first.id, first.version)


def test_another_persons_proposal_cannot_be_autosaved_or_read(session, world, ada):
    first = save(session, ada, ProposalDraft(title="Ada's"))
    keep(session, ada, ProposalDraft(title="Ada's typing"), first.id, first.version)
    bea = make_applicant_with_organisation(session, "bea@example.org")
    with pytest.raises(NotFound):
        keep(session, bea, ProposalDraft(title="Bea's"), first.id, first.version)
    with pytest.raises(NotFound):
        restored(session, bea, first.id)
    with pytest.raises(NotFound):
        discard_proposal_autosave(session=session, actor=bea, proposal_id=first.id)
    assert restored(session, ada, first.id).draft.title == "Ada's typing"


def test_no_autosave_without_an_organisation_or_after_the_deadline(session, world, ada):
    nobody = make_applicant(session, "no-org@example.org")
    with pytest.raises(ServiceError, match="My organisation"):
        keep(session, nobody, ProposalDraft(title="x"))
    with pytest.raises(ProposalLocked):
        keep(session, ada, ProposalDraft(title="late"), now=AFTER_DEADLINE)
    assert rows(session, Autosave) == 0


def test_choosing_the_saved_version_discards_the_autosave(session, world, ada):
    first = save(session, ada, ProposalDraft(title="Stored"))
    keep(session, ada, ProposalDraft(title="Typed"), first.id, first.version)
    discard_proposal_autosave(session=session, actor=ada, proposal_id=first.id)
    assert restored(session, ada, first.id) is None
