"""Sending the outbox through a real SMTP server on loopback (aiosmtpd): what arrives, what
happens when the server refuses or drops the connection, and two senders on one database."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from mail_server import Dropper, MailServer
from sqlalchemy import select

from civic_challenge.config import get_settings
from civic_challenge.db.models import OutboxMessage
from civic_challenge.services.database import transaction
from civic_challenge.services.mail.outbox import Attachment, queue_message
from civic_challenge.services.mail.sender import MAX_ATTEMPTS, send_due_mail

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def server():
    running = MailServer().start()
    yield running
    running.stop()


def use_server(monkeypatch, port: int, **extra: str):
    monkeypatch.setenv("CIVIC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CIVIC_SMTP_PORT", str(port))
    monkeypatch.setenv("CIVIC_SMTP_STARTTLS", "false")
    monkeypatch.setenv("CIVIC_MAIL_FROM", "Civic Challenge <challenge@example.org>")
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return get_settings()


def queue(engine, n: int = 1, **kwargs) -> list[int]:
    with transaction(engine) as session:
        return [
            queue_message(
                session,
                to=f"person{i}@example.org",
                template="review_reminder",
                context={"name": f"Person <{i}>", "count": i + 1, "link": None},
                now=NOW,
                **kwargs,
            )
            for i in range(n)
        ]


def rows(engine) -> dict[int, OutboxMessage]:
    with transaction(engine) as session:
        found = session.execute(select(OutboxMessage)).scalars().all()
        return {row.id: row for row in found}


def send(engine, settings, at=NOW, **kwargs):
    return send_due_mail(engine=engine, settings=settings, clock=lambda: at, **kwargs)


def test_a_message_arrives_with_the_right_headers_body_and_attachment(engine, server, monkeypatch):
    settings = use_server(monkeypatch, server.port)
    pdf = b"%PDF-1.4 receipt"
    (message_id,) = queue(engine, attachment=Attachment("receipt.pdf", "application/pdf", pdf))
    report = send(engine, settings)
    assert report.sent == 1
    (received,) = server.inbox.wait_for(1)
    assert received["From"] == "Civic Challenge <challenge@example.org>"
    assert received["To"] == "person0@example.org"
    assert received["Subject"].startswith("Reminder: 1 review due by")
    assert received["Message-ID"]
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert "Hello Person <0>," in text  # plain text is not escaped
    assert "Hello Person &lt;0&gt;," in html  # HTML is
    (attachment,) = list(received.iter_attachments())
    assert attachment.get_filename() == "receipt.pdf"
    assert attachment.get_content() == pdf
    assert server.inbox.envelopes == [("challenge@example.org", ["person0@example.org"])]
    sent = rows(engine)[message_id]
    assert (sent.state, sent.attempts, sent.sent_at) == ("sent", 1, NOW)
    assert send(engine, settings).sent == 0  # never twice


def test_a_refusing_server_leaves_the_row_queued_and_it_goes_on_the_next_attempt(
    engine, server, monkeypatch
):
    settings = use_server(monkeypatch, server.port)
    (message_id,) = queue(engine)
    server.inbox.refuse = True
    report = send(engine, settings)
    assert (report.sent, report.retrying) == (0, 1)
    row = rows(engine)[message_id]
    assert (row.state, row.attempts) == ("queued", 1)
    assert "451" in row.last_error
    assert row.next_attempt_at == NOW + timedelta(minutes=1)
    server.inbox.refuse = False
    assert send(engine, settings).sent == 0  # not due yet: back-off
    assert send(engine, settings, at=NOW + timedelta(minutes=1)).sent == 1
    assert len(server.inbox.wait_for(1)) == 1
    assert rows(engine)[message_id].state == "sent"


def test_a_dropped_connection_leaves_the_row_queued_and_it_goes_on_the_next_attempt(
    engine, monkeypatch
):
    dropper = Dropper()
    try:
        settings = use_server(monkeypatch, dropper.port)
        ids = queue(engine, 2)
        report = send(engine, settings)
        assert (report.sent, report.retrying) == (0, 2)
        assert dropper.dropped >= 1
    finally:
        dropper.stop()
    assert {row.state for row in rows(engine).values()} == {"queued"}
    assert "SMTPServerDisconnected" in rows(engine)[ids[0]].last_error
    server = MailServer(port=dropper.port).start()  # the server is back, on the same port
    try:
        assert send(engine, settings, at=NOW + timedelta(minutes=5)).sent == 2
        assert len(server.inbox.wait_for(2)) == 2
    finally:
        server.stop()


def test_no_server_at_all_is_retried_then_given_up_visibly(engine, monkeypatch):
    settings = use_server(monkeypatch, 9)  # nothing listens on the discard port here
    (message_id,) = queue(engine)
    at = NOW
    for _ in range(MAX_ATTEMPTS):
        send(engine, settings, at=at)
        at += timedelta(hours=5)
    row = rows(engine)[message_id]
    assert (row.state, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert row.last_error
    assert send(engine, settings, at=at + timedelta(days=1)).sent == 0


@pytest.mark.parametrize("why", ["no server configured", "demo mode"])
def test_nothing_leaves_the_machine_without_a_server_or_in_demo_mode(
    engine, server, monkeypatch, why
):
    if why == "demo mode":
        settings = use_server(monkeypatch, server.port, CIVIC_DEMO_MODE="true")
    else:
        settings = get_settings()
    (message_id,) = queue(engine)
    assert send(engine, settings).sent == 0
    assert server.inbox.messages == []
    assert rows(engine)[message_id].state == "queued"


def test_held_messages_are_not_sent_until_released(engine, server, monkeypatch):
    settings = use_server(monkeypatch, server.port)
    queue(engine, held=True)
    assert send(engine, settings).sent == 0
    assert server.inbox.messages == []


def test_two_senders_on_one_database_never_send_a_row_twice(engine, server, monkeypatch):
    settings = use_server(monkeypatch, server.port)
    ids = queue(engine, 30)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            start.wait()
            while send(engine, settings, batch=3).sent:
                pass
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    received = server.inbox.wait_for(30)
    recipients = sorted(message["To"] for message in received)
    assert recipients == sorted(f"person{i}@example.org" for i in range(30))  # each once
    assert {row.state for row in rows(engine).values()} == {"sent"}
    assert sum(row.attempts for row in rows(engine).values()) == len(ids)
