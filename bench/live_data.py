"""The data bench/live.py measures on, and the people it signs in.

Demo: the London demo challenge (services.demo_setup), mid-judging relative to today. 10k and
100k: bench/ranking.py's and bench/dashboard.py's data (N proposals, 5 submitted reviews each,
themes, statements, boroughs, published assignments, 1% shortlisted), its dates moved so that
judging is open today, and the first judges' conflict declarations confirmed. With a PostgreSQL
URL the SQLite data is copied there (its schema is dropped first: give a database of its own).

People are signed in through the services (sessions.start_session): each gets a token, sent as
the `civic_session` cookie exactly as the browser sends it.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlmodel import SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard import add_dashboard_data
from ranking import NOW, build

from civic_challenge.db import judging as db_judging
from civic_challenge.db.accounts import find_user_by_email
from civic_challenge.db.engine import make_engine
from civic_challenge.db.migrate import migrate_to_head
from civic_challenge.db.models import Assignment, Challenge, ConflictDeclaration, Proposal
from civic_challenge.ui.cookies import COOKIE_NAME

COPY_CHUNK = 20_000
BENCH_JUDGES = 1000
SIGNED_JUDGES = 50  # bench data: judges whose declarations are confirmed, one tab each at most


@dataclass(frozen=True)
class Person:
    user_id: int
    cookie: str  # the Cookie header a browser sends once this person signed in
    query: str = ""  # the query string of "their" page (e.g. the proposal a judge scores)


@dataclass(frozen=True)
class Prepared:
    database_url: str
    challenge_id: int
    organisers: tuple[Person, ...]
    judges: tuple[Person, ...]
    applicants: tuple[Person, ...]


def prepare(size: str, folder: Path, postgres_url: str | None) -> Prepared:
    """A database of `size` ("demo" or a number of proposals), and signed-in people on it."""
    sqlite_url = f"sqlite:///{folder / 'live.db'}"
    if size == "demo":
        url = postgres_url or sqlite_url
        if postgres_url:
            _empty_postgres(postgres_url)
        _seed_demo(url)
    else:
        path = folder / "live.db"
        build(path, int(size), BENCH_JUDGES)
        add_dashboard_data(path, int(size))
        _open_judging_today(path)
        url = sqlite_url
        if postgres_url:
            _empty_postgres(postgres_url)
            _copy(sqlite_url, postgres_url)
            url = postgres_url
    return _sign_in_people(url, size)


def _seed_demo(url: str) -> None:
    from civic_challenge.services.database import open_database
    from civic_challenge.services.demo_setup import ensure_demo_challenge

    engine = open_database(url)
    try:
        ensure_demo_challenge(engine=engine, now=datetime.now(UTC))
    finally:
        engine.dispose()


def _open_judging_today(path: Path) -> None:
    """ranking.py dates its challenge around 2018; move every date by the same amount."""
    shift = (datetime.now(UTC) - NOW).days
    db = sqlite3.connect(path)
    db.execute(
        "UPDATE challenge SET opens_at = datetime(opens_at, ?), closes_at = datetime(closes_at,"
        " ?), judging_closes_at = datetime(judging_closes_at, ?)",
        (f"+{shift} days",) * 3,
    )
    db.execute("UPDATE proposal SET submitted_at = datetime(submitted_at, ?)", (f"+{shift} days",))
    db.commit()
    db.close()


def _empty_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _copy(source_url: str, target_url: str) -> None:
    """Every table's rows, in foreign-key order, then each id sequence past the largest id."""
    source, target = make_engine(source_url), make_engine(target_url)
    migrate_to_head(target)
    try:
        with source.connect() as reader, target.begin() as writer:
            for table in SQLModel.metadata.sorted_tables:
                rows = reader.execute(select(table)).mappings()
                while chunk := rows.fetchmany(COPY_CHUNK):
                    writer.execute(insert(table), [dict(row) for row in chunk])
                if "id" in table.c and table.c.id.autoincrement:
                    top = writer.execute(select(func.max(table.c.id))).scalar()
                    if top:
                        writer.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :n)"
                            ),
                            {"n": top},
                        )
    finally:
        source.dispose()
        target.dispose()


def _sign_in_people(url: str, size: str) -> Prepared:
    from sqlmodel import Session

    from civic_challenge.services.sessions import start_session

    now = datetime.now(UTC)
    engine = make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            challenge_id = session.execute(select(Challenge.id)).scalars().first()

            def person(user_id: int, query: str = "") -> Person:
                token = start_session(session=session, user_id=user_id, now=now)
                return Person(user_id, f"{COOKIE_NAME}={token}", query)

            if size == "demo":
                from civic_challenge.domain.demo import (
                    APPLICANT_EMAIL,
                    JUDGE_EMAILS,
                    ORGANISER_EMAIL,
                )

                organiser_ids = [find_user_by_email(session, ORGANISER_EMAIL).id]
                judge_ids = [find_user_by_email(session, email).id for email in JUDGE_EMAILS]
                applicant = find_user_by_email(session, APPLICANT_EMAIL)
                mine = session.execute(
                    select(Proposal.id).where(Proposal.created_by_id == applicant.id)
                ).scalars()
                applicants = (person(applicant.id, f"proposal={next(iter(mine), '')}"),)
            else:
                organiser_ids = [find_user_by_email(session, "deciders@bench.test").id]
                judge_ids = list(range(1, SIGNED_JUDGES + 1))
                for judge_id in judge_ids:
                    if not db_judging.declaration_confirmed(session, judge_id, challenge_id):
                        session.add(
                            ConflictDeclaration(
                                judge_id=judge_id, challenge_id=challenge_id, confirmed_at=now
                            )
                        )
                applicants = ()
            judges = tuple(
                person(judge_id, f"proposal={proposal}")
                for judge_id in judge_ids
                if (proposal := _scorable(session, judge_id, challenge_id)) is not None
            )
            organisers = tuple(person(user_id) for user_id in organiser_ids)
            session.commit()
    finally:
        engine.dispose()
    return Prepared(url, challenge_id, organisers, judges, applicants)


def _scorable(session, judge_id: int, challenge_id: int) -> int | None:  # type: ignore[no-untyped-def]
    """A proposal published to this judge, who has confirmed their declaration (else None)."""
    if not db_judging.declaration_confirmed(session, judge_id, challenge_id):
        return None
    query = (
        select(Assignment.proposal_id)
        .where(Assignment.judge_id == judge_id, Assignment.published.is_(True))
        .order_by(Assignment.state != "pending", Assignment.id)
        .limit(1)
    )
    return session.execute(query).scalars().first()


def bump_data_version(url: str, challenge_id: int) -> int:
    """What a submitted review does to the caches: the challenge's data version goes up."""
    from civic_challenge.services.data_version import rankings_changed
    from civic_challenge.services.database import transaction

    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            return rankings_changed(session, challenge_id)
    finally:
        engine.dispose()
