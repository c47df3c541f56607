"""Delivering the outbox through SMTP: claim due rows, send each, record the outcome.

Each step has its own short transaction, so a slow mail server never holds a database lock and
a crash between sending and recording leaves the row to be retried after its lease (a message
may then arrive twice, but a claimed row is never sent by two senders at once).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import TYPE_CHECKING

from civic_challenge.db import outbox as db_outbox
from civic_challenge.services.database import transaction

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from civic_challenge.config import Settings
    from civic_challenge.db.models import OutboxMessage

MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=10)
BATCH = 50
THIS_MESSAGE_REFUSED = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
)


@dataclass(frozen=True)
class Outgoing:
    """A claimed row, detached from its session."""

    id: int
    recipient: str
    subject: str
    body_text: str
    body_html: str
    attachment_name: str | None
    attachment_type: str | None
    attachment: bytes | None
    attempts: int

    @classmethod
    def of(cls, row: OutboxMessage) -> Outgoing:
        assert row.id is not None
        return cls(
            row.id, row.recipient, row.subject, row.body_text, row.body_html,
            row.attachment_name, row.attachment_type, row.attachment, row.attempts,
        )  # fmt: skip


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __add__(self, other: SendReport) -> SendReport:
        return SendReport(
            self.sent + other.sent, self.retrying + other.retrying, self.failed + other.failed
        )


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each failed attempt, at most 4 hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), timedelta(hours=4))


def email_message(outgoing: Outgoing, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = outgoing.recipient
    message["Subject"] = outgoing.subject
    message["Message-ID"] = make_msgid(domain="civic-challenge.invalid")
    message.set_content(outgoing.body_text)
    message.add_alternative(outgoing.body_html, subtype="html")
    if outgoing.attachment is not None and outgoing.attachment_name:
        maintype, _, subtype = (outgoing.attachment_type or "application/pdf").partition("/")
        message.add_attachment(
            outgoing.attachment,
            maintype=maintype,
            subtype=subtype,
            filename=outgoing.attachment_name,
        )
    return message


def _connect(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host
    smtp = smtplib.SMTP(
        settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
    )
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_username, password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_due_mail(
    *, engine: Engine, settings: Settings, clock: Callable[[], datetime], batch: int = BATCH
) -> SendReport:
    """Send what is due now. Nothing at all when mail is off (no server, or demo mode)."""
    if not settings.sends_mail:
        return SendReport()
    with transaction(engine) as session:
        claimed = [Outgoing.of(row) for row in db_outbox.claim_due(session, clock(), batch, LEASE)]
    if not claimed:
        return SendReport()
    try:
        smtp = _connect(settings)
    except (OSError, smtplib.SMTPException) as error:
        return _give_back(engine, claimed, error, clock)
    report = SendReport()
    try:
        for index, outgoing in enumerate(claimed):
            try:
                smtp.send_message(email_message(outgoing, settings.mail_from))
            except THIS_MESSAGE_REFUSED as error:  # the connection is still good
                report = report + _give_back(engine, [outgoing], error, clock)
                continue
            except (OSError, smtplib.SMTPException) as error:  # the connection is gone
                return report + _give_back(engine, claimed[index:], error, clock)
            with transaction(engine) as session:
                db_outbox.record_sent(session, outgoing.id, clock())
            report = report + SendReport(sent=1)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return report


def _give_back(
    engine: Engine, rows: list[Outgoing], error: BaseException, clock: Callable[[], datetime]
) -> SendReport:
    """Queue each row again with back-off; after MAX_ATTEMPTS it stays failed, for people to see."""
    reason = f"{type(error).__name__}: {error}"
    retrying = failed = 0
    with transaction(engine) as session:
        for row in rows:
            if row.attempts >= MAX_ATTEMPTS:
                db_outbox.record_failure(session, row.id, reason, None)
                failed += 1
            else:
                db_outbox.record_failure(
                    session, row.id, reason, clock() + retry_delay(row.attempts)
                )
                retrying += 1
    return SendReport(0, retrying, failed)
