"""Setting up the challenge (organisers): its facts, themes as strategy priorities, statements
with partners and ceilings, and phase changes with guard rails that explain themselves.
(Creating the challenge in the first place: services.new_challenge.)

A new theme's or statement's key is made from its name when none is given, and kept as it is
when the name changes later. A theme or statement that no proposal uses may be removed.

Every change is checked against the version the organiser saw (optimistic locking), audited with
its before and after values, and bumps the data version that the dashboard's cache keys on.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import decisions as db_decisions
from civic_challenge.db import queries as db_queries
from civic_challenge.db import setup as db_setup
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import ChallengeStatement, Theme
from civic_challenge.domain.money import pounds
from civic_challenge.domain.naming import key_from_name
from civic_challenge.domain.priorities import check_targets
from civic_challenge.domain.terms import Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.awards import publish_decisions
from civic_challenge.services.errors import InvalidInput, NotFound, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import require_role

if TYPE_CHECKING:
    from sqlmodel import Session

STALE = "{what} was changed by someone else since you opened this page. Reload to see it."
PHASE_ORDER = list(Phase)
KEY_MAX = 40
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")


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
class ThemeValues:
    key: str
    name: str
    description: str
    target_budget_share: float  # 0-1
    target_award_share: float
    colour: str


@dataclass(frozen=True)
class StatementValues:
    key: str
    theme_key: str
    title: str
    description: str
    partner: str
    max_award_pence: int | None


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
        [
            {
                "id": t.id,
                "key": t.key,
                "name": t.name,
                "description": t.description,
                "target_budget_share": t.target_budget_share,
                "target_award_share": t.target_award_share,
                "colour": t.colour,
                "version": t.version,
            }
            for t in themes
        ],
        columns=[
            "id",
            "key",
            "name",
            "description",
            "target_budget_share",
            "target_award_share",
            "colour",
            "version",
        ],
    )
    statements = pd.DataFrame(
        [
            {
                "id": s.id,
                "key": s.key,
                "theme_key": keys.get(s.theme_id, ""),
                "title": s.title,
                "description": s.description,
                "partner": s.partner,
                "max_award_pence": s.max_award_pence,
                "version": s.version,
            }
            for s in db_challenges.statements_of(session, challenge.id)  # type: ignore[arg-type]
        ],
        columns=[
            "id",
            "key",
            "theme_key",
            "title",
            "description",
            "partner",
            "max_award_pence",
            "version",
        ],
    )
    return SetupView(
        values=ChallengeValues(
            name=challenge.name,
            description=challenge.description,
            opens_at=challenge.opens_at,
            closes_at=challenge.closes_at,
            judging_closes_at=challenge.judging_closes_at,
            budget_pence=challenge.budget_pence,
            max_award_pence=challenge.max_award_pence,
            max_employees=challenge.max_employees,
            max_turnover_pence=challenge.max_turnover_pence,
            london_only=challenge.london_only,
            max_proposals_per_statement=challenge.max_proposals_per_statement,
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
    challenge = current_challenge(session, lock=True)
    if challenge.version != version:
        raise ServiceError(STALE.format(what="The challenge"))
    problems = _challenge_problems(session, challenge.id, values)
    if any(problems.values()):
        raise InvalidInput(problems)
    before = {k: getattr(challenge, k) for k in asdict(values)}
    for key, value in asdict(values).items():
        setattr(challenge, key, value.strip() if isinstance(value, str) else value)
    challenge.version += 1
    session.flush()
    db_queries.bump_data_version(session, challenge.id)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="challenge.updated",
        object_type="challenge",
        object_id=challenge.id,
        before=before,
        after=asdict(values) | {"at": now.isoformat()},
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
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    cid = challenge.id
    themes = db_challenges.themes_of(session, cid)  # type: ignore[arg-type]
    current = next((t.key for t in themes if t.id == theme_id), None)
    values, key_field = _with_key(values, values.name, current)
    problems = _theme_problems(values, [t.key for t in themes if t.id != theme_id], key_field)
    if any(problems.values()):
        raise InvalidInput(problems)
    if theme_id is None:
        theme = Theme(challenge_id=cid, key=values.key, name=values.name, position=len(themes))  # type: ignore[arg-type]
        before = None
    else:
        found = db_setup.lock_theme(session, theme_id)
        if found is None or found.challenge_id != cid:
            raise NotFound("That theme no longer exists.")
        if found.version != version:
            raise ServiceError(STALE.format(what="This theme"))
        theme, before = found, {k: getattr(found, k) for k in asdict(values)}
        theme.version += 1
    for key, value in asdict(values).items():
        setattr(theme, key, value.strip() if isinstance(value, str) else value)
    db_setup.add(session, theme)
    db_queries.bump_data_version(session, cid)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="theme.added" if before is None else "theme.updated",
        object_type="theme",
        object_id=theme.id,
        before=before,
        after=asdict(values) | {"at": now.isoformat()},
    )
    return check_targets(pd.DataFrame([asdict(v) for v in _theme_values(session, cid)]))


def _theme_values(session: Session, challenge_id) -> list[ThemeValues]:  # type: ignore[no-untyped-def]
    return [_theme_values_of(t) for t in db_challenges.themes_of(session, challenge_id)]


def _theme_values_of(t: Theme) -> ThemeValues:
    return ThemeValues(
        t.key, t.name, t.description, t.target_budget_share, t.target_award_share, t.colour
    )


_Values = TypeVar("_Values", ThemeValues, StatementValues)


def _with_key(values: _Values, name: str, current: str | None) -> tuple[_Values, str]:
    """The values with their key: as given, else the one kept on an edit, else made from the
    name; and the field its problems belong to ("key", or the name's field when made from it)."""
    if values.key.strip():
        return replace(values, key=values.key.strip()), "key"
    if current is not None:
        return replace(values, key=current), "key"
    return replace(values, key=key_from_name(name, max_length=KEY_MAX)), "made"


def _key_problems(
    key: str, name: str, other_keys: list[str], key_field: str, what: str
) -> list[str]:
    if key_field == "made":
        if not name.strip():
            return []  # the name's own problem says it all
        if not key:
            return [f"Use some letters or digits in the name: the {what}'s key is made from them."]
        if key in other_keys:
            return [
                f"Another {what} already has a name like this (its key is '{key}'): choose a "
                "different name."
            ]
        return []
    if not KEY_PATTERN.match(key):
        return ["Use a short key of lower-case letters, digits and hyphens, e.g. 'climate'."]
    if key in other_keys:
        return [f"Another {what} already uses the key '{key}'."]
    return []


def _theme_problems(
    v: ThemeValues, other_keys: list[str], key_field: str = "key"
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {"key": [], "name": [], "shares": [], "colour": []}
    field = "name" if key_field == "made" else "key"
    problems[field] += _key_problems(v.key, v.name, other_keys, key_field, "theme")
    if not v.name.strip():
        problems["name"].append("Give the theme a name.")
    for share, what in ((v.target_budget_share, "budget"), (v.target_award_share, "awards")):
        if not 0 <= share <= 1:
            problems["shares"].append(f"The target share of {what} must be between 0% and 100%.")
    if not COLOUR_PATTERN.match(v.colour):
        problems["colour"].append("Choose a colour like #009E73.")
    return problems


def save_statement(
    *,
    session: Session,
    actor: UserView,
    statement_id: int | None,
    values: StatementValues,
    version: int | None,
    now: datetime,
) -> None:
    """Add or change a challenge statement; its own ceiling may not go below an award made."""
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    cid = challenge.id
    themes = {t.key: t.id for t in db_challenges.themes_of(session, cid)}  # type: ignore[arg-type]
    statements = db_challenges.statements_of(session, cid)  # type: ignore[arg-type]
    current = next((s.key for s in statements if s.id == statement_id), None)
    values, key_field = _with_key(values, values.title, current)
    problems: dict[str, list[str]] = {"key": [], "title": [], "theme": [], "ceiling": []}
    others = [s.key for s in statements if s.id != statement_id]
    problems["title" if key_field == "made" else "key"] += _key_problems(
        values.key, values.title, others, key_field, "statement"
    )
    if not values.title.strip():
        problems["title"].append("Give the statement a title.")
    if values.theme_key not in themes:
        problems["theme"].append("Choose the theme this statement belongs to.")
    ceiling = values.max_award_pence
    largest = db_decisions.awarded_by_statement(session, cid).get(statement_id or -1, 0)  # type: ignore[arg-type]
    if ceiling is not None and ceiling <= 0:
        problems["ceiling"].append(
            "Leave the ceiling empty to use the challenge's, or set it above £0."
        )
    elif ceiling is not None and ceiling < largest:
        problems["ceiling"].append(
            f"The ceiling cannot go below the largest award already made under this "
            f"statement, {pounds(largest)}."
        )
    if any(problems.values()):
        raise InvalidInput(problems)
    fields = {
        "key": values.key,
        "theme_id": themes[values.theme_key],
        "title": values.title.strip(),
        "description": values.description.strip(),
        "partner": values.partner.strip(),
        "max_award_pence": ceiling,
    }
    if statement_id is None:
        statement = ChallengeStatement(challenge_id=cid, position=len(statements), **fields)  # type: ignore[arg-type]
        before = None
    else:
        found = db_setup.lock_statement(session, statement_id)
        if found is None or found.challenge_id != cid:
            raise NotFound("That statement no longer exists.")
        if found.version != version:
            raise ServiceError(STALE.format(what="This statement"))
        statement, before = found, {k: getattr(found, k) for k in fields}
        statement.version += 1
    for key, value in fields.items():
        setattr(statement, key, value)
    db_setup.add(session, statement)
    db_queries.bump_data_version(session, cid)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="statement.added" if before is None else "statement.updated",
        object_type="challenge_statement",
        object_id=statement.id,
        before=before,
        after=fields | {"at": now.isoformat()},
    )


def remove_theme(
    *, session: Session, actor: UserView, theme_id: int, version: int, now: datetime
) -> str | None:
    """Remove a theme no proposal is tagged with and no statement sits under; judges lose it
    from their expertise. Returns the targets warning for the themes left, like save_theme."""
    require_role(actor, Role.ORGANISER)
    cid = current_challenge(session, lock=True).id
    theme = db_setup.lock_theme(session, theme_id)
    if theme is None or theme.challenge_id != cid:
        raise NotFound("That theme no longer exists.")
    if theme.version != version:
        raise ServiceError(STALE.format(what="This theme"))
    reasons = []
    tagged = db_setup.proposals_tagged(session, theme_id)
    if tagged:
        reasons.append(
            f"{_count(tagged, 'proposal')} {'is' if tagged == 1 else 'are'} tagged with it "
            "(drafts included), and proposals keep their themes"
        )
    statements = len(db_setup.statements_under(session, theme_id))
    if statements:
        one = statements == 1
        reasons.append(
            f"{_count(statements, 'challenge statement')} {'sits' if one else 'sit'} under it "
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
    db_queries.bump_data_version(session, cid)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="theme.removed",
        object_type="theme",
        object_id=theme_id,
        before=before,
        after={"at": now.isoformat()},
    )
    left = pd.DataFrame([asdict(v) for v in _theme_values(session, cid)])
    return check_targets(left) if not left.empty else None


def remove_statement(
    *, session: Session, actor: UserView, statement_id: int, version: int, now: datetime
) -> None:
    """Remove a challenge statement no proposal (drafts and withdrawn ones included) is for."""
    require_role(actor, Role.ORGANISER)
    cid = current_challenge(session, lock=True).id
    statement = db_setup.lock_statement(session, statement_id)
    if statement is None or statement.challenge_id != cid:
        raise NotFound("That statement no longer exists.")
    if statement.version != version:
        raise ServiceError(STALE.format(what="This statement"))
    used = db_setup.proposals_for_statement(session, statement_id)
    if used:
        total, drafts = sum(used.values()), used.get(ProposalStatus.DRAFT.value, 0)
        raise ServiceError(
            f"This statement cannot be removed: {_count(total, 'proposal')} "
            f"{'is' if total == 1 else 'are'} written for it{_drafts(total, drafts)}. You can "
            "still change its wording, partner and ceiling."
        )
    before = {
        "key": statement.key,
        "title": statement.title,
        "theme_id": statement.theme_id,
        "partner": statement.partner,
        "max_award_pence": statement.max_award_pence,
    }
    db_setup.remove(session, statement)
    db_queries.bump_data_version(session, cid)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="statement.removed",
        object_type="challenge_statement",
        object_id=statement_id,
        before=before,
        after={"at": now.isoformat()},
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _drafts(total: int, drafts: int) -> str:
    if not drafts:
        return ""
    if drafts == total:
        return " (still a draft)" if total == 1 else " (all still drafts)"
    return f" ({drafts} of them still {'a draft' if drafts == 1 else 'drafts'})"


def change_phase(
    *,
    session: Session,
    actor: UserView,
    phase: Phase,
    confirm: bool,
    version: int,
    now: datetime,
) -> None:
    """Move the challenge to `phase`, with guard rails that say what to do first.

    Judging cannot open while eligible proposals have no judges, or submitted proposals are
    not yet screened. Publishing goes through awards.publish_decisions (refused while reviews
    are missing unless confirmed). Published is final.
    """
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    if challenge.version != version:
        raise ServiceError(STALE.format(what="The challenge"))
    current, phase = Phase(challenge.phase), Phase(phase)
    if phase is current:
        raise ServiceError(f"The challenge is already in its {phase.value} phase.")
    if current is Phase.PUBLISHED:
        raise ServiceError(
            "Decisions have been published, so the challenge cannot move back to an earlier phase."
        )
    if phase is Phase.PUBLISHED:
        publish_decisions(session=session, actor=actor, confirm=confirm, now=now)
        return
    if phase is Phase.JUDGING:
        _judging_guard(session, challenge.id)
    before = {"phase": challenge.phase}
    challenge.phase = phase.value
    challenge.version += 1
    session.flush()
    db_queries.bump_data_version(session, challenge.id)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="challenge.phase_changed",
        object_type="challenge",
        object_id=challenge.id,
        before=before,
        after={"phase": phase.value, "at": now.isoformat()},
    )


def _judging_guard(session: Session, challenge_id) -> None:  # type: ignore[no-untyped-def]
    reasons = []
    waiting = db_setup.unscreened(session, challenge_id)
    if waiting:
        reasons.append(
            f"{waiting} submitted proposals are not screened yet: screen them on the Proposals "
            "page first."
        )
    unassigned = db_setup.unassigned_eligible(session, challenge_id)
    if unassigned:
        shown = ", ".join(unassigned[:8]) + (" and others" if len(unassigned) > 8 else "")
        reasons.append(
            f"{len(unassigned)} eligible proposals have no judges yet ({shown}): generate and "
            "publish assignments on the Assignments page first."
        )
    if reasons:
        raise ServiceError("Judging cannot open yet. " + " ".join(reasons))
