"""Reads and writes of stored snapshots (see models.snapshot): each write is one statement or a
row locked first, so two app processes never interleave a claim or overwrite a newer snapshot
with an older one."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from civic_challenge.db.models import ResultSnapshot


@dataclass(frozen=True)
class SnapshotHeader:
    """Everything about a stored snapshot but its payload: cheap to read on every rerun."""

    id: int
    data_version: int
    computed_at: datetime
    running_version: int | None
    running_since: datetime | None
    failed_version: int | None
    failure: str | None


def header(session: Session, challenge_id: int, kind: str, params: str) -> SnapshotHeader | None:
    query = select(
        ResultSnapshot.id,
        ResultSnapshot.data_version,
        ResultSnapshot.computed_at,
        ResultSnapshot.running_version,
        ResultSnapshot.running_since,
        ResultSnapshot.failed_version,
        ResultSnapshot.failure,
    ).where(
        ResultSnapshot.challenge_id == challenge_id,
        ResultSnapshot.kind == kind,
        ResultSnapshot.params == params,
    )
    row = session.execute(query).first()
    return SnapshotHeader(*row) if row else None


def payload(session: Session, snapshot_id: int, data_version: int) -> bytes | None:
    """The payload, if the row still holds `data_version` (it may have been replaced since)."""
    query = select(ResultSnapshot.payload).where(
        ResultSnapshot.id == snapshot_id, ResultSnapshot.data_version == data_version
    )
    return session.execute(query).scalar_one_or_none()


def claim(
    session: Session, snapshot_id: int, data_version: int, now: datetime, stale_before: datetime
) -> bool:
    """Mark a recalculation of `data_version` as under way, unless one of it (or of a newer
    version) already is and started after `stale_before`. True when this caller won the claim."""
    statement = (
        update(ResultSnapshot)
        .where(
            ResultSnapshot.id == snapshot_id,
            ResultSnapshot.data_version < data_version,
            or_(
                ResultSnapshot.running_version.is_(None),
                ResultSnapshot.running_version < data_version,
                ResultSnapshot.running_since < stale_before,
            ),
        )
        .values(running_version=data_version, running_since=now)
    )
    return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]


def store(
    session: Session,
    *,
    challenge_id: int,
    kind: str,
    params: str,
    data_version: int,
    computed_at: datetime,
    payload: bytes,
) -> None:
    """Write the snapshot of `data_version`, unless the stored one is already as new."""
    query = (
        select(ResultSnapshot)
        .where(
            ResultSnapshot.challenge_id == challenge_id,
            ResultSnapshot.kind == kind,
            ResultSnapshot.params == params,
        )
        .with_for_update()
    )
    row = session.execute(query).scalars().first()
    if row is None:
        try:
            with session.begin_nested():
                session.add(
                    ResultSnapshot(
                        challenge_id=challenge_id,
                        kind=kind,
                        params=params,
                        data_version=data_version,
                        computed_at=computed_at,
                        payload=payload,
                    )
                )
        except IntegrityError:
            pass  # another process stored its first snapshot at the same moment: keep that one
        return
    if row.data_version >= data_version:
        return
    row.data_version = data_version
    row.computed_at = computed_at
    row.payload = payload
    if row.running_version is not None and row.running_version <= data_version:
        row.running_version = None
        row.running_since = None
    if row.failed_version is not None and row.failed_version <= data_version:
        row.failed_version = None
        row.failure = None


def record_failure(session: Session, snapshot_id: int, data_version: int, failure: str) -> None:
    """The recalculation of `data_version` failed: the stored payload stays, with the reason."""
    statement = (
        update(ResultSnapshot)
        .where(ResultSnapshot.id == snapshot_id, ResultSnapshot.data_version < data_version)
        .values(
            failed_version=data_version, failure=failure, running_version=None, running_since=None
        )
    )
    session.execute(statement)


def forget_older(session: Session, challenge_id: int, kind: str, before: datetime) -> None:
    """Drop snapshots of `kind` not computed since `before` (filters nobody uses any more)."""
    session.execute(
        delete(ResultSnapshot).where(
            ResultSnapshot.challenge_id == challenge_id,
            ResultSnapshot.kind == kind,
            ResultSnapshot.computed_at < before,
        )
    )
