"""What anyone may read about the challenge: the public landing page's facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import releases as db_releases
from civic_challenge.domain.terms import Phase

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class ThemeView:
    key: str
    name: str
    description: str
    colour: str
    target_budget_share: float


@dataclass(frozen=True)
class StatementView:
    title: str
    description: str
    partner: str
    theme_key: str


@dataclass(frozen=True)
class ChallengeOverview:
    name: str
    description: str
    phase: Phase
    opens_at: datetime
    closes_at: datetime
    judging_closes_at: datetime
    budget_pence: int
    max_award_pence: int
    max_employees: int
    max_turnover_pence: int
    london_only: bool
    themes: tuple[ThemeView, ...]
    statements: tuple[StatementView, ...]


def challenge_overview(*, session: Session) -> ChallengeOverview | None:
    """The public facts of the current challenge, or None before one is set up."""
    challenge = db_challenges.current_challenge(session)
    if challenge is None or challenge.id is None:
        return None
    themes = db_challenges.themes_of(session, challenge.id)
    keys = {theme.id: theme.key for theme in themes}
    statements = db_challenges.statements_of(session, challenge.id)
    return ChallengeOverview(
        name=challenge.name,
        description=challenge.description,
        phase=Phase(challenge.phase),
        opens_at=challenge.opens_at,
        closes_at=challenge.closes_at,
        judging_closes_at=challenge.judging_closes_at,
        budget_pence=challenge.budget_pence,
        max_award_pence=challenge.max_award_pence,
        max_employees=challenge.max_employees,
        max_turnover_pence=challenge.max_turnover_pence,
        london_only=challenge.london_only,
        themes=tuple(
            ThemeView(t.key, t.name, t.description, t.colour, t.target_budget_share) for t in themes
        ),
        statements=tuple(
            StatementView(s.title, s.description, s.partner, keys.get(s.theme_id, ""))
            for s in statements
        ),
    )


@dataclass(frozen=True)
class Winner:
    reference: str
    title: str
    organisation: str
    statement: str
    amount_pence: int


def public_winners(*, session: Session) -> tuple[Winner, ...]:
    """The current challenge's winners, for everyone: only awards already released."""
    challenge = db_challenges.current_challenge(session)
    if challenge is None or challenge.id is None:
        return ()
    frame = db_releases.released_winners(session, challenge.id)
    return tuple(
        Winner(r.reference, r.title, r.organisation, r.statement or "", int(r.amount_pence or 0))
        for r in frame.itertuples()
    )


def has_challenge(*, session: Session) -> bool:
    """Whether a challenge has been set up yet: pages about judging need one."""
    return db_challenges.current_challenge(session) is not None
