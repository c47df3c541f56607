"""Dashboard benchmark: the organisers' dashboard at 100k proposals, cold first load and warm
rerun through AppTest, beside an empty page's rerun (the floor).

Run: .venv/bin/python bench/dashboard.py [--sizes 10000 100000] [--reruns 20]

The data is bench/ranking.py's (N proposals, 5 submitted reviews each by random judges, 5
criteria), plus what the dashboard reads and the ranking does not: three themes with targets,
seven statements, a primary theme per proposal, one or two pilot boroughs each, submission
times spread over the call, published assignments, and 1% of proposals shortlisted. Each size
runs in a fresh process. Target: warm rerun <= 50 ms at 100k.
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ranking import NOW, REVIEWS, build

ROOT = Path(__file__).resolve().parents[1]
THEMES = [("climate", "Climate change", 0.4, 0.375), ("ageing", "Ageing population", 0.25, 0.25),
          ("inequality", "Inequality", 0.35, 0.375)]  # fmt: skip
STATEMENTS = [("travel", 1), ("vehicles", 1), ("housing", 1), ("dementia", 2),
              ("loneliness", 3), ("activity", 3), ("finance", 3)]  # fmt: skip


def add_dashboard_data(path: Path, proposals: int, seed: int = 2018) -> None:
    rng = np.random.default_rng(seed)
    db = sqlite3.connect(path)
    db.executemany(
        "INSERT INTO theme (id, challenge_id, key, name, description, target_budget_share,"
        " target_award_share, colour, position, version) VALUES (?, 1, ?, ?, '', ?, ?, ?, ?, 1)",
        [
            (i + 1, key, name, budget, awards, colour, i)
            for i, ((key, name, budget, awards), colour) in enumerate(
                zip(THEMES, ["#009E73", "#E69F00", "#0072B2"], strict=True)
            )
        ],
    )
    db.executemany(
        "INSERT INTO challenge_statement (id, challenge_id, theme_id, key, title, description,"
        " partner, position, version) VALUES (?, 1, ?, ?, ?, '', '', ?, 1)",
        [(i + 1, theme, key, key.capitalize(), i) for i, (key, theme) in enumerate(STATEMENTS)],
    )
    statement = rng.integers(0, len(STATEMENTS), proposals)
    theme = np.array([STATEMENTS[s][1] for s in statement])
    opens = NOW - timedelta(days=90)
    offsets = np.sort(rng.beta(3, 1, proposals)) * 60 * 86400
    db.executemany(
        "UPDATE proposal SET statement_id = ?, amount_requested_pence = ?, submitted_at = ?"
        " WHERE id = ?",
        (
            (
                int(statement[p]) + 1,
                int(rng.integers(5, 16)) * 1000_00,
                (opens + timedelta(seconds=float(offsets[p]))).isoformat(sep=" "),
                p + 1,
            )
            for p in range(proposals)
        ),
    )
    db.executemany(
        "INSERT INTO proposal_theme (proposal_id, theme_id, is_primary) VALUES (?, ?, 1)",
        ((p + 1, int(theme[p])) for p in range(proposals)),
    )
    boroughs = [f"E090000{n:02d}" for n in range(1, 34)]
    db.executemany(
        "INSERT INTO proposal_borough (proposal_id, borough_code) VALUES (?, ?)",
        (
            (p + 1, code)
            for p in range(proposals)
            for code in rng.choice(boroughs, int(rng.integers(1, 3)), replace=False)
        ),
    )
    db.execute(
        "INSERT INTO assignment (judge_id, proposal_id, state, abstain_reason, published,"
        " created_at, version) SELECT judge_id, proposal_id, 'submitted', '', 1, created_at, 1"
        " FROM review"
    )
    db.execute(
        "INSERT INTO app_user (email, name, role, is_active, is_demo, failed_sign_ins,"
        " created_at, version) VALUES ('deciders@bench.test', 'Decider', 'organiser', 1, 0, 0,"
        " ?, 1)",
        (NOW.isoformat(sep=" "),),
    )
    decider = db.execute("SELECT max(id) FROM app_user").fetchone()[0]
    db.executemany(
        "INSERT INTO decision (proposal_id, stage, outcome, rationale, decided_by_id,"
        " decided_at, version) VALUES (?, 'shortlist', 'yes', '', ?, ?, 1)",
        ((int(p), decider, NOW.isoformat(sep=" ")) for p in range(1, proposals + 1, 100)),
    )
    db.commit()
    db.close()


def dashboard_reruns(path: Path, reruns: int) -> dict:
    os.environ["CIVIC_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["CIVIC_NOW"] = NOW.isoformat()
    from sqlmodel import Session
    from streamlit.testing.v1 import AppTest

    from civic_challenge.db.engine import make_engine
    from civic_challenge.domain.terms import Role
    from civic_challenge.services.accounts import create_user
    from civic_challenge.services.sessions import start_session

    engine = make_engine(os.environ["CIVIC_DATABASE_URL"])
    with Session(engine, expire_on_commit=False) as session:
        password = "bench organiser password"  # noqa: S105 (a throwaway bench account)
        user = create_user(
            session=session,
            email=f"organiser{time.time_ns()}@bench.test",
            name="Bench Organiser",
            password=password,
            repeat=password,
            role=Role.ORGANISER,
        )
        token = start_session(session=session, user_id=user.id, now=NOW)
        session.commit()
    empty = AppTest.from_string("import streamlit as st\nst.title('Empty')")
    empty.run()
    floor = _timed(empty, reruns)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    at.session_state["civic_token"] = token
    at.run()
    at.switch_page("pages/dashboard.py")
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    assert not at.exception, at.exception
    assert at.metric, "the dashboard drew no headline figures"
    warm = _timed(at, reruns)
    at.multiselect(key="dash_themes").set_value(["ageing"])
    start = time.perf_counter()
    at.run()
    filtered = time.perf_counter() - start
    return {"cold": cold, "warm": warm, "filtered_cold": filtered, "empty": floor}


def _timed(at, reruns: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--judges", type=int, default=1000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(dashboard_reruns(Path(args.child[0]), int(args.child[1]))))
        return
    print("| proposals | reviews | build (s) | cold first load (s) | warm rerun (ms) |"
          " new filter (s) | empty page (ms) |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            start = time.perf_counter()
            build(path, size, args.judges)
            add_dashboard_data(path, size)
            built = time.perf_counter() - start
            out = subprocess.run(  # noqa: S603 (this script, with our own arguments)
                [sys.executable, __file__, "--child", str(path), str(args.reruns)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"| {size:,} | {size * REVIEWS:,} | {built:.1f} | {result['cold']:.2f} |"
                f" {result['warm'] * 1000:.0f} | {result['filtered_cold']:.2f} |"
                f" {result['empty'] * 1000:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
