"""Seed the London demo challenge, so a fresh install has something real-looking to show.

The domain invents the challenge; this writes it through the table models, mapping the records'
keys to the new rows' ids. The caller owns the transaction: nothing here commits.
"""

import csv
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from civic_challenge.db.demo import add_rows, challenge_exists
from civic_challenge.db.models import (
    Challenge,
    ChallengeStatement,
    ConflictDeclaration,
    Criterion,
    Theme,
)
from civic_challenge.domain.demo import (
    APPLICANT_EMAIL,
    JUDGE_EMAILS,
    ORGANISER_EMAIL,
    generate_demo,
)
from civic_challenge.domain.demo_records import DemoChallenge
from civic_challenge.domain.passwords import DEMO_PASSWORD, hash_password
from civic_challenge.services.demo_rows import (
    IdMaps,
    assignment_rows,
    challenge_row,
    conflict_rows,
    criterion_rows,
    organisation_rows,
    proposal_rows,
    proposal_tag_rows,
    review_rows,
    score_rows,
    screening_rows,
    statement_rows,
    theme_rows,
    user_rows,
)
from civic_challenge.services.proposal_views import record_submitted_version

__all__ = [
    "APPLICANT_EMAIL",
    "DEMO_PASSWORD",
    "JUDGE_EMAILS",
    "ORGANISER_EMAIL",
    "DemoAlreadySeeded",
    "DemoSummary",
    "load_demo_spec",
    "seed_demo",
]

CHALLENGE_FILE = Path("demo") / "challenge.toml"
BOROUGHS_FILE = Path("boroughs.csv")


class DemoAlreadySeeded(Exception):
    """The demo challenge's slug is already taken: seed into an empty database, or drop it first."""


@dataclass(frozen=True)
class DemoSummary:
    slug: str
    themes: int
    statements: int
    criteria: int
    organisations: int
    proposals: int
    users: int
    conflicts: int
    assignments: int
    reviews: int
    review_scores: int


def load_demo_spec(data_dir: Path) -> tuple[dict, list[dict]]:
    """The challenge spec (data/demo/challenge.toml) and the boroughs (data/boroughs.csv)."""
    with (data_dir / CHALLENGE_FILE).open("rb") as toml_file:
        spec = tomllib.load(toml_file)
    with (data_dir / BOROUGHS_FILE).open(newline="", encoding="utf-8") as csv_file:
        boroughs = list(csv.DictReader(csv_file))
    return spec, boroughs


def seed_demo(*, session, now: datetime, password: str, data_dir: Path) -> DemoSummary:
    """Write the demo challenge; raises DemoAlreadySeeded, having written nothing, if it exists."""
    spec, boroughs = load_demo_spec(data_dir)
    slug = spec["challenge"]["slug"]
    if challenge_exists(session, slug):
        raise DemoAlreadySeeded(
            f"The demo challenge '{slug}' is already in this database; nothing was changed."
        )
    demo = generate_demo(spec, boroughs, now)
    ids = _write_challenge(session, demo)
    _write_people(session, demo, ids, hash_password(password))
    _write_proposals(session, demo, ids)
    scores = _write_judging(session, demo, ids)
    return _summary(demo, scores)


def _write_challenge(session, demo: DemoChallenge) -> IdMaps:
    challenge: Challenge = challenge_row(demo.challenge)
    add_rows(session, [challenge])
    ids = IdMaps(challenge=challenge.id)
    themes: dict[str, Theme] = theme_rows(demo.themes, ids)
    add_rows(session, list(themes.values()))
    ids.themes = {key: row.id for key, row in themes.items()}
    statements: dict[str, ChallengeStatement] = statement_rows(demo.statements, ids)
    criteria: dict[str, Criterion] = criterion_rows(demo.criteria, ids)
    add_rows(session, [*statements.values(), *criteria.values()])
    ids.statements = {key: row.id for key, row in statements.items()}
    ids.criteria = {key: row.id for key, row in criteria.items()}
    return ids


def _write_people(session, demo: DemoChallenge, ids: IdMaps, password_hash: str) -> None:
    """One hash for every demo account: argon2id is slow on purpose, and they share a password."""
    organisations = organisation_rows(demo.organisations, demo.challenge.opens_at)
    add_rows(session, organisations)
    ids.organisations = [row.id for row in organisations]
    users = user_rows(demo.users, ids, password_hash, demo.challenge.opens_at)
    add_rows(session, list(users.values()))
    ids.users = {email: row.id for email, row in users.items()}


def _write_proposals(session, demo: DemoChallenge, ids: IdMaps) -> None:
    proposals = proposal_rows(demo, ids)
    add_rows(session, proposals)
    ids.proposals = [row.id for row in proposals]
    add_rows(session, [*proposal_tag_rows(demo, ids), *screening_rows(demo, ids)])
    for row in proposals:
        if row.submitted_at is not None:
            record_submitted_version(session, row, row.submitted_at, row.created_by_id)


def _write_judging(session, demo: DemoChallenge, ids: IdMaps) -> int:
    reviews = review_rows(demo.reviews, ids)
    add_rows(
        session,
        [*conflict_rows(demo, ids), *assignment_rows(demo.assignments, ids), *reviews],
    )
    scores = score_rows(demo, reviews, ids)
    add_rows(session, scores)
    add_rows(session, declaration_rows(demo, ids))
    return len(scores)


def declaration_rows(demo: DemoChallenge, ids: IdMaps) -> list[ConflictDeclaration]:
    """Every judge but the last has confirmed their conflicts (the last shows that first step)."""
    return [
        ConflictDeclaration(
            judge_id=ids.users[email],
            challenge_id=ids.challenge,
            confirmed_at=demo.challenge.opens_at,
        )
        for email in JUDGE_EMAILS[:-1]
    ]


def _summary(demo: DemoChallenge, review_scores: int) -> DemoSummary:
    return DemoSummary(
        slug=demo.challenge.slug,
        themes=len(demo.themes),
        statements=len(demo.statements),
        criteria=len(demo.criteria),
        organisations=len(demo.organisations),
        proposals=len(demo.proposals),
        users=len(demo.users),
        conflicts=len(demo.conflicts),
        assignments=len(demo.assignments),
        reviews=len(demo.reviews),
        review_scores=review_scores,
    )
