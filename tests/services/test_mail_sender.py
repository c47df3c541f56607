"""Sending the outbox through a real SMTP server on loopback (aiosmtpd): what arrives, what
happens when the server refuses or drops the connection, and two senders on one database."""

import ssl
import threading
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from mail_server import Dropper, MailServer, self_signed_certificate
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


def accept_only(login: bytes, password: bytes):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            login,
            password,
        )
        return AuthResult(success=ok, handled=False)  # let the server answer 535

    return authenticator


# A test server may take a login without TLS; aiosmtpd warns that a real one should not.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
@pytest.mark.parametrize(
    ("username", "password", "arrives", "error"),
    [
        ("mailer", "right secret", True, None),
        ("mailer", "wrong secret", False, "SMTPAuthenticationError"),
        (None, None, False, "SMTPSenderRefused"),  # the server insists on a login
    ],
)
def test_the_mail_server_login_is_used_and_a_refused_one_is_visible(
    engine, monkeypatch, username, password, arrives, error
):
    server = MailServer(
        authenticator=accept_only(b"mailer", b"right secret"),
        auth_required=True,
        auth_require_tls=False,
    ).start()
    try:
        extra = {}
        if username:
            extra = {"CIVIC_SMTP_USERNAME": username, "CIVIC_SMTP_PASSWORD": password}
        settings = use_server(monkeypatch, server.port, **extra)
        (message_id,) = queue(engine)
        report = send(engine, settings)
        assert report.sent == int(arrives)
        row = rows(engine)[message_id]
        if arrives:
            assert len(server.inbox.wait_for(1)) == 1
            assert row.state == "sent"
        else:
            assert server.inbox.messages == []
            assert row.state == "queued", row.last_error
            assert error in row.last_error, row.last_error
            assert "right secret" not in row.last_error and "wrong secret" not in row.last_error
    finally:
        server.stop()


def test_mail_goes_over_starttls_when_the_server_offers_it(engine, monkeypatch, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = MailServer(tls_context=context, require_starttls=True).start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", cert)  # our client trusts this test certificate
        settings = use_server(monkeypatch, server.port, CIVIC_SMTP_STARTTLS="true")
        queue(engine)
        assert send(engine, settings).sent == 1
        assert len(server.inbox.wait_for(1)) == 1
    finally:
        server.stop()


def test_no_mail_is_sent_in_clear_when_starttls_is_asked_for_but_not_offered(
    engine, server, monkeypatch
):
    settings = use_server(monkeypatch, server.port, CIVIC_SMTP_STARTTLS="true")
    (message_id,) = queue(engine)
    assert send(engine, settings).sent == 0
    assert server.inbox.messages == []
    row = rows(engine)[message_id]
    assert row.state == "queued" and "STARTTLS" in row.last_error
