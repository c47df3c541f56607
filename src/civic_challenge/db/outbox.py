"""The outbox: adding messages, claiming due ones for one sender, recording what happened.

A claim marks rows `sending` with a lease in its own short transaction. On PostgreSQL the
candidate rows are read `FOR UPDATE SKIP LOCKED`, so two senders never claim the same row; on
SQLite the transaction already holds the write lock (`BEGIN IMMEDIATE`). A sender that dies
mid-send leaves its rows to be claimed again once the lease runs out.
"""

from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import func, or_, select, update
from sqlmodel import Session

from civic_challenge.db.models import Assignment, OutboxMessage, Proposal, User
from civic_challenge.domain.terms import AssignmentState, MailState


def add_message(session: Session, values: dict) -> int:
    message = OutboxMessage(**values)
    session.add(message)
    session.flush()
    assert message.id is not None
    return message.id


def claim_due(session: Session, now: datetime, limit: int, lease: timedelta) -> list[OutboxMessage]:
    due = or_(
        (OutboxMessage.state == MailState.QUEUED.value) & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.state == MailState.SENDING.value) & (OutboxMessage.claimed_until < now),
    )
    query = (
        select(OutboxMessage)
        .where(due)
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.exec(query).scalars().all())
    for row in rows:
        row.state = MailState.SENDING.value
        row.claimed_until = now + lease
        row.attempts += 1
    session.flush()
    return rows


def record_sent(session: Session, message_id: int, now: datetime) -> None:
    session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.state == MailState.SENDING.value)
        .values(state=MailState.SENT.value, sent_at=now, claimed_until=None, last_error=None)
    )


def record_failure(
    session: Session, message_id: int, error: str, retry_at: datetime | None
) -> None:
    """Back to the queue until `retry_at`, or `failed` for good when it is None."""
    state = MailState.FAILED if retry_at is None else MailState.QUEUED
    values: dict = {"state": state.value, "claimed_until": None, "last_error": error[:500]}
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.state == MailState.SENDING.value)
        .values(**values)
    )


def release(session: Session, template: str, now: datetime) -> int:
    """Queue every held message of one template (decision notices after review)."""
    result = session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.state == MailState.HELD.value, OutboxMessage.template == template)
        .values(state=MailState.QUEUED.value, next_attempt_at=now)
    )
    return result.rowcount


def requeue_failed(session: Session, now: datetime) -> int:
    result = session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.state == MailState.FAILED.value)
        .values(state=MailState.QUEUED.value, next_attempt_at=now, attempts=0)
    )
    return result.rowcount


OUTBOX_COLUMNS = [
    "id", "created_at", "recipient", "template", "subject", "state", "attempts",
    "next_attempt_at", "sent_at", "last_error", "attachment_name",
]  # fmt: skip


def outbox_frame(session: Session, limit: int) -> pd.DataFrame:
    """The newest messages first, without bodies."""
    columns = [getattr(OutboxMessage, name) for name in OUTBOX_COLUMNS]
    query = select(*columns).order_by(OutboxMessage.id.desc()).limit(limit)
    return pd.DataFrame(session.exec(query).all(), columns=OUTBOX_COLUMNS)


def state_counts(session: Session) -> dict[str, int]:
    query = select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
    return {state: n for state, n in session.exec(query).all()}


def held_count(session: Session, template: str) -> int:
    query = select(func.count()).where(
        OutboxMessage.state == MailState.HELD.value, OutboxMessage.template == template
    )
    return session.exec(query).scalar_one()


def get_message(session: Session, message_id: int) -> OutboxMessage | None:
    return session.get(OutboxMessage, message_id)


def last_message_at(session: Session, user_id: int, template: str) -> datetime | None:
    query = select(func.max(OutboxMessage.created_at)).where(
        OutboxMessage.user_id == user_id, OutboxMessage.template == template
    )
    return session.exec(query).scalar_one()


def outstanding_reviews(session: Session, challenge_id: int) -> list[tuple[int, str, str, int]]:
    """(judge id, email, name, reviews outstanding) for active judges who want reminders."""
    open_states = [AssignmentState.PENDING.value, AssignmentState.STARTED.value]
    query = (
        select(User.id, User.email, User.name, func.count(Assignment.id))
        .join(Assignment, Assignment.judge_id == User.id)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Assignment.published,
            Assignment.state.in_(open_states),
            User.is_active,
            User.wants_reminders,
        )
        .group_by(User.id, User.email, User.name)
        .order_by(User.id)
    )
    return [tuple(row) for row in session.exec(query).all()]
