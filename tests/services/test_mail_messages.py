"""Which actions queue which messages, in the same unit of work; and the Outbox's rules:
only organisers read it, decision notices wait for an organiser to send them."""

from datetime import timedelta
from io import BytesIO

import pytest
from applicant_world import NOW as OPEN_NOW
from applicant_world import complete_draft, make_applicant_with_organisation, make_open_challenge
from judging_world import JUDGING_CLOSES_AT, make_judging
from judging_world import NOW as JUDGING_NOW
from organiser_world import NOW as DECIDING_NOW
from organiser_world import make_world
from pypdf import PdfReader
from sqlalchemy import func, select

from civic_challenge.db.models import Challenge, Invite, OutboxMessage, User
from civic_challenge.domain.terms import Role
from civic_challenge.services.account_settings import account_status, set_reminders
from civic_challenge.services.accounts import UserView, create_organiser
from civic_challenge.services.assignments import generate_assignments, publish_assignments
from civic_challenge.services.database import transaction
from civic_challenge.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
from civic_challenge.services.invites import InviteInvalid, create_invite, describe_invite
from civic_challenge.services.mail.outbox import (
    list_outbox,
    outbox_counts,
    read_message,
    retry_failed_mail,
    send_decision_notices,
)
from civic_challenge.services.mail.reminders import queue_due_reminders
from civic_challenge.services.organisations import invite_co_applicant
from civic_challenge.services.proposals import submit_proposal
from civic_challenge.services.releases import release_decisions

BASE = "https://challenge.example.org/"
PASSWORD = "correct horse battery"


def messages(session, template=None):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if template:
        query = query.where(OutboxMessage.template == template)
    return list(session.execute(query).scalars())


@pytest.fixture
def organiser(session) -> UserView:
    return create_organiser(session=session, email="olu@example.org", name="Olu", password=PASSWORD)


def test_an_invite_is_emailed_with_its_link_and_the_challenge_name(session, organiser):
    make_open_challenge(session)
    token = create_invite(
        session=session, actor=organiser, email="Jo@Example.org", role=Role.JUDGE,
        now=OPEN_NOW, base_url=BASE,
    )  # fmt: skip
    (message,) = messages(session, "invite")
    assert message.recipient == "jo@example.org"
    assert f"{BASE}accept_invite?token={token}" in message.body_text
    assert "Olu has invited you" in message.body_text and "as a judge" in message.subject
    challenge = session.execute(select(Challenge)).scalar_one()
    assert f"join {challenge.name} as a judge" in message.subject
    assert "Proposals are due by 16:00 on 14 November 2026" in message.body_text


def test_one_open_invite_per_email_and_role(session, organiser):
    def invite(role):
        return create_invite(
            session=session, actor=organiser, email="jo@example.org", role=role, now=OPEN_NOW
        )

    first, second, organiser_invite = invite(Role.JUDGE), invite(Role.JUDGE), invite(Role.ORGANISER)
    with pytest.raises(InviteInvalid):
        describe_invite(session=session, token=first, now=OPEN_NOW)
    assert describe_invite(session=session, token=second, now=OPEN_NOW).role is Role.JUDGE
    assert describe_invite(session=session, token=organiser_invite, now=OPEN_NOW)
    open_rows = session.execute(
        select(func.count()).select_from(Invite).where(Invite.expires_at > OPEN_NOW)
    ).scalar_one()
    assert open_rows == 2


@pytest.mark.parametrize(
    "email", ["<script>alert(1)</script>@x.com", "a@b", "two@@x.com", "", "x" * 250 + "@x.org"]
)
def test_a_co_applicant_invite_refuses_a_malformed_email_and_sends_nothing(session, email):
    make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    with pytest.raises(InvalidInput) as refused:
        invite_co_applicant(session=session, actor=ada, email=email, now=OPEN_NOW)
    assert refused.value.problems["email"]
    assert messages(session) == []


def test_an_action_that_fails_leaves_no_message_behind(engine):
    with transaction(engine) as session:
        organiser = create_organiser(
            session=session, email="olu@example.org", name="Olu", password=PASSWORD
        )
    with pytest.raises(RuntimeError), transaction(engine) as session:
        create_invite(
            session=session, actor=organiser, email="jo@example.org", role=Role.JUDGE,
            now=OPEN_NOW,
        )  # fmt: skip
        assert len(messages(session)) == 1
        raise RuntimeError("a later step of the same action failed")
    with transaction(engine) as session:
        assert messages(session) == []
        assert session.execute(select(func.count()).select_from(Invite)).scalar_one() == 0


def test_submitting_emails_a_receipt_with_the_pdf_attached(session):
    world = make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    done = submit_proposal(
        session=session, actor=ada, proposal_id=None, draft=complete_draft(world),
        expected_version=None, now=OPEN_NOW,
    )  # fmt: skip
    (message,) = messages(session, "submission_receipt")
    assert message.recipient == "ada@example.org"
    assert done.reference in message.subject
    assert message.attachment_name == f"receipt-{done.reference}.pdf"
    assert message.attachment_type == "application/pdf"
    pdf_text = "".join(page.extract_text() for page in PdfReader(BytesIO(message.attachment)).pages)
    assert done.reference in pdf_text and "Bike buses for school runs" in pdf_text


def test_a_refused_submission_sends_no_receipt(session):
    make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    from civic_challenge.domain.proposals import ProposalDraft

    with pytest.raises(InvalidInput):
        submit_proposal(
            session=session, actor=ada, proposal_id=None, draft=ProposalDraft(title="Half"),
            expected_version=None, now=OPEN_NOW,
        )  # fmt: skip
    assert messages(session) == []


def test_publishing_assignments_tells_each_judge_how_many(session):
    world = make_judging(session, judges=4, proposals=4, assign=False, k=2, cap=2)
    generate_assignments(session=session, actor=world.organiser, now=JUDGING_NOW)
    publish_assignments(session=session, actor=world.organiser, now=JUDGING_NOW)
    notices = messages(session, "assignment_notice")
    assert sorted(m.recipient for m in notices) == sorted(j.email for j in world.judges)
    assert all("2 new proposals to review" in m.body_text for m in notices)


def test_reminders_go_to_judges_with_reviews_outstanding_who_want_them(session):
    world = make_judging(session, judges=3, proposals=2)
    soon = JUDGING_CLOSES_AT - timedelta(days=1)
    assert queue_due_reminders(session=session, now=JUDGING_CLOSES_AT - timedelta(days=5)) == 0
    set_reminders(session=session, actor=world.judges[0], wanted=False)
    assert not account_status(session=session, actor=world.judges[0]).wants_reminders
    assert queue_due_reminders(session=session, now=soon) == 2
    reminders = messages(session, "review_reminder")
    assert {m.recipient for m in reminders} == {j.email for j in world.judges[1:]}
    assert "2 reviews to finish" in reminders[0].body_text
    assert queue_due_reminders(session=session, now=soon + timedelta(hours=1)) == 0
    assert queue_due_reminders(session=session, now=soon + timedelta(hours=23)) == 2
    assert queue_due_reminders(session=session, now=JUDGING_CLOSES_AT) == 0


def test_decision_notices_are_held_until_an_organiser_sends_them(session):
    world = make_world(session)
    release_decisions(
        session=session,
        actor=world.organiser,
        kind="shortlist",
        message="Pitches are on 3 March.",
        now=DECIDING_NOW,
    )
    held = messages(session, "decision_notice")
    assert held and {m.state for m in held} == {"held"}
    assert held[0].recipient == world.applicant.email
    assert "shortlisted" in held[0].subject
    assert "From the organisers: Pitches are on 3 March." in held[0].body_text
    assert outbox_counts(session=session, actor=world.organiser)["held"] == len(held)
    assert send_decision_notices(session=session, actor=world.organiser, now=DECIDING_NOW) == len(
        held
    )
    assert {m.state for m in messages(session, "decision_notice")} == {"queued"}
    with pytest.raises(ServiceError, match="no decision notices waiting"):
        send_decision_notices(session=session, actor=world.organiser, now=DECIDING_NOW)


def test_organisers_read_the_outbox_in_full(session, organiser):
    create_invite(
        session=session, actor=organiser, email="jo@example.org", role=Role.JUDGE, now=OPEN_NOW
    )
    listed = list_outbox(session=session, actor=organiser)
    assert list(listed["recipient"]) == ["jo@example.org"]
    message = read_message(session=session, actor=organiser, message_id=int(listed["id"][0]))
    assert "invited you" in message.body_text
    with pytest.raises(NotFound):
        read_message(session=session, actor=organiser, message_id=99999)
    assert retry_failed_mail(session=session, actor=organiser, now=OPEN_NOW) == 0


@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.JUDGE])
def test_only_organisers_may_read_or_send_the_outbox(session, role):
    person = None
    if role is not None:
        user = User(email=f"{role}@example.org", name="Someone", role=role.value)
        session.add(user)
        session.flush()
        person = UserView(user.id, user.email, user.name, role, None)
    calls = [
        lambda: list_outbox(session=session, actor=person),
        lambda: outbox_counts(session=session, actor=person),
        lambda: read_message(session=session, actor=person, message_id=1),
        lambda: send_decision_notices(session=session, actor=person, now=OPEN_NOW),
        lambda: retry_failed_mail(session=session, actor=person, now=OPEN_NOW),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_reminder_settings_need_a_signed_in_person(session):
    with pytest.raises(PermissionDenied):
        set_reminders(session=session, actor=None, wanted=False)
    with pytest.raises(PermissionDenied):
        account_status(session=session, actor=None)
