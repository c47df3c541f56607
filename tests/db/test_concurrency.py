"""Concurrent writers lose no update, on SQLite and on PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor

from factories import make_challenge
from sqlmodel import Session

from civic_challenge.db.engine import session_scope
from civic_challenge.db.models import Challenge
from civic_challenge.db.queries import bump_challenge_version

THREADS = 20
INCREMENTS = 10


def _create_challenge(engine) -> int:
    with session_scope(engine) as session:
        return make_challenge(session).id


def test_atomic_increments_from_many_threads_lose_nothing(engine):
    challenge_id = _create_challenge(engine)

    def bump_repeatedly(_: int) -> list[int]:
        versions = []
        for _ in range(INCREMENTS):
            with session_scope(engine) as session:
                versions.append(bump_challenge_version(session, challenge_id))
        return versions

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        seen = [v for versions in pool.map(bump_repeatedly, range(THREADS)) for v in versions]

    with Session(engine) as session:
        assert session.get(Challenge, challenge_id).version == 1 + THREADS * INCREMENTS
    assert sorted(seen) == list(range(2, 2 + THREADS * INCREMENTS))
