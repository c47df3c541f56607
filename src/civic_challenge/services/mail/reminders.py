"""Reminders to judges with reviews outstanding, in the days before judging closes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import outbox as db_outbox
from civic_challenge.domain.terms import Phase
from civic_challenge.services.mail.links import page_link
from civic_challenge.services.mail.outbox import queue_message

if TYPE_CHECKING:
    from sqlmodel import Session

REMINDER = "review_reminder"
WINDOW = timedelta(days=3)
AT_MOST_EVERY = timedelta(hours=23)


def queue_due_reminders(*, session: Session, now: datetime) -> int:
    """Queue a reminder for each judge who still owes reviews, wants reminders and has not had
    one in the last day, when judging closes within three days; returns how many."""
    challenge = db_challenges.current_challenge(session)
    if challenge is None or challenge.id is None or challenge.phase != Phase.JUDGING.value:
        return 0
    if not now < challenge.judging_closes_at <= now + WINDOW:
        return 0
    queued = 0
    for judge_id, email, name, count in db_outbox.outstanding_reviews(session, challenge.id):
        last = db_outbox.last_message_at(session, judge_id, REMINDER)
        if last is not None and now - last < AT_MOST_EVERY:
            continue
        queue_message(
            session,
            to=email,
            user_id=judge_id,
            template=REMINDER,
            context={"name": name, "count": count, "link": page_link(None, "queue")},
            now=now,
        )
        queued += 1
    return queued
