"""The Results page's moderation queue as a stored snapshot (see services.snapshots): its first
rows and its length, on the challenge's data version, the last good one shown while the newest is
recalculated in the background."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.moderation import moderation_queue
from civic_challenge.services.permissions import require_role
from civic_challenge.services.results import ResultsState
from civic_challenge.services.snapshots import Snapshot, snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


def moderation_snapshot(
    engine: Engine, *, actor: UserView, state: ResultsState, rows: int
) -> Snapshot:
    """(first `rows` rows of the queue, its length): see the module's docstring."""
    require_role(actor, Role.ORGANISER)
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
