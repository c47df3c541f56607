"""The challenge's data version: bumped whenever what rankings and charts show changes, so
pages cache on it (a new review shows on the next rerun) instead of on a timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from civic_challenge.db import queries as db_queries

if TYPE_CHECKING:
    from sqlmodel import Session


def rankings_changed(session: Session, challenge_id: int) -> int:
    """Call whenever a review is submitted, edited or reset, an assignment published or removed,
    or a decision recorded. Atomic, so concurrent calls never lose a bump; it commits with the
    caller's transaction. Returns the new version."""
    return db_queries.bump_data_version(session, challenge_id)
