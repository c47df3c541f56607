"""Work in progress that saves itself while a person types, apart from the records it belongs to.

An autosave never changes a review or a proposal: a submitted one stays as submitted, and an
edit to it stays a pending edit here until the person submits again. It holds the version of
the record the form was drawn from (`base_version`), so a form restored later can tell that
the record changed elsewhere meanwhile, and refuse to save over it silently.

The callers (services for one kind of form) check who may write; these functions only keep
each person's rows to themselves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from civic_challenge.db import autosaves as db_autosaves
from civic_challenge.services.errors import InvalidInput

if TYPE_CHECKING:
    from sqlmodel import Session

# Far beyond any form's limits (the longest is a proposal's 26,000 characters of text), but
# bounded: a pasted book is not kept.
PAYLOAD_MAX = 200_000
TOO_LONG = "What you typed is too long to keep as a draft ({:,} characters). Shorten it."


@dataclass(frozen=True)
class Autosaved:
    values: dict[str, Any]
    base_version: int | None
    saved_at: datetime


def keep(
    session: Session,
    user_id: int,
    form: str,
    *,
    base_version: int | None,
    values: Mapping[str, Any],
    now: datetime,
) -> datetime:
    payload = _payload(values)
    if len(payload) > PAYLOAD_MAX:
        raise InvalidInput({"autosave": [TOO_LONG.format(len(payload))]})
    db_autosaves.put_autosave(session, user_id, form, base_version, payload, now)
    return now


def restore(session: Session, user_id: int, form: str) -> Autosaved | None:
    row = db_autosaves.find_autosave(session, user_id, form)
    if row is None:
        return None
    return Autosaved(json.loads(row.payload), row.base_version, row.saved_at)


def discard(session: Session, user_id: int, form: str) -> None:
    db_autosaves.drop_autosave(session, user_id, form)


def discard_if_saved(session: Session, user_id: int, form: str, values: Mapping[str, Any]) -> None:
    """Forget the autosave once what it holds has been saved. Work typed in another tab (a
    different content) is kept: it is that tab's, and saving it later is refused as stale."""
    row = db_autosaves.find_autosave(session, user_id, form)
    if row is not None and json.loads(row.payload) == json.loads(_payload(values)):
        db_autosaves.drop_autosave(session, user_id, form)


def _payload(values: Mapping[str, Any]) -> str:
    return json.dumps(dict(values), sort_keys=True)
