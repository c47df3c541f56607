"""The Results page's moderation queue and review flags as stored snapshots (see
services.snapshots): on the challenge's data version, the last good ones shown while the newest
are recalculated in the background."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.moderation import moderation_queue
from civic_challenge.services.permissions import acting
from civic_challenge.services.results import ResultsState
from civic_challenge.services.review_flags import ReviewFlags, review_flags
from civic_challenge.services.snapshots import Snapshot, snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


def moderation_snapshot(
    engine: Engine, *, session: Session, actor: UserView, state: ResultsState, rows: int
) -> Snapshot:
    """(first `rows` rows of the queue, its length): see the module's docstring."""
    acting(session, actor, Role.ORGANISER)
    return snapshot(
        engine,
        challenge_id=state.challenge_id,
        kind="moderation",
        params=f"rows={rows}",
        data_version=state.data_version,
        compute=partial(_queue_head, actor=actor, rows=rows),
    )


def _queue_head(session: Session, *, actor: UserView, rows: int) -> tuple[pd.DataFrame, int]:
    queue = moderation_queue(session=session, actor=actor)
    return queue.head(rows), len(queue)


def review_flags_snapshot(
    engine: Engine, *, session: Session, actor: UserView, state: ResultsState
) -> Snapshot:
    """The reviews set aside for a conflict or changed after submitting (a ReviewFlags)."""
    acting(session, actor, Role.ORGANISER)
    return snapshot(
        engine,
        challenge_id=state.challenge_id,
        kind="review_flags",
        params="",
        data_version=state.data_version,
        compute=partial(_flags, actor=actor),
    )


def _flags(session: Session, *, actor: UserView) -> ReviewFlags:
    return review_flags(session=session, actor=actor)
