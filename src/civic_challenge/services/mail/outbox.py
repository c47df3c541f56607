"""Queueing messages, in the caller's unit of work, and what organisers do with the outbox:
read it, send the held decision notices as one batch, retry what failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from civic_challenge.db import outbox as db_outbox
from civic_challenge.db.audit import record_event
from civic_challenge.domain.accounts import normalise_email
from civic_challenge.domain.terms import MailState, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound, ServiceError
from civic_challenge.services.mail.rendering import challenge_words, render
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    import pandas as pd
    from sqlmodel import Session

DECISION_NOTICE = "decision_notice"
SHOWN = 500


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class MessageView:
    id: int
    recipient: str
    template: str
    subject: str
    body_text: str
    state: str
    attempts: int
    last_error: str | None
    attachment_name: str | None


def queue_message(
    session: Session,
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    now: datetime,
    user_id: int | None = None,
    attachment: Attachment | None = None,
    held: bool = False,
) -> int:
    """Render and store one message; it leaves with the caller's commit or not at all."""
    rendered = render(template, {"challenge": challenge_words(session)} | context)
    return db_outbox.add_message(
        session,
        {
            "recipient": normalise_email(to),
            "user_id": user_id,
            "template": template,
            "subject": rendered.subject[:300],
            "body_text": rendered.text,
            "body_html": rendered.html,
            "attachment_name": attachment and attachment.filename,
            "attachment_type": attachment and attachment.content_type,
            "attachment": attachment and attachment.content,
            "state": (MailState.HELD if held else MailState.QUEUED).value,
            "next_attempt_at": now,
            "created_at": now,
        },
    )


def list_outbox(*, session: Session, actor: UserView) -> pd.DataFrame:
    """The newest messages (without bodies), for organisers only."""
    actor = acting(session, actor, Role.ORGANISER)
    return db_outbox.outbox_frame(session, SHOWN)


def outbox_counts(*, session: Session, actor: UserView) -> dict[str, int]:
    actor = acting(session, actor, Role.ORGANISER)
    counts = db_outbox.state_counts(session)
    return {state.value: counts.get(state.value, 0) for state in MailState}


def read_message(*, session: Session, actor: UserView, message_id: int) -> MessageView:
    actor = acting(session, actor, Role.ORGANISER)
    row = db_outbox.get_message(session, message_id)
    if row is None or row.id is None:
        raise NotFound("There is no such message. Choose one from the list.")
    return MessageView(
        row.id, row.recipient, row.template, row.subject, row.body_text, row.state,
        row.attempts, row.last_error, row.attachment_name,
    )  # fmt: skip


def send_decision_notices(*, session: Session, actor: UserView, now: datetime) -> int:
    """Queue every held decision notice at once, after an organiser has read them."""
    actor = acting(session, actor, Role.ORGANISER)
    released = db_outbox.release(session, DECISION_NOTICE, now)
    if not released:
        raise ServiceError("There are no decision notices waiting to be sent.")
    record_event(
        session,
        actor_id=actor.id,
        action="mail.decision_notices_sent",
        object_type="outbox",
        object_id=None,
        after={"queued": released},
    )
    return released


def retry_failed_mail(*, session: Session, actor: UserView, now: datetime) -> int:
    actor = acting(session, actor, Role.ORGANISER)
    retried = db_outbox.requeue_failed(session, now)
    if retried:
        record_event(
            session,
            actor_id=actor.id,
            action="mail.failed_retried",
            object_type="outbox",
            object_id=None,
            after={"queued": retried},
        )
    return retried
