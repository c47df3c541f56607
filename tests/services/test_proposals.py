"""Proposals: drafts, submission against the deadline, edits, withdrawal, concurrency and who may
touch which proposal. Every refusal leaves nothing stored half-way."""

import json
from dataclasses import replace

import pytest
from applicant_world import (
    AFTER_DEADLINE,
    DEADLINE_MESSAGE,
    NOW,
    complete_draft,
    make_applicant,
    make_applicant_with_organisation,
    make_open_challenge,
    tiny_pdf,
)
from factories import make_proposal
from sqlalchemy import func, select
from sqlmodel import Session

from civic_challenge.db.models import (
    Attachment,
    AuditEvent,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    ProposalVersion,
)
from civic_challenge.domain.attachments import Upload
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.errors import (
    InvalidInput,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from civic_challenge.services.proposal_access import CHANGED_ELSEWHERE, ProposalLocked
from civic_challenge.services.proposals import open_proposal, save_draft, submit_proposal
from civic_challenge.services.receipts import submission_receipt
from civic_challenge.services.withdrawal import withdraw_proposal


@pytest.fixture
def world(session):
    return make_open_challenge(session)


@pytest.fixture
def ada(session, world):
    return make_applicant_with_organisation(session, "ada@example.org")


def draft(session, actor, form, proposal_id=None, version=None, now=NOW, **kwargs):
    return save_draft(
        session=session,
        actor=actor,
        proposal_id=proposal_id,
        draft=form,
        expected_version=version,
        now=now,
        **kwargs,
    )


def submit(session, actor, form, proposal_id=None, version=None, now=NOW, **kwargs):
    return submit_proposal(
        session=session,
        actor=actor,
        proposal_id=proposal_id,
        draft=form,
        expected_version=version,
        now=now,
        **kwargs,
    )


def count(session, table) -> int:
    return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_empty_draft_is_saved_and_found_again(session, ada):
    saved = draft(session, ada, ProposalDraft(title="Just a title"))
    session.commit()
    again = open_proposal(session=session, actor=ada, proposal_id=saved.id, now=NOW)
    assert (again.stage, again.draft.title, again.version) == ("draft", "Just a title", 1)
    assert again.status_words == "Draft: not submitted yet"
    assert "statement" in again.missing and "consent" in again.missing


def test_saving_a_draft_again_keeps_every_field_and_bumps_the_version(session, world, ada):
    first = draft(session, ada, ProposalDraft(title="Bikes"))
    second = draft(session, ada, complete_draft(world), first.id, first.version)
    assert second.version == first.version + 1
    assert second.draft == complete_draft(world, amount="12500")
    assert second.missing == {}


def test_submitting_gives_a_reference_a_version_a_receipt_and_an_audit_event(session, world, ada):
    done = submit(session, ada, complete_draft(world), upload=Upload("plan.pdf", tiny_pdf()))
    assert done.reference == "CIC-2026-0001"
    assert (done.stage, done.status_words) == ("submitted", "Submitted: under review")
    versions = session.execute(select(ProposalVersion)).scalars().all()
    assert [v.version for v in versions] == [done.version]
    snapshot = json.loads(versions[0].snapshot)
    assert snapshot["title"] == "Bike buses for school runs"
    assert snapshot["attachment"]["filename"] == "plan.pdf"
    events = session.execute(select(AuditEvent.action)).scalars().all()
    assert "proposal.submitted" in events
    receipt = submission_receipt(session=session, actor=ada, proposal_id=done.id)
    assert receipt.filename == "receipt-CIC-2026-0001.txt"
    assert "CIC-2026-0001" in receipt.text and "£12,500" in receipt.text
    assert "12:00 on 1 November 2026" in receipt.text


def test_references_count_up_and_stay_unique(session, world, ada):
    bea = make_applicant_with_organisation(session, "bea@example.org", name="Bea")
    first = submit(session, ada, complete_draft(world))
    second = submit(session, bea, complete_draft(world))
    assert (first.reference, second.reference) == ("CIC-2026-0001", "CIC-2026-0002")


def test_a_submission_lists_every_problem_at_once_and_stores_nothing(session, world, ada):
    form = ProposalDraft(amount="-5", summary="x" * 1001)
    with pytest.raises(InvalidInput) as refused:
        submit(session, ada, form)
    problems = refused.value.problems
    for field in ["statement", "title", "summary", "problem", "solution", "impact"]:
        assert problems[field], field
    assert {"milestones", "amount", "pilot_boroughs", "consent"} <= set(problems)
    assert "at most 1,000 characters" in problems["summary"][0]
    assert "positive" in problems["amount"][0]
    session.commit()
    assert count(session, Proposal) == 0


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("-100", "positive"),
        ("0", "more than £0"),
        ("twelve thousand", "digits only"),
        ("15,000.01", "at most £15,000"),
        ("", "Enter the amount"),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(session, world, ada, amount, words):
    with pytest.raises(InvalidInput) as refused:
        submit(session, ada, complete_draft(world, amount=amount))
    assert words in " ".join(refused.value.problems["amount"])
    assert list(refused.value.problems) == ["amount"]


def test_a_statement_with_its_own_ceiling_caps_the_amount(session, world, ada):
    capped = complete_draft(world, statement_id=world.capped_statement_id, amount="10,000.50")
    with pytest.raises(InvalidInput, match="at most £10,000"):
        submit(session, ada, capped)
    assert submit(session, ada, replace(capped, amount="10000")).reference


def test_html_and_script_are_stored_exactly_as_typed(session, world, ada):
    script = "<script>alert('x')</script> **bold** <b>tag</b>"
    done = submit(session, ada, complete_draft(world, title=script[:150], summary=script))
    again = open_proposal(session=session, actor=ada, proposal_id=done.id, now=NOW)
    assert (again.draft.title, again.draft.summary) == (script, script)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"Hello, I am a Word document really", "not a PDF"),
        (b"%PDF-1.7 but then nothing a PDF has", "not a PDF"),
        (b"%PDF-" + b"0" * (11 * 1024 * 1024), "the limit is 10.0 MB"),
        (b"", "empty"),
    ],
    ids=["renamed", "fake-header", "11MB", "empty"],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(session, world, ada, content, words):
    session.commit()
    for action in (draft, submit):
        with pytest.raises(InvalidInput) as refused:
            action(session, ada, complete_draft(world), upload=Upload("plan.pdf", content))
        assert words in refused.value.problems["attachment"][0]
        session.rollback()
    assert count(session, Proposal) == count(session, Attachment) == 0


def test_a_draft_can_carry_a_pdf_and_replace_or_remove_it(session, world, ada):
    saved = draft(session, ada, ProposalDraft(), upload=Upload("a.pdf", tiny_pdf()))
    assert saved.attachment_name == "a.pdf"
    saved = draft(session, ada, ProposalDraft(), saved.id, saved.version, remove_attachment=True)
    assert saved.attachment_name is None


def test_the_statement_sets_the_primary_theme(session, world, ada):
    done = submit(session, ada, complete_draft(world))
    tags = session.execute(select(ProposalTheme).where(ProposalTheme.proposal_id == done.id))
    assert {(t.theme_id, t.is_primary) for t in tags.scalars()} == {
        (world.theme_id, True),
        (world.other_theme_id, False),
    }
    boroughs = session.execute(select(ProposalBorough.borough_code)).scalars().all()
    assert sorted(boroughs) == ["E09000012", "E09000019"]


def test_a_submitted_proposal_can_be_edited_until_the_deadline_keeping_each_version(
    session, world, ada
):
    done = submit(session, ada, complete_draft(world))
    edited = submit(session, ada, complete_draft(world, title="Bike buses"), done.id, done.version)
    assert (edited.reference, edited.draft.title) == (done.reference, "Bike buses")
    versions = session.execute(select(ProposalVersion.version)).scalars().all()
    assert sorted(versions) == [done.version, edited.version]
    assert "proposal.edited" in session.execute(select(AuditEvent.action)).scalars().all()


def test_a_submitted_proposal_is_not_saved_as_an_incomplete_draft(session, world, ada):
    done = submit(session, ada, complete_draft(world))
    with pytest.raises(ServiceError, match="Save changes"):
        draft(session, ada, ProposalDraft(), done.id, done.version)


def test_submitting_after_the_deadline_is_refused_even_if_prepared_before(session, world, ada):
    prepared = draft(session, ada, complete_draft(world))  # typed and saved in time
    with pytest.raises(ProposalLocked, match="16:00 on 14 November 2026"):
        submit(session, ada, complete_draft(world), prepared.id, prepared.version, AFTER_DEADLINE)
    with pytest.raises(ProposalLocked) as late_new:
        submit(session, ada, complete_draft(world), now=AFTER_DEADLINE)
    assert str(late_new.value) == DEADLINE_MESSAGE
    assert open_proposal(session=session, actor=ada, proposal_id=prepared.id, now=NOW).stage == (
        "draft"
    )


def test_after_the_deadline_the_proposal_reads_as_locked_with_the_reason(session, world, ada):
    done = submit(session, ada, complete_draft(world))
    late = open_proposal(session=session, actor=ada, proposal_id=done.id, now=AFTER_DEADLINE)
    assert late.locked_reason == DEADLINE_MESSAGE
    for action in (
        lambda: submit(session, ada, complete_draft(world), done.id, done.version, AFTER_DEADLINE),
        lambda: withdraw_proposal(
            session=session, actor=ada, proposal_id=done.id, expected_version=done.version,
            now=AFTER_DEADLINE,
        ),
    ):  # fmt: skip
        with pytest.raises(ProposalLocked, match="deadline passed"):
            action()


@pytest.mark.parametrize("phase", [Phase.SETUP, Phase.JUDGING])
def test_nothing_is_written_unless_the_challenge_is_open(session, phase):
    world = make_open_challenge(session, phase=phase.value)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    with pytest.raises(ProposalLocked):
        draft(session, ada, complete_draft(world))


def test_withdrawing_asks_for_the_current_version_and_ends_editing(session, world, ada):
    done = submit(session, ada, complete_draft(world))
    gone = withdraw_proposal(
        session=session, actor=ada, proposal_id=done.id, expected_version=done.version, now=NOW
    )
    assert (gone.stage, gone.status_words) == ("withdrawn", "Withdrawn")
    assert gone.locked_reason == "This proposal was withdrawn, so it can no longer be changed."
    with pytest.raises(ProposalLocked, match="withdrawn"):
        submit(session, ada, complete_draft(world), done.id, gone.version)
    assert "proposal.withdrawn" in session.execute(select(AuditEvent.action)).scalars().all()


def test_a_draft_cannot_be_withdrawn(session, world, ada):
    saved = draft(session, ada, ProposalDraft())
    with pytest.raises(ServiceError, match="nothing to withdraw"):
        withdraw_proposal(
            session=session, actor=ada, proposal_id=saved.id, expected_version=1, now=NOW
        )


def test_two_tabs_the_later_save_is_refused_not_silently_overwriting(engine, world_engine):
    ada, _world, proposal_id = world_engine
    with Session(engine, expire_on_commit=False) as tab_one:
        loaded = open_proposal(session=tab_one, actor=ada, proposal_id=proposal_id, now=NOW)
        tab_one.commit()
    with Session(engine, expire_on_commit=False) as tab_two:
        other = open_proposal(session=tab_two, actor=ada, proposal_id=proposal_id, now=NOW)
        draft(tab_two, ada, ProposalDraft(title="From tab two"), proposal_id, other.version)
        tab_two.commit()
    with Session(engine, expire_on_commit=False) as tab_one:
        with pytest.raises(ServiceError) as refused:
            draft(tab_one, ada, ProposalDraft(title="From tab one"), proposal_id, loaded.version)
        assert str(refused.value) == CHANGED_ELSEWHERE
        tab_one.rollback()
    with Session(engine) as check:
        latest = open_proposal(session=check, actor=ada, proposal_id=proposal_id, now=NOW)
        assert latest.draft.title == "From tab two"


@pytest.fixture
def world_engine(engine):
    with Session(engine, expire_on_commit=False) as session:
        world = make_open_challenge(session)
        ada = make_applicant_with_organisation(session, "ada@example.org")
        proposal_id = draft(session, ada, ProposalDraft(title="First")).id
        session.commit()
    return ada, world, proposal_id


def test_an_applicant_cannot_reach_another_organisations_proposal_by_id(session, world, ada):
    bea = make_applicant_with_organisation(session, "bea@example.org", name="Bea")
    theirs = submit(session, bea, complete_draft(world))
    attempts = [
        lambda: open_proposal(session=session, actor=ada, proposal_id=theirs.id, now=NOW),
        lambda: draft(session, ada, ProposalDraft(title="Mine now"), theirs.id, theirs.version),
        lambda: submit(session, ada, complete_draft(world), theirs.id, theirs.version),
        lambda: withdraw_proposal(
            session=session, actor=ada, proposal_id=theirs.id, expected_version=theirs.version,
            now=NOW,
        ),
        lambda: submission_receipt(session=session, actor=ada, proposal_id=theirs.id),
        lambda: open_proposal(session=session, actor=ada, proposal_id=987654, now=NOW),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(NotFound, match="no proposal with that number"):
            attempt()
    assert open_proposal(session=session, actor=bea, proposal_id=theirs.id, now=NOW).version == (
        theirs.version
    )


@pytest.mark.parametrize("role", [Role.JUDGE, Role.ORGANISER])
def test_only_applicants_write_proposals(session, world, role):
    from applicant_world import PASSWORD

    from civic_challenge.services.accounts import create_user

    someone = create_user(
        session=session, email="x@example.org", name="X", password=PASSWORD, repeat=PASSWORD,
        role=role,
    )  # fmt: skip
    with pytest.raises(PermissionDenied, match="Only applicants"):
        draft(session, someone, complete_draft(world))


def test_an_applicant_without_an_organisation_is_sent_to_fill_it_in(session, world):
    ada = make_applicant(session, "ada@example.org")
    with pytest.raises(ServiceError, match="My organisation"):
        draft(session, ada, ProposalDraft(title="Hello"))


def test_eligibility_is_checked_again_at_submission(session, world):
    big = make_applicant_with_organisation(session, "big@example.org", employees=400)
    with pytest.raises(InvalidInput) as refused:
        submit(session, big, complete_draft(world))
    assert "fewer than 250 staff" in refused.value.problems["eligibility"][0]


def test_one_submitted_proposal_per_statement_by_default(session, world, ada):
    submit(session, ada, complete_draft(world))
    with pytest.raises(InvalidInput) as refused:
        submit(session, ada, complete_draft(world))
    assert "at most 1 is allowed" in refused.value.problems["eligibility"][0]
    other = complete_draft(world, statement_id=world.capped_statement_id, amount="9000")
    assert submit(session, ada, other).reference == "CIC-2026-0002"


def test_a_proposal_made_elsewhere_for_this_organisation_is_theirs_too(session, world, ada):
    from civic_challenge.db.accounts import get_user

    organisation_id = get_user(session, ada.id).organisation_id
    row = make_proposal(session, organisation=None, challenge=None, title="Imported")
    row.organisation_id = organisation_id
    row.challenge_id = world.challenge_id
    session.flush()
    assert open_proposal(session=session, actor=ada, proposal_id=row.id, now=NOW).draft.title == (
        "Imported"
    )


def test_submitting_and_withdrawing_refresh_what_organisers_see(session, world, ada):
    """The dashboard and results cache on the challenge's data version."""
    from civic_challenge.db.models import Challenge
    from civic_challenge.services.withdrawal import withdraw_proposal

    def data_version():
        session.expire_all()
        return session.execute(select(Challenge.data_version)).scalar_one()

    start = data_version()
    saved = draft(session, ada, complete_draft(world))
    assert data_version() == start
    done = submit(session, ada, complete_draft(world), proposal_id=saved.id, version=saved.version)
    assert data_version() == start + 1
    withdraw_proposal(
        session=session, actor=ada, proposal_id=done.id, expected_version=done.version, now=NOW
    )
    assert data_version() == start + 2
