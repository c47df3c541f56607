"""Sign-in throttle counters, one row per key, created on first use without a race."""

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from civic_challenge.db.models import SignInThrottle

FORGET_AFTER = timedelta(days=1)


def lock_counters(session: Session, key_hashes: list[str], now: datetime) -> list[SignInThrottle]:
    """The counters for these keys, created when missing and locked for this transaction."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    rows = [{"key_hash": key, "failures": 0, "updated_at": now} for key in key_hashes]
    session.exec(insert(SignInThrottle).values(rows).on_conflict_do_nothing())
    query = (
        select(SignInThrottle)
        .where(SignInThrottle.key_hash.in_(key_hashes))
        .order_by(SignInThrottle.key_hash)
        .with_for_update()
    )
    found = {row.key_hash: row for row in session.exec(query).scalars().all()}
    return [found[key] for key in key_hashes]


def forget_stale(session: Session, now: datetime) -> None:
    """Counters untouched for a day and not holding anyone back are dropped."""
    session.exec(
        delete(SignInThrottle).where(
            SignInThrottle.updated_at < now - FORGET_AFTER,
            (SignInThrottle.locked_until.is_(None)) | (SignInThrottle.locked_until < now),
        )
    )
