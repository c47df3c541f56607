"""Setting up the challenge (organisers): what the Set-up page shows, and the challenge's own
facts. Themes: services.themes; statements: services.statements; phase changes: services.phase;
how each change is locked, version-checked and audited: services.setup_changes. (Creating the
challenge in the first place: services.new_challenge.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import decisions as db_decisions
from civic_challenge.domain.money import pounds
from civic_challenge.domain.priorities import check_targets
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import InvalidInput
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting
from civic_challenge.services.setup_changes import (
    locked_challenge,
    save_challenge_change,
    too_long,
)

if TYPE_CHECKING:
    from sqlmodel import Session

THEME_COLUMNS = [
    "id",
    "key",
    "name",
    "description",
    "target_budget_share",
    "target_award_share",
    "colour",
    "version",
]
STATEMENT_COLUMNS = [
    "id",
    "key",
    "theme_key",
    "title",
    "description",
    "partner",
    "max_award_pence",
    "version",
]


NAME_MAX = 200
DESCRIPTION_MAX = 5000
CHALLENGE_FIELDS = (
    "name",
    "description",
    "dates",
    "budget",
    "max_award",
    "max_employees",
    "max_turnover",
    "per_statement",
)


@dataclass(frozen=True)
class ChallengeValues:
    name: str
    description: str
    opens_at: datetime
    closes_at: datetime
    judging_closes_at: datetime
    budget_pence: int
    max_award_pence: int
    max_employees: int
    max_turnover_pence: int
    london_only: bool
    max_proposals_per_statement: int


@dataclass(frozen=True)
class SetupView:
    values: ChallengeValues
    phase: Phase
    version: int
    themes: pd.DataFrame  # id, key, name, description, shares, colour, version
    statements: pd.DataFrame  # id, key, theme_key, title, description, partner, ceiling, version
    target_warning: str | None


def get_setup(*, session: Session, actor: UserView) -> SetupView:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    themes = db_challenges.themes_of(session, challenge.id)  # type: ignore[arg-type]
    keys = {t.id: t.key for t in themes}
    theme_frame = pd.DataFrame(
        [{c: getattr(t, c) for c in THEME_COLUMNS} for t in themes], columns=THEME_COLUMNS
    )
    statements = pd.DataFrame(
        [
            {c: getattr(s, c) for c in STATEMENT_COLUMNS if c != "theme_key"}
            | {"theme_key": keys.get(s.theme_id, "")}
            for s in db_challenges.statements_of(session, challenge.id)  # type: ignore[arg-type]
        ],
        columns=STATEMENT_COLUMNS,
    )
    return SetupView(
        values=ChallengeValues(
            **{f.name: getattr(challenge, f.name) for f in fields(ChallengeValues)}
        ),
        phase=Phase(challenge.phase),
        version=challenge.version,
        themes=theme_frame,
        statements=statements,
        target_warning=check_targets(theme_frame),
    )


def update_challenge(
    *, session: Session, actor: UserView, values: ChallengeValues, version: int, now: datetime
) -> None:
    """Save the challenge's facts. Refused: a budget below the awards already made, a ceiling
    below the largest award made, dates out of order, or a stale version."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = locked_challenge(session, version)
    problems = _challenge_problems(session, challenge.id, values)
    if any(problems.values()):
        raise InvalidInput(problems)
    before = {k: getattr(challenge, k) for k in asdict(values)}
    for key, value in asdict(values).items():
        setattr(challenge, key, value.strip() if isinstance(value, str) else value)
    save_challenge_change(
        session, actor, challenge, "challenge.updated", before, asdict(values), now=now
    )


def _challenge_problems(session: Session, challenge_id, v: ChallengeValues) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {field: [] for field in CHALLENGE_FIELDS}
    name = v.name.strip()
    if not name:
        problems["name"].append("Give the challenge a name.")
    problems["name"] += too_long("name", name, NAME_MAX)
    problems["description"] += too_long("description", v.description, DESCRIPTION_MAX)
    if not v.opens_at < v.closes_at < v.judging_closes_at:
        problems["dates"].append(
            "The dates must run in order: opening, then the deadline, then the end of judging."
        )
    if v.budget_pence < 0:
        problems["budget"].append(
            f"The budget cannot be negative ({_signed(v.budget_pence)} was entered): enter 0 "
            "or more, in whole pounds."
        )
    awarded = db_decisions.awarded_pence(session, challenge_id)
    if 0 <= v.budget_pence < awarded:
        problems["budget"].append(
            f"The budget cannot go below the {pounds(awarded)} already awarded: "
            f"{pounds(v.budget_pence)} was entered. Withdraw awards first, or keep at least "
            f"{pounds(awarded)}."
        )
    largest = db_decisions.largest_award(session, challenge_id)
    if v.max_award_pence <= 0:
        problems["max_award"].append(
            f"Set an award ceiling above £0 ({_signed(v.max_award_pence)} was entered)."
        )
    elif v.max_award_pence < largest:
        problems["max_award"].append(
            f"The ceiling cannot go below the largest award already made, {pounds(largest)}."
        )
    if v.max_employees < 0:
        problems["max_employees"].append(
            f"The most employees cannot be negative ({v.max_employees} was entered): enter 0 "
            "or more."
        )
    if v.max_turnover_pence < 0:
        problems["max_turnover"].append(
            f"The highest turnover cannot be negative ({_signed(v.max_turnover_pence)} was "
            "entered): enter 0 or more, in whole pounds."
        )
    if v.max_proposals_per_statement < 1:
        problems["per_statement"].append(
            f"Each organisation may send at least one proposal per statement "
            f"({v.max_proposals_per_statement} was entered): enter 1 or more."
        )
    return problems


def _signed(pence: int) -> str:
    """-500 -> '-£5', as typed."""
    return f"-{pounds(-pence)}" if pence < 0 else pounds(pence)
