"""Run as a second app process on the same database: ask for the results snapshot, wait for a
recalculation it starts, and print what it then shows (JSON on stdout).

Usage: python snapshot_worker.py DATABASE_URL ORGANISER_ID
"""

import json
import sys
import time

from civic_challenge.db.engine import make_engine
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.database import reading
from civic_challenge.services.results import ranking_params, ranking_snapshot, results_state
from civic_challenge.services.snapshots import stored_version

CONTROLS = {"method": "none", "aggregation": "mean", "k": 1, "rows": 100, "resamples": 50}


def main() -> None:
    url, organiser_id = sys.argv[1], int(sys.argv[2])
    engine = make_engine(url)
    actor = UserView(organiser_id, "olu@example.org", "Olu", Role.ORGANISER, None)
    with reading(engine) as session:
        state = results_state(session=session, actor=actor)
    with reading(engine) as session:
        first = ranking_snapshot(engine, session=session, actor=actor, state=state, **CONTROLS)
    params = ranking_params(
        CONTROLS["method"], CONTROLS["aggregation"], 1, 100, CONTROLS["resamples"], 0
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        stored, _failed = stored_version(
            engine, challenge_id=state.challenge_id, kind="results", params=params
        )
        if stored is not None and stored >= state.data_version:
            break
        time.sleep(0.1)
    with reading(engine) as session:
        then = ranking_snapshot(engine, session=session, actor=actor, state=state, **CONTROLS)
    print(
        json.dumps(
            {
                "first_current": first.current,
                "current": then.current,
                "version": then.data_version,
                "top": str(then.value.ranking.table["reference"].iloc[0]),
            }
        )
    )
    engine.dispose()


if __name__ == "__main__":
    main()
