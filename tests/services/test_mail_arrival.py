"""Every message the app sends, caused by its real action and delivered through a real SMTP
server on loopback: each arrives at the right person with its subject, text and HTML."""

from datetime import timedelta

import pytest
from applicant_world import NOW as OPEN_NOW
from applicant_world import complete_draft, make_applicant_with_organisation, make_open_challenge
from judging_world import JUDGING_CLOSES_AT, make_judging
from judging_world import NOW as JUDGING_NOW
from mail_server import MailServer
from organiser_world import NOW as DECIDING_NOW
from organiser_world import make_world
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import create_organiser
from civic_challenge.services.assignments import generate_assignments, publish_assignments
from civic_challenge.services.invites import create_invite
from civic_challenge.services.mail.outbox import send_decision_notices
from civic_challenge.services.mail.reminders import queue_due_reminders
from civic_challenge.services.mail.sender import send_due_mail
from civic_challenge.services.proposals import submit_proposal
from civic_challenge.services.registration import register, request_password_reset
from civic_challenge.services.releases import release_decisions

PASSWORD = "correct horse battery"
BASE = "https://challenge.example.org/"


def registered(session):
    register(session=session, email="ada@example.org", name="Ada", password=PASSWORD,
             repeat=PASSWORD, now=OPEN_NOW, base_url=BASE)  # fmt: skip
    return ["ada@example.org"], OPEN_NOW


def registered_again(session):
    registered(session)
    register(session=session, email="ADA@example.org", name="Not Ada", password=PASSWORD + "!",
             repeat=PASSWORD + "!", now=OPEN_NOW, base_url=BASE)  # fmt: skip
    return ["ada@example.org"], OPEN_NOW


def reset_asked(session):
    create_organiser(session=session, email="olu@example.org", name="Olu", password=PASSWORD)
    request_password_reset(session=session, email="olu@example.org", now=OPEN_NOW, base_url=BASE)
    return ["olu@example.org"], OPEN_NOW


def invited(session):
    olu = create_organiser(session=session, email="olu@example.org", name="Olu", password=PASSWORD)
    create_invite(session=session, actor=olu, email="jo@example.org", role=Role.JUDGE,
                  now=OPEN_NOW, base_url=BASE)  # fmt: skip
    return ["jo@example.org"], OPEN_NOW


def submitted(session):
    world = make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    submit_proposal(session=session, actor=ada, proposal_id=None, draft=complete_draft(world),
                    expected_version=None, now=OPEN_NOW)  # fmt: skip
    return ["ada@example.org"], OPEN_NOW


def assigned(session):
    world = make_judging(session, judges=2, proposals=2, assign=False, k=2, cap=2)
    generate_assignments(session=session, actor=world.organiser, now=JUDGING_NOW)
    publish_assignments(session=session, actor=world.organiser, now=JUDGING_NOW)
    return [j.email for j in world.judges], JUDGING_NOW


def reminded(session):
    world = make_judging(session, judges=2, proposals=2)
    soon = JUDGING_CLOSES_AT - timedelta(days=1)
    queue_due_reminders(session=session, now=soon)
    return [j.email for j in world.judges], soon


def decided(session):
    world = make_world(session)
    release_decisions(
        session=session,
        actor=world.organiser,
        kind="shortlist",
        message="Pitches are on 3 March.",
        now=DECIDING_NOW,
    )
    send_decision_notices(session=session, actor=world.organiser, now=DECIDING_NOW)
    return [world.applicant.email], DECIDING_NOW


ACTIONS = {
    "verify_email": (registered, "Confirm your email for"),
    "already_registered": (registered_again, "You already have an account for"),
    "password_reset": (reset_asked, "Choose a new password for"),
    "invite": (invited, "You are invited to join"),
    "submission_receipt": (submitted, "Received: CIC-2026-0001 for"),
    "assignment_notice": (assigned, "2 proposals to review for"),
    "review_reminder": (reminded, "Reminder: 2 reviews due by"),
    "decision_notice": (decided, "CIC-T-0000: shortlisted"),
}


@pytest.mark.parametrize("template", list(ACTIONS))
def test_each_message_arrives_from_its_action(engine, monkeypatch, template):
    action, subject = ACTIONS[template]
    with Session(engine, expire_on_commit=False) as session:
        recipients, now = action(session)
        session.commit()
    server = MailServer().start()
    try:
        monkeypatch.setenv("CIVIC_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("CIVIC_SMTP_PORT", str(server.port))
        monkeypatch.setenv("CIVIC_SMTP_STARTTLS", "false")
        get_settings.cache_clear()
        report = send_due_mail(engine=engine, settings=get_settings(), clock=lambda: now)
        arrived = server.inbox.wait_for(report.sent)
    finally:
        server.stop()
    mine = [m for m in arrived if m["Subject"].startswith(subject)]
    assert report.retrying == report.failed == 0
    assert sorted(m["To"] for m in mine) == sorted(set(recipients)), [m["Subject"] for m in arrived]
    for message in mine:
        assert message.get_body(("plain",)).get_content().startswith("Hello")
        assert "<p>Hello" in message.get_body(("html",)).get_content()
