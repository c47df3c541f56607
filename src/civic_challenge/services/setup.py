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
from civic_challenge.services.permissions import require_role
from civic_challenge.services.setup_changes import locked_challenge, save_challenge_change

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
    require_role(actor, Role.ORGANISER)
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
    require_role(actor, Role.ORGANISER)
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
    problems: dict[str, list[str]] = {
        "name": [],
        "description": [],
        "dates": [],
        "budget": [],
        "max_award": [],
        "rules": [],
    }
    if not v.name.strip():
        problems["name"].append("Give the challenge a name.")
    elif len(v.name.strip()) > 200:
        problems["name"].append("Keep the name to 200 characters.")
    if len(v.description) > 5000:
        problems["description"].append("Keep the description to 5,000 characters.")
    if not v.opens_at < v.closes_at < v.judging_closes_at:
        problems["dates"].append(
            "The dates must run in order: opening, then the deadline, then the end of judging."
        )
    if v.budget_pence < 0:
        problems["budget"].append("The budget cannot be negative.")
    awarded = db_decisions.awarded_pence(session, challenge_id)
    if v.budget_pence < awarded:
        problems["budget"].append(
            f"The budget cannot go below the {pounds(awarded)} already awarded: "
            f"{pounds(v.budget_pence)} was entered. Withdraw awards first, or keep at least "
            f"{pounds(awarded)}."
        )
    largest = db_decisions.largest_award(session, challenge_id)
    if v.max_award_pence <= 0:
        problems["max_award"].append("Set an award ceiling above £0.")
    elif v.max_award_pence < largest:
        problems["max_award"].append(
            f"The ceiling cannot go below the largest award already made, {pounds(largest)}."
        )
    if v.max_employees < 0 or v.max_turnover_pence < 0 or v.max_proposals_per_statement < 1:
        problems["rules"].append(
            "Eligibility limits cannot be negative, and each organisation may send at least "
            "one proposal per statement."
        )
    return problems
