"""Heavy computations kept as stored snapshots, recalculated in the background.

A page asks for the snapshot of a computation (a kind and its parameters) at the challenge's
current data version. What it gets:

- the stored snapshot, when it reflects the current version (a cheap read of its header, and of
  its payload only when this process has not unpickled that version yet);
- otherwise the last good snapshot at once, marked stale, while one background thread (in one
  process among all those sharing the database: the claim is a row update) recalculates it; the
  next rerun after that run has stored its result shows the new one;
- when there is no snapshot yet, the value computed there and then (the caller shows progress).

A failed recalculation keeps the last good snapshot and records why; it is tried again after the
next change of the data. Snapshots are keyed on the stored data version, never on a process's
memory alone, so two app processes on one PostgreSQL database stay correct.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from civic_challenge.db import rankings as db_rankings
from civic_challenge.db import snapshots as db_snapshots
from civic_challenge.services.clock import now as clock_now
from civic_challenge.services.database import reading, transaction

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

log = logging.getLogger(__name__)

CLAIM_EXPIRES = timedelta(minutes=10)  # a claim older than this is taken over (its process died)
FORGET_AFTER = timedelta(days=2)  # snapshots nobody asked for since are dropped
KEPT_IN_MEMORY = 32
FAILED = (
    "The latest recalculation failed, so this shows the results as they were {age} ago, before "
    "the latest changes. It will be tried again when the data next changes; the error has been "
    "logged for the administrator."
)


@dataclass(frozen=True)
class Snapshot:
    value: Any
    data_version: int  # the challenge's data version the value reflects
    computed_at: datetime
    current: bool  # reflects the data version the caller read
    recalculating: bool  # a newer one is being computed (here or in another process)
    failure: str | None  # the last recalculation failed: why, in plain words


# Unpickled payloads, by database, row, version and time: payloads are written only by _store,
# from our own computations, into our own database.
_loaded: OrderedDict[tuple, Any] = OrderedDict()
_loaded_lock = threading.Lock()


def snapshot(
    engine: Engine,
    *,
    challenge_id: int,
    kind: str,
    params: str,
    data_version: int,
    compute: Callable[[Session], Any],
) -> Snapshot:
    """The computation `compute(session)` for the challenge at `data_version` (read by the caller
    this rerun), or the last good one while a newer is computed (see the module's docstring)."""
    for _ in range(3):  # a payload replaced between reading its header and reading it: read again
        with reading(engine) as session:
            head = db_snapshots.header(session, challenge_id, kind, params)
        if head is None:
            return _first(engine, challenge_id, kind, params, data_version, compute)
        value = _load(engine, head)
        if value is _GONE:
            continue
        if head.data_version >= data_version:
            return Snapshot(value, head.data_version, head.computed_at, True, False, None)
        if head.failed_version is not None and head.failed_version >= data_version:
            failure = FAILED.format(age=age_words(head.computed_at, clock_now()))
            return Snapshot(value, head.data_version, head.computed_at, False, False, failure)
        running = _start_recalculation(
            engine, head, challenge_id, kind, params, data_version, compute
        )
        return Snapshot(value, head.data_version, head.computed_at, False, running, None)
    return _first(engine, challenge_id, kind, params, data_version, compute)


def age_words(then: datetime, now: datetime) -> str:
    """'20 s', '3 min', '2 h 5 min', '3 days': how long ago, for a person."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 90:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 90:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60} min"
    return f"{hours // 24} days"


_GONE = object()


def _load(engine: Engine, head: db_snapshots.SnapshotHeader) -> Any:
    key = (engine.url.render_as_string(), head.id, head.data_version, head.computed_at)
    with _loaded_lock:
        if key in _loaded:
            _loaded.move_to_end(key)
            return _loaded[key]
    with reading(engine) as session:
        payload = db_snapshots.payload(session, head.id, head.data_version)
    if payload is None:
        return _GONE
    value = pickle.loads(payload)  # noqa: S301 - written by _store from our own computation
    with _loaded_lock:
        _loaded[key] = value
        while len(_loaded) > KEPT_IN_MEMORY:
            _loaded.popitem(last=False)
    return value


def _computed(engine: Engine, challenge_id: int, compute: Callable[[Session], Any]):  # type: ignore[no-untyped-def]
    """The value and the data version read before it in the same unit of work: labelled with
    that version, a value that saw a later change is merely recomputed once more, never shown as
    current when it is not."""
    with reading(engine) as session:
        version = db_rankings.data_version_of(session, challenge_id)
        return compute(session), version


def _store(
    engine: Engine, challenge_id: int, kind: str, params: str, version: int, value: Any
) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    at = clock_now()
    with transaction(engine) as session:
        db_snapshots.store(
            session,
            challenge_id=challenge_id,
            kind=kind,
            params=params,
            data_version=version,
            computed_at=at,
            payload=payload,
        )
        db_snapshots.forget_older(session, challenge_id, kind, at - FORGET_AFTER)


def _first(engine, challenge_id, kind, params, data_version, compute) -> Snapshot:  # type: ignore[no-untyped-def]
    value, version = _computed(engine, challenge_id, compute)
    _store(engine, challenge_id, kind, params, version, value)
    return Snapshot(value, version, clock_now(), version >= data_version, False, None)


def _start_recalculation(engine, head, challenge_id, kind, params, data_version, compute) -> bool:  # type: ignore[no-untyped-def]
    at = clock_now()
    with transaction(engine) as session:
        won = db_snapshots.claim(session, head.id, data_version, at, at - CLAIM_EXPIRES)
    if not won:
        return head.running_version is not None and head.running_version >= data_version
    worker = threading.Thread(
        target=_recalculate,
        args=(engine, head.id, challenge_id, kind, params, data_version, compute),
        name=f"recalculate-{kind}-{challenge_id}",
        daemon=True,
    )
    worker.start()
    return True


def _recalculate(engine, snapshot_id, challenge_id, kind, params, claimed, compute) -> None:  # type: ignore[no-untyped-def]
    try:
        value, version = _computed(engine, challenge_id, compute)
        _store(engine, challenge_id, kind, params, version, value)
    except Exception as error:
        log.exception("Recalculating the %s snapshot of challenge %s failed", kind, challenge_id)
        try:
            with transaction(engine) as session:
                db_snapshots.record_failure(
                    session, snapshot_id, claimed, f"{type(error).__name__} while recalculating"
                )
        except Exception:
            log.exception("Recording the failed recalculation failed too")


def stored_version(engine: Engine, *, challenge_id: int, kind: str, params: str) -> tuple:
    """(data version, failed version) of the stored snapshot, or (None, None): cheap, for a page
    waiting for a recalculation to finish."""
    with reading(engine) as session:
        head = db_snapshots.header(session, challenge_id, kind, params)
    return (None, None) if head is None else (head.data_version, head.failed_version)
