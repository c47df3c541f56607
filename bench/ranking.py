"""Ranking benchmark: cold full ranking by our code beside SQLModel objects and DuckDB, the
warm results-page rerun beside an empty page's, the intervals, and peak memory.

Run: .venv/bin/python bench/ranking.py [--sizes 10000 100000] [--runs 3] [--judges 1000]

Each database is a SQLite file under a temporary folder: N proposals, 5 reviews each by distinct
random judges (each judge with a leniency offset), 5 criteria scored 1-5. Each timed ranking runs
in a fresh process, so it is cold (nothing cached) and its peak memory is its own; the figure is
the median of the runs. The ranking computed by all three is the same: review totals z-scored per
judge, each proposal's mean, ranked. DuckDB's column is skipped, with a note, when duckdb (with
the `duckdb-ext-sqlite` wheel) is not importable.
"""

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2018, 9, 1, 9, tzinfo=UTC)
CRITERIA = 5
REVIEWS = 5


def build(path: Path, proposals: int, judges: int, seed: int = 2018) -> None:
    """Migrate a fresh SQLite file and bulk-insert the challenge with executemany."""
    from civic_challenge.services.database import open_database

    open_database(f"sqlite:///{path}").dispose()
    rng = np.random.default_rng(seed)
    db = sqlite3.connect(path)
    stamp = NOW.isoformat(sep=" ")
    db.execute(
        "INSERT INTO challenge (id, slug, name, description, year, phase, opens_at, closes_at,"
        " judging_closes_at, budget_pence, max_award_pence, max_employees, max_turnover_pence,"
        " london_only, max_proposals_per_statement, reviews_per_proposal, judge_load_cap,"
        " blind_review, score_visibility, aggregation, normalisation, disagreement_threshold,"
        " consent_text, data_version, version) VALUES (1, 'bench', 'Bench', '', 2018, 'judging',"
        " ?, ?, ?, 25000000, 1500000, 249, 5000000000, 1, 1, 5, 100000, 1, 'after_own', 'mean',"
        " 'zscore', 20.0, '', 1, 1)",
        (
            (NOW - timedelta(days=90)).isoformat(sep=" "),
            (NOW - timedelta(days=30)).isoformat(sep=" "),
            (NOW + timedelta(days=30)).isoformat(sep=" "),
        ),
    )
    db.executemany(
        "INSERT INTO criterion (id, challenge_id, key, name, guidance, weight, scale_min,"
        " scale_max, descriptors, counts_toward_total, position, version)"
        " VALUES (?, 1, ?, ?, '', 1.0, 1, 5, '[]', 1, ?, 1)",
        [(c + 1, f"c{c + 1}", f"Criterion {c + 1}", c) for c in range(CRITERIA)],
    )
    db.executemany(
        "INSERT INTO organisation (id, name, website, created_at, version) VALUES (?, ?, '', ?, 1)",
        [(o + 1, f"Firm {o + 1}", stamp) for o in range(1000)],
    )
    db.executemany(
        "INSERT INTO app_user (id, email, name, role, is_active, is_demo, failed_sign_ins,"
        " created_at, version) VALUES (?, ?, ?, 'judge', 1, 0, 0, ?, 1)",
        [(j + 1, f"judge{j + 1}@bench.test", f"Judge {j + 1}", stamp) for j in range(judges)],
    )
    db.executemany(
        "INSERT INTO proposal (id, reference, challenge_id, organisation_id, title, summary,"
        " problem, solution, impact, milestones, consent, status, created_at, updated_at,"
        " screening_reason, version) VALUES (?, ?, 1, ?, ?, '', '', '', '', '', 1, 'eligible',"
        " ?, ?, '', 1)",
        [
            (p + 1, f"B-{p + 1:06d}", p % 1000 + 1, f"Proposal {p + 1}", stamp, stamp)
            for p in range(proposals)
        ],
    )
    quality = rng.normal(3.0, 0.7, proposals)
    leniency = rng.normal(0.0, 0.4, judges)
    judge_of = _distinct_judges(rng, proposals, judges)
    latent = quality[:, None] + leniency[judge_of]
    scores = np.clip(
        np.rint(latent[:, :, None] + rng.normal(0, 0.6, (proposals, REVIEWS, CRITERIA))), 1, 5
    ).astype(int)
    totals = ((scores - 1) / 4 * 100).mean(axis=2).round(6)
    review_ids = np.arange(1, proposals * REVIEWS + 1).reshape(proposals, REVIEWS)
    db.executemany(
        "INSERT INTO review (id, judge_id, proposal_id, state, comment_for_applicant,"
        " note_for_panel, total, created_at, updated_at, submitted_at, version)"
        " VALUES (?, ?, ?, 'submitted', '', '', ?, ?, ?, ?, 1)",
        (
            (
                int(review_ids[p, r]),
                int(judge_of[p, r]) + 1,
                p + 1,
                float(totals[p, r]),
                stamp,
                stamp,
                stamp,
            )
            for p in range(proposals)
            for r in range(REVIEWS)
        ),
    )
    db.executemany(
        "INSERT INTO review_score (review_id, criterion_id, scale_min, scale_max, score)"
        " VALUES (?, ?, 1, 5, ?)",
        (
            (int(review_ids[p, r]), c + 1, int(scores[p, r, c]))
            for p in range(proposals)
            for r in range(REVIEWS)
            for c in range(CRITERIA)
        ),
    )
    db.commit()
    db.close()


def _distinct_judges(rng, proposals: int, judges: int) -> np.ndarray:
    """REVIEWS distinct judges per proposal, drawn with rejection (cheap when judges >> 5)."""
    picks = rng.integers(0, judges, (proposals, REVIEWS))
    while True:
        ordered = np.sort(picks, axis=1)
        clash = (np.diff(ordered, axis=1) == 0).any(axis=1)
        if not clash.any():
            return picks
        picks[clash] = rng.integers(0, judges, (int(clash.sum()), REVIEWS))


# ---- the three ways to rank, each run in a fresh process by `measure` ----


def rank_ours(path: Path, method: str = "zscore"):  # type: ignore[no-untyped-def]
    from sqlmodel import Session

    from civic_challenge.db import rankings
    from civic_challenge.db.engine import make_engine
    from civic_challenge.domain.aggregation import score_proposals
    from civic_challenge.domain.leniency import adjust_for_leniency

    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        reviews = rankings.submitted_reviews(session, 1)
    adjusted = adjust_for_leniency(reviews, method).reviews
    return score_proposals(adjusted, column="adjusted")


def rank_orm(path: Path):  # type: ignore[no-untyped-def]
    import pandas as pd
    from sqlmodel import Session, select

    from civic_challenge.db.engine import make_engine
    from civic_challenge.db.models import Proposal, Review
    from civic_challenge.domain.aggregation import score_proposals
    from civic_challenge.domain.leniency import adjust_for_leniency

    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        rows = session.exec(
            select(Review)
            .join(Proposal, Proposal.id == Review.proposal_id)
            .where(Proposal.challenge_id == 1, Review.state == "submitted")
        ).all()
        reviews = pd.DataFrame(
            {
                "proposal_id": [r.proposal_id for r in rows],
                "judge_id": [r.judge_id for r in rows],
                "total": [r.total for r in rows],
            }
        )
    adjusted = adjust_for_leniency(reviews, "zscore").reviews
    return score_proposals(adjusted, column="adjusted")


DUCKDB_RANKING = """
WITH r AS (
  SELECT rv.proposal_id, rv.judge_id, rv.total FROM db.review rv
  JOIN db.proposal p ON p.id = rv.proposal_id
  WHERE p.challenge_id = 1 AND rv.state = 'submitted' AND rv.total IS NOT NULL),
z AS (
  SELECT proposal_id, avg(total) OVER () + stddev_pop(total) OVER () * coalesce(
    (total - avg(total) OVER j) / nullif(stddev_pop(total) OVER j, 0), 0) AS adjusted
  FROM r WINDOW j AS (PARTITION BY judge_id)),
s AS (SELECT proposal_id, avg(adjusted) AS score, count(*) AS n FROM z GROUP BY proposal_id)
SELECT proposal_id, score, n, rank() OVER (ORDER BY round(score, 9) DESC) AS rank FROM s
"""


def duckdb_available() -> str | None:
    """None when DuckDB can scan SQLite here, else why not."""
    try:
        _duckdb_connection()
    except Exception as error:  # any failure means: skip the column
        return f"{type(error).__name__}: {error}".splitlines()[0]
    return None


def _duckdb_connection():  # type: ignore[no-untyped-def]
    import duckdb
    import duckdb_ext  # the `duckdb-ext-sqlite` wheel: the scanner, so nothing is downloaded

    connection = duckdb.connect()
    folder = Path(duckdb_ext.__path__[0]) / "extensions"
    found = next(folder.rglob("sqlite_scanner.duckdb_extension"))
    connection.execute(f"LOAD '{found}'")
    return connection


def rank_duckdb(path: Path):  # type: ignore[no-untyped-def]
    connection = _duckdb_connection()
    connection.execute(f"ATTACH '{path}' AS db (TYPE sqlite, READ_ONLY)")
    return connection.execute(DUCKDB_RANKING).df()


def measure(kind: str, path: Path) -> dict:
    """Time one cold ranking in this (fresh) process; peak RSS above the baseline after imports."""
    runner = {
        "ours": rank_ours,
        "ours_additive": lambda p: rank_ours(p, "additive"),
        "orm": rank_orm,
        "duckdb": rank_duckdb,
    }[kind]
    import pandas  # noqa: F401  (imports are not what is timed)
    import scipy.sparse  # noqa: F401
    import sqlmodel  # noqa: F401

    import civic_challenge.db.models
    import civic_challenge.domain.leniency  # noqa: F401

    if kind == "duckdb":
        import duckdb  # noqa: F401
    base = _rss_mb()
    start = time.perf_counter()
    result = runner(path)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "added_mb": _peak_mb() - base,
        "rows": len(result),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cold(kind: str, path: Path, runs: int) -> dict:
    found = []
    for _ in range(runs):
        out = subprocess.run(  # noqa: S603 (this script, by its own path)
            [sys.executable, __file__, "--measure", kind, "--db", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        found.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        key: statistics.median(f[key] for f in found) for key in ("seconds", "peak_mb", "added_mb")
    }


# ---- the page, warm, through AppTest (in a fresh process per size) ----


def page_reruns(path: Path, reruns: int) -> dict:
    os.environ["CIVIC_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["CIVIC_NOW"] = NOW.isoformat()
    os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    from sqlmodel import Session
    from streamlit.testing.v1 import AppTest

    from civic_challenge.db.engine import make_engine
    from civic_challenge.domain.terms import Role
    from civic_challenge.services.accounts import create_user
    from civic_challenge.services.sessions import start_session

    engine = make_engine(os.environ["CIVIC_DATABASE_URL"])
    with Session(engine, expire_on_commit=False) as session:
        password = "bench organiser password"  # noqa: S105 (a throwaway bench account)
        email = f"organiser{time.time_ns()}@bench.test"
        user = create_user(
            session=session,
            email=email,
            name="Bench Organiser",
            password=password,
            repeat=password,
            role=Role.ORGANISER,
        )
        token = start_session(session=session, user_id=user.id, now=NOW)
        session.commit()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state["civic_token"] = token
    at.run()
    at.switch_page("pages/results.py")
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    warm = _timed_reruns(at, reruns)
    empty = AppTest.from_string("import streamlit as st\nst.title('Empty')")
    empty.run()
    return {
        "cold_page": first,
        "warm": warm,
        "empty": _timed_reruns(empty, reruns),
        "peak_mb": _peak_mb(),
    }


def _timed_reruns(at, reruns: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interval_seconds(path: Path, runs: int) -> float:
    from sqlmodel import Session

    from civic_challenge.db import rankings
    from civic_challenge.db.engine import make_engine
    from civic_challenge.domain.uncertainty import rank_uncertainty

    with Session(make_engine(f"sqlite:///{path}")) as session:
        reviews = rankings.submitted_reviews(session, 1)
    times = []
    for seed in range(runs):
        start = time.perf_counter()
        rank_uncertainty(reviews, k=50, draws=1000, seed=seed)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--judges", type=int, default=1000)
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--page", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.db)))
        return
    if args.page:
        print(json.dumps(page_reruns(args.db, args.reruns)))
        return
    duckdb_missing = duckdb_available()
    rows = []
    with tempfile.TemporaryDirectory(prefix="civic-bench-") as folder:
        for size in args.sizes:
            path = Path(folder) / f"ranking-{size}.db"
            start = time.perf_counter()
            build(path, size, args.judges)
            built = time.perf_counter() - start
            print(
                f"built {size:,} proposals ({size * REVIEWS:,} reviews, "
                f"{size * REVIEWS * CRITERIA:,} scores) in {built:.1f} s",
                file=sys.stderr,
            )
            kinds = ["ours", "ours_additive", "orm"] + ([] if duckdb_missing else ["duckdb"])
            timings = {kind: cold(kind, path, args.runs) for kind in kinds}
            page = json.loads(
                subprocess.run(  # noqa: S603 (this script, by its own path)
                    [
                        sys.executable,
                        __file__,
                        "--page",
                        "--db",
                        str(path),
                        "--reruns",
                        str(args.reruns),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            boot = interval_seconds(path, args.runs) if size <= 10_000 else None
            rows.append((size, timings, page, boot))
    _print(rows, args, duckdb_missing)


HEADER = [
    "proposals", "ours, z-score (s)", "ours, additive (s)", "SQLModel objects (s)", "DuckDB (s)",
    "ours / DuckDB", "peak MB ours (+ over imports)", "peak MB objects (+)",
    "page first run (s)", "warm page rerun (ms)", "empty page rerun (ms)", "intervals (s)",
]  # fmt: skip


def _print(rows, args, duckdb_missing) -> None:  # type: ignore[no-untyped-def]
    print(
        f"\nMedians of {args.runs} cold runs (fresh process each), {args.judges:,} judges; "
        f"warm page: median of {args.reruns} AppTest reruns.\n"
    )
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for size, t, page, boot in rows:
        duck = t.get("duckdb")
        cells = [
            f"{size:,}",
            f"{t['ours']['seconds']:.2f}",
            f"{t['ours_additive']['seconds']:.2f}",
            f"{t['orm']['seconds']:.2f}",
            f"{duck['seconds']:.2f}" if duck else "skipped",
            f"{t['ours']['seconds'] / duck['seconds']:.1f}x" if duck else "n/a",
            f"{t['ours']['peak_mb']:.0f} (+{t['ours']['added_mb']:.0f})",
            f"{t['orm']['peak_mb']:.0f} (+{t['orm']['added_mb']:.0f})",
            f"{page['cold_page']:.1f}",
            f"{page['warm'] * 1000:.0f}",
            f"{page['empty'] * 1000:.0f}",
            f"{boot:.2f}" if boot is not None else "-",
        ]
        print("| " + " | ".join(cells) + " |")
    if duckdb_missing:
        print(
            f"\nDuckDB column skipped: {duckdb_missing}. "
            "Install it with: pip install duckdb-ext-sqlite"
        )
    print(
        "\nTargets: cold ranking at 100k within 3x of DuckDB; warm page rerun <= 50 ms at both "
        "sizes; peak memory under 500 MB at 100k."
    )


if __name__ == "__main__":
    main()
