"""Putting the demo challenge into a database when the app starts in demo mode."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.config import get_settings
from civic_challenge.db import challenges as db_challenges
from civic_challenge.services.database import transaction

if TYPE_CHECKING:
    from sqlalchemy import Engine


def ensure_demo_challenge(*, engine: Engine, now: datetime) -> bool:
    """Seed the demo when no challenge exists yet; True when it seeded."""
    from civic_challenge.services.demo import DEMO_PASSWORD, seed_demo

    with transaction(engine) as session:
        if db_challenges.current_challenge(session) is not None:
            return False
        seed_demo(
            session=session, now=now, password=DEMO_PASSWORD, data_dir=get_settings().data_dir
        )
    return True
