"""One round of mail work (queue due reminders, send what is due) and the loop that repeats it,
for the app's background thread and for `civic-challenge send-mail`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.services.database import transaction
from civic_challenge.services.mail.reminders import queue_due_reminders
from civic_challenge.services.mail.sender import SendReport, send_due_mail

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from civic_challenge.config import Settings

log = logging.getLogger(__name__)


def deliver_once(
    *, engine: Engine, settings: Settings, clock: Callable[[], datetime]
) -> SendReport:
    with transaction(engine) as session:
        queue_due_reminders(session=session, now=clock())
    report = SendReport()
    while True:  # until a round sends nothing more
        step = send_due_mail(engine=engine, settings=settings, clock=clock)
        report = report + step
        if not step.sent:
            return report


def deliver_forever(
    *,
    engine: Engine,
    settings: Settings,
    clock: Callable[[], datetime],
    stop: threading.Event,
) -> None:
    """Repeat deliver_once every `mail_interval_seconds` until `stop` is set; an error is
    logged and the next round tries again (the rows keep their own retry times)."""
    while not stop.is_set():
        try:
            deliver_once(engine=engine, settings=settings, clock=clock)
        except Exception:
            log.exception("Sending mail failed; trying again in the next round")
        stop.wait(settings.mail_interval_seconds)
