"""The Decisions page's scores as a stored snapshot (services.award_overview.awards_snapshot):
after a change the last good scores show with their age while the new ones are recalculated in
the background, a second process on the same database sees what one stored, a failed
recalculation keeps the last good scores and says so, and an award recorded on the page shows at
once even while the scores are stale."""

import json
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from organiser_world import NOW, make_world
from pages_support import Person, app, click_in_app
from sqlalchemy import update
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.db.models import Review
from civic_challenge.services import award_overview
from civic_challenge.services.award_overview import awards_snapshot, decisions_key
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.database import reading
from civic_challenge.services.sessions import start_session
from civic_challenge.services.snapshots import stored_version


@pytest.fixture
def world(engine, monkeypatch):
    monkeypatch.setenv("CIVIC_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CIVIC_NOW", NOW.isoformat())
    get_settings.cache_clear()
    with Session(engine, expire_on_commit=False) as session:
        made = make_world(session)
        token = start_session(session=session, user_id=made.organiser.id, now=NOW)
        session.commit()
    return made, Person(made.organiser.email, token, made.organiser.id)


def _found(engine, made):  # type: ignore[no-untyped-def]
    with reading(engine) as session:
        key = decisions_key(session=session, actor=made.organiser)
        return key, awards_snapshot(engine, session=session, actor=made.organiser, key=key)


def _raw(found, proposal_id: int) -> float:  # type: ignore[no-untyped-def]
    scores = found.value.scores
    return float(scores.loc[scores["proposal_id"] == proposal_id, "raw_score"].iloc[0])


def _first_rescored(engine, made, total: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Every review of the first proposal now totals `total` (its raw score was 81)."""
    with Session(engine) as session:
        session.exec(
            update(Review).where(Review.proposal_id == made.proposal_ids[0]).values(total=total)
        )
        rankings_changed(session, made.challenge_id)
        session.commit()


def wait_for_stored(engine, made, version: int, *, failed: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Wait (by the stored state, not by time) until the background run has stored `version`
    (or, with `failed`, recorded its failure)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        stored, failed_version = stored_version(
            engine, challenge_id=made.challenge_id, kind="awards", params=""
        )
        reached = failed_version if failed else stored
        if reached is not None and reached >= version:
            return
        time.sleep(0.05)
    pytest.fail(f"the background recalculation of version {version} never finished")


def test_a_change_shows_the_last_scores_while_recalculating_then_the_new_ones(engine, world):
    made, _person = world
    _key, first = _found(engine, made)
    assert first.current and _raw(first, made.proposal_ids[0]) == 81.0
    _first_rescored(engine, made)

    key, stale = _found(engine, made)
    assert not stale.current and stale.recalculating and stale.failure is None
    assert _raw(stale, made.proposal_ids[0]) == 81.0
    wait_for_stored(engine, made, key.data_version)

    _key, fresh = _found(engine, made)
    assert fresh.current and not fresh.recalculating
    assert _raw(fresh, made.proposal_ids[0]) == 10.0


SECOND_PROCESS = """
import json
import time

from civic_challenge.db.engine import make_engine
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import awards_snapshot, decisions_key
from civic_challenge.services.database import reading
from civic_challenge.services.snapshots import stored_version

engine = make_engine({url!r})
actor = UserView({organiser_id}, "", "", Role.ORGANISER, None)
with reading(engine) as session:
    key = decisions_key(session=session, actor=actor)
    first = awards_snapshot(engine, session=session, actor=actor, key=key)
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    stored, _failed = stored_version(
        engine, challenge_id=key.challenge_id, kind="awards", params=""
    )
    if stored is not None and stored >= key.data_version:
        break
    time.sleep(0.05)
with reading(engine) as session:
    found = awards_snapshot(engine, session=session, actor=actor, key=key)
scores = found.value.scores
raw = scores.loc[scores["proposal_id"] == {proposal_id}, "raw_score"].iloc[0]
print(json.dumps({{"first_current": first.current, "current": found.current, "raw": float(raw)}}))
engine.dispose()
"""


def test_a_second_process_recalculates_and_this_one_shows_it(engine, world, monkeypatch):
    made, _person = world
    _key, first = _found(engine, made)
    assert _raw(first, made.proposal_ids[0]) == 81.0
    _first_rescored(engine, made)

    script = SECOND_PROCESS.format(
        url=engine.url.render_as_string(hide_password=False),
        organiser_id=made.organiser.id,
        proposal_id=made.proposal_ids[0],
    )
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    other = json.loads(done.stdout.strip().splitlines()[-1])
    assert other == {"first_current": False, "current": True, "raw": 10.0}

    def not_here(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("recalculated here, not read from the other process's snapshot")

    monkeypatch.setattr(award_overview, "_award_scores", not_here)
    _key, here = _found(engine, made)
    assert here.current and not here.recalculating
    assert _raw(here, made.proposal_ids[0]) == 10.0


def test_a_failed_recalculation_keeps_the_last_good_scores_and_says_so(engine, world, monkeypatch):
    made, _person = world
    _found(engine, made)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the leniency model broke")

    monkeypatch.setattr(award_overview, "_award_scores", broken)
    _first_rescored(engine, made)
    key, stale = _found(engine, made)
    assert stale.recalculating
    wait_for_stored(engine, made, key.data_version, failed=True)

    _key, kept = _found(engine, made)
    assert not kept.current and not kept.recalculating
    assert _raw(kept, made.proposal_ids[0]) == 81.0
    assert kept.failure is not None and "recalculation failed" in kept.failure


def _notices(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.value for i in at.info] + [w.value for w in at.warning]


def _raw_shown(at, reference: str) -> float:  # type: ignore[no-untyped-def]
    table = next(d.value for d in at.dataframe if "Raw score" in d.value.columns)
    return float(table.loc[table["Reference"] == reference, "Raw score"].iloc[0])


def awarded_so_far(at) -> str:  # type: ignore[no-untyped-def]
    return next(m.value for m in at.metric if m.label == "Awarded so far")


def test_the_page_shows_the_last_scores_with_their_age_then_the_new_ones(engine, world):
    made, person = world
    at = app(person, "pages/decisions.py")
    assert not at.exception
    assert _raw_shown(at, made.references[0]) == 81.0
    assert not any("recalculating" in n for n in _notices(at))
    _first_rescored(engine, made)

    at.run()
    assert not at.exception
    assert any("Updated" in n and "recalculating the scores" in n for n in _notices(at))
    assert _raw_shown(at, made.references[0]) == 81.0
    with reading(engine) as session:
        version = decisions_key(session=session, actor=made.organiser).data_version
    wait_for_stored(engine, made, version)

    at.run()
    assert not at.exception
    assert not any("recalculating" in n for n in _notices(at))
    assert _raw_shown(at, made.references[0]) == 10.0


def test_a_failed_recalculation_is_said_on_the_page(engine, world, monkeypatch):
    made, person = world
    at = app(person, "pages/decisions.py")
    monkeypatch.setattr(award_overview, "_award_scores", lambda *a, **k: 1 / 0)
    _first_rescored(engine, made)
    at.run()
    with reading(engine) as session:
        version = decisions_key(session=session, actor=made.organiser).data_version
    wait_for_stored(engine, made, version, failed=True)
    at.run()
    assert not at.exception
    assert any("latest recalculation failed" in n for n in _notices(at))
    assert _raw_shown(at, made.references[0]) == 81.0


def test_an_award_recorded_on_the_page_shows_at_once_while_the_scores_are_stale(
    engine, world, monkeypatch
):
    made, person = world
    at = app(person, "pages/decisions.py")
    assert awarded_so_far(at) == "£0"
    release = threading.Event()
    real = award_overview._award_scores

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(120)
        return real(*args, **kwargs)

    monkeypatch.setattr(award_overview, "_award_scores", held)
    try:
        _first_rescored(engine, made)
        at.run()
        assert any("recalculating the scores" in n for n in _notices(at))

        proposal = next(s for s in at.selectbox if s.label == "Shortlisted proposal")
        proposal.set_value(made.proposal_ids[1])
        next(n for n in at.number_input if n.label.startswith("Amount")).set_value(7_000)
        at = click_in_app(at, "Record decision")
        assert not at.exception
        if awarded_so_far(at) != "£7,000":  # the page reruns itself once after recording
            at.run()
        assert awarded_so_far(at) == "£7,000"
        table = next(d.value for d in at.dataframe if "Raw score" in d.value.columns)
        decided = table.loc[table["Reference"] == made.references[1], "Decision"].iloc[0]
        assert decided == "Award £7,000 (pending)"
        assert any("recalculating the scores" in n for n in _notices(at))
        assert _raw_shown(at, made.references[0]) == 81.0  # the scores are still the old ones
    finally:
        release.set()
    with reading(engine) as session:
        version = decisions_key(session=session, actor=made.organiser).data_version
    wait_for_stored(engine, made, version)
