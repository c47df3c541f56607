"""Stored snapshots of the ranking (services.snapshots through services.results): current on the
stored data version, recalculated in the background after a change, shared by two processes on
one database, and kept (with the reason) when a recalculation fails."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ranking_world import make_ranking_world
from sqlalchemy import update
from sqlmodel import Session

from civic_challenge.db.models import Review
from civic_challenge.services import results as results_service
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.database import reading
from civic_challenge.services.results import ranking_params, ranking_snapshot, results_state
from civic_challenge.services.snapshots import age_words, stored_version

CONTROLS = {"method": "none", "aggregation": "mean", "k": 1, "rows": 100, "resamples": 50}
PARAMS = ranking_params("none", "mean", 1, 100, 50, 0)
WORKER = Path(__file__).resolve().parent / "snapshot_worker.py"


@pytest.fixture
def world(engine):
    with Session(engine) as session:
        made = make_ranking_world(session, [[80, 60, 70], [70, 50, 60], [60, 50, 40]])
        session.commit()
    return made


def _state(engine, world):
    with reading(engine) as session:
        return results_state(session=session, actor=world.organiser)


def _found(engine, world):
    state = _state(engine, world)
    with reading(engine) as session:
        found = ranking_snapshot(
            engine, session=session, actor=world.organiser, state=state, **CONTROLS
        )
    return state, found


def _top(found) -> str:
    return str(found.value.ranking.table["reference"].iloc[0])


def _third_goes_top(engine, world) -> None:
    with Session(engine) as session:
        session.exec(
            update(Review).where(Review.proposal_id == world.proposals[2]).values(total=100.0)
        )
        rankings_changed(session, world.challenge_id)
        session.commit()


def wait_for_stored(engine, world, version: int, *, failed: bool = False) -> None:
    """Wait (by the stored state, not by time) until the background run has stored `version`
    (or, with `failed`, recorded its failure)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        stored, failed_version = stored_version(
            engine, challenge_id=world.challenge_id, kind="results", params=PARAMS
        )
        reached = failed_version if failed else stored
        if reached is not None and reached >= version:
            return
        time.sleep(0.05)
    pytest.fail(f"the background recalculation of version {version} never finished")


def test_a_change_shows_the_last_snapshot_while_recalculating_then_the_new_one(engine, world):
    state, first = _found(engine, world)
    assert first.current and _top(first) == world.references[0]

    _third_goes_top(engine, world)
    state, stale = _found(engine, world)
    assert not stale.current and stale.recalculating and stale.failure is None
    assert stale.data_version < state.data_version
    assert _top(stale) == world.references[0]  # the last good one, at once

    wait_for_stored(engine, world, state.data_version)
    _state_again, fresh = _found(engine, world)
    assert fresh.current and fresh.data_version == state.data_version
    assert _top(fresh) == world.references[2]


def test_an_unchanged_version_reuses_the_snapshot_without_recalculating(engine, world, monkeypatch):
    _found(engine, world)
    calls = []
    real = results_service.ranking
    monkeypatch.setattr(results_service, "ranking", lambda **kw: calls.append(1) or real(**kw))
    _state, again = _found(engine, world)
    assert again.current and not again.recalculating and calls == []


def test_a_second_process_on_the_same_database_recalculates_and_this_one_shows_it(engine, world):
    _state, first = _found(engine, world)  # this process now holds version 1 in memory
    assert _top(first) == world.references[0]
    _third_goes_top(engine, world)

    url = engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, str(WORKER), url, str(world.organiser.id)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    other = json.loads(done.stdout.strip().splitlines()[-1])
    assert other["first_current"] is False and other["current"] is True
    assert other["top"] == world.references[2]

    state, here = _found(engine, world)
    assert here.current and not here.recalculating  # nothing left to recalculate here
    assert here.data_version == state.data_version == other["version"]
    assert _top(here) == world.references[2]


def test_a_failed_recalculation_keeps_the_last_good_snapshot_and_says_so(
    engine, world, monkeypatch
):
    _found(engine, world)

    def broken(*args, **kwargs):
        raise RuntimeError("the resampling broke")

    monkeypatch.setattr(results_service, "rank_uncertainty", broken)
    _third_goes_top(engine, world)
    state, stale = _found(engine, world)
    assert stale.recalculating
    wait_for_stored(engine, world, state.data_version, failed=True)

    _state, kept = _found(engine, world)
    assert not kept.current and not kept.recalculating  # not retried until the next change
    assert _top(kept) == world.references[0]
    assert kept.failure is not None and "recalculation failed" in kept.failure
    assert "before the latest changes" in kept.failure

    monkeypatch.undo()
    with Session(engine) as session:
        rankings_changed(session, world.challenge_id)
        session.commit()
    state, retried = _found(engine, world)
    assert retried.recalculating and retried.failure is None
    wait_for_stored(engine, world, state.data_version)
    _state, fresh = _found(engine, world)
    assert fresh.current and fresh.failure is None and _top(fresh) == world.references[2]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 s"), (20, "20 s"), (89, "89 s"), (90, "1 min"), (3600, "60 min"), (7200, "2 h 0 min")],
)
def test_ages_are_said_in_words(seconds, words):
    from datetime import UTC, datetime, timedelta

    then = datetime(2026, 5, 1, tzinfo=UTC)
    assert age_words(then, then + timedelta(seconds=seconds)) == words
