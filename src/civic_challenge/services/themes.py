"""Themes (organisers): the strategy's priorities, with target shares of the budget and of the
awards and a colour for charts. A theme no proposal is tagged with and no statement sits under
may be removed."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import setup as db_setup
from civic_challenge.db.models import Theme
from civic_challenge.domain.priorities import check_targets
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.keys import key_for, key_problems
from civic_challenge.services.permissions import acting
from civic_challenge.services.setup_changes import checked_row, counted, record_change, too_long

if TYPE_CHECKING:
    from sqlmodel import Session

COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")
NAME_MAX, DESCRIPTION_MAX = 100, 2000  # Theme.name, Theme.description


@dataclass(frozen=True)
class ThemeValues:
    key: str
    name: str
    description: str
    target_budget_share: float  # 0-1
    target_award_share: float
    colour: str


def save_theme(
    *,
    session: Session,
    actor: UserView,
    theme_id: int | None,
    values: ThemeValues,
    version: int | None,
    now: datetime,
) -> str | None:
    """Add (theme_id None) or change a theme. Returns the targets warning, if the shares across
    themes no longer add up to 100% (a warning, not a refusal: targets are often set in steps)."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    cid = challenge.id
    themes = db_challenges.themes_of(session, cid)  # type: ignore[arg-type]
    current = next((t.key for t in themes if t.id == theme_id), None)
    key, key_field = key_for(values.key, values.name, current)
    values = replace(values, key=key)
    problems = _theme_problems(values, [t.key for t in themes if t.id != theme_id], key_field)
    if any(problems.values()):
        raise InvalidInput(problems)
    if theme_id is None:
        theme = Theme(challenge_id=cid, key=values.key, name=values.name, position=len(themes))  # type: ignore[arg-type]
        before = None
    else:
        theme = checked_row(db_setup.lock_theme(session, theme_id), cid, version, "theme")
        before = {k: getattr(theme, k) for k in asdict(values)}
        theme.version += 1
    for k, value in asdict(values).items():
        setattr(theme, k, value.strip() if isinstance(value, str) else value)
    db_setup.add(session, theme)
    record_change(
        session,
        actor,
        cid,
        action="theme.added" if before is None else "theme.updated",
        object_type="theme",
        object_id=theme.id,
        before=before,
        after=asdict(values),
        now=now,
    )
    return check_targets(_themes_frame(session, cid))


def remove_theme(
    *, session: Session, actor: UserView, theme_id: int, version: int, now: datetime
) -> str | None:
    """Remove a theme no proposal is tagged with and no statement sits under; judges lose it
    from their expertise. Returns the targets warning for the themes left, like save_theme."""
    actor = acting(session, actor, Role.ORGANISER)
    cid = current_challenge(session, lock=True).id
    theme = checked_row(db_setup.lock_theme(session, theme_id), cid, version, "theme")
    reasons = []
    tagged = db_setup.proposals_tagged(session, theme_id)
    if tagged:
        reasons.append(
            f"{counted(tagged, 'proposal')} {'is' if tagged == 1 else 'are'} tagged with it "
            "(drafts included), and proposals keep their themes"
        )
    statements = len(db_setup.statements_under(session, theme_id))
    if statements:
        one = statements == 1
        reasons.append(
            f"{counted(statements, 'challenge statement')} {'sits' if one else 'sit'} under it "
            f"(see the statements below): remove {'it' if one else 'them'} or move "
            f"{'it' if one else 'them'} to another theme first"
        )
    if reasons:  # no names in the message: it is shown as Markdown
        raise ServiceError(
            f"This theme cannot be removed: {'; '.join(reasons)}. You can still change its "
            "name, description, targets and colour."
        )
    before = {k: getattr(theme, k) for k in asdict(_theme_values_of(theme))}
    db_setup.remove(session, theme)
    record_change(
        session,
        actor,
        cid,
        action="theme.removed",
        object_type="theme",
        object_id=theme_id,
        before=before,
        after={},
        now=now,
    )
    left = _themes_frame(session, cid)
    return check_targets(left) if not left.empty else None


def _theme_problems(
    v: ThemeValues, other_keys: list[str], key_field: str = "key"
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {
        "key": [],
        "name": too_long("name", v.name.strip(), NAME_MAX),
        "description": too_long("description", v.description.strip(), DESCRIPTION_MAX),
        "shares": [],
        "colour": [],
    }
    field = "name" if key_field == "made" else "key"
    problems[field] += key_problems(v.key, v.name, other_keys, key_field, "theme")
    if not v.name.strip():
        problems["name"].append("Give the theme a name.")
    for share, what in ((v.target_budget_share, "budget"), (v.target_award_share, "awards")):
        if not 0 <= share <= 1:
            problems["shares"].append(f"The target share of {what} must be between 0% and 100%.")
    if not COLOUR_PATTERN.match(v.colour):
        problems["colour"].append("Choose a colour like #009E73.")
    return problems


def _themes_frame(session: Session, challenge_id: int | None) -> pd.DataFrame:
    """The challenge's themes as the targets check reads them."""
    themes = db_challenges.themes_of(session, challenge_id)  # type: ignore[arg-type]
    return pd.DataFrame([asdict(_theme_values_of(t)) for t in themes])


def _theme_values_of(t: Theme) -> ThemeValues:
    return ThemeValues(
        t.key, t.name, t.description, t.target_budget_share, t.target_award_share, t.colour
    )
