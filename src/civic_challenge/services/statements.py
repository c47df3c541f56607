"""Challenge statements (organisers): the problems applicants answer, each under a theme, with
a partner and, if it has one, its own award ceiling. A statement no proposal is written for
may be removed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import decisions as db_decisions
from civic_challenge.db import setup as db_setup
from civic_challenge.db.models import ChallengeStatement
from civic_challenge.domain.money import pounds
from civic_challenge.domain.terms import ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.keys import key_for, key_problems
from civic_challenge.services.permissions import acting
from civic_challenge.services.setup_changes import checked_row, counted, record_change, too_long

if TYPE_CHECKING:
    from sqlmodel import Session


TITLE_MAX, DESCRIPTION_MAX, PARTNER_MAX = 200, 5000, 200  # ChallengeStatement's columns


@dataclass(frozen=True)
class StatementValues:
    key: str
    theme_key: str
    title: str
    description: str
    partner: str
    max_award_pence: int | None


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
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    cid = challenge.id
    themes = {t.key: t.id for t in db_challenges.themes_of(session, cid)}  # type: ignore[arg-type]
    statements = db_challenges.statements_of(session, cid)  # type: ignore[arg-type]
    current = next((s.key for s in statements if s.id == statement_id), None)
    key, key_field = key_for(values.key, values.title, current)
    values = replace(values, key=key)
    others = [s.key for s in statements if s.id != statement_id]
    largest = db_decisions.awarded_by_statement(session, cid).get(statement_id or -1, 0)  # type: ignore[arg-type]
    problems = _statement_problems(values, key_field, others, set(themes), largest)
    if any(problems.values()):
        raise InvalidInput(problems)
    fields: dict[str, Any] = {
        "key": values.key,
        "theme_id": themes[values.theme_key],
        "title": values.title.strip(),
        "description": values.description.strip(),
        "partner": values.partner.strip(),
        "max_award_pence": values.max_award_pence,
    }
    if statement_id is None:
        statement = ChallengeStatement(challenge_id=cid, position=len(statements), **fields)  # type: ignore[arg-type]
        before = None
    else:
        found = db_setup.lock_statement(session, statement_id)
        statement = checked_row(found, cid, version, "statement")
        before = {k: getattr(statement, k) for k in fields}
        statement.version += 1
    for k, value in fields.items():
        setattr(statement, k, value)
    db_setup.add(session, statement)
    record_change(
        session,
        actor,
        cid,
        action="statement.added" if before is None else "statement.updated",
        object_type="challenge_statement",
        object_id=statement.id,
        before=before,
        after=fields,
        now=now,
    )


def _statement_problems(
    values: StatementValues,
    key_field: str,
    other_keys: list[str],
    theme_keys: set[str],
    largest: int,
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {
        "key": [],
        "title": too_long("title", values.title.strip(), TITLE_MAX),
        "description": too_long("problem", values.description.strip(), DESCRIPTION_MAX),
        "partner": too_long("partner", values.partner.strip(), PARTNER_MAX),
        "theme": [],
        "ceiling": [],
    }
    problems["title" if key_field == "made" else "key"] += key_problems(
        values.key, values.title, other_keys, key_field, "statement"
    )
    if not values.title.strip():
        problems["title"].append("Give the statement a title.")
    if values.theme_key not in theme_keys:
        problems["theme"].append("Choose the theme this statement belongs to.")
    ceiling = values.max_award_pence
    if ceiling is not None and ceiling <= 0:
        problems["ceiling"].append(
            "Leave the ceiling empty to use the challenge's, or set it above £0."
        )
    elif ceiling is not None and ceiling < largest:
        problems["ceiling"].append(
            f"The ceiling cannot go below the largest award already made under this "
            f"statement, {pounds(largest)}."
        )
    return problems


def remove_statement(
    *, session: Session, actor: UserView, statement_id: int, version: int, now: datetime
) -> None:
    """Remove a challenge statement no proposal (drafts and withdrawn ones included) is for."""
    actor = acting(session, actor, Role.ORGANISER)
    cid = current_challenge(session, lock=True).id
    found = db_setup.lock_statement(session, statement_id)
    statement = checked_row(found, cid, version, "statement")
    used = db_setup.proposals_for_statement(session, statement_id)
    if used:
        total, drafts = sum(used.values()), used.get(ProposalStatus.DRAFT.value, 0)
        raise ServiceError(
            f"This statement cannot be removed: {counted(total, 'proposal')} "
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
    record_change(
        session,
        actor,
        cid,
        action="statement.removed",
        object_type="challenge_statement",
        object_id=statement_id,
        before=before,
        after={},
        now=now,
    )


def _drafts(total: int, drafts: int) -> str:
    if not drafts:
        return ""
    if drafts == total:
        return " (still a draft)" if total == 1 else " (all still drafts)"
    return f" ({drafts} of them still {'a draft' if drafts == 1 else 'drafts'})"
