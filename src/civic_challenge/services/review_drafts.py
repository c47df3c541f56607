"""A judge's review saving itself while they score: kept apart from the review (see
`services.autosave`), restored when they come back, discarded when they save or abstain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.services import autosave
from civic_challenge.services.accounts import UserView
from civic_challenge.services.judge_access import judge_access, refuse_unless_open
from civic_challenge.services.reviews import autosaved_values, review_form

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class TypedReview:
    """What the scoring form holds: scores by criterion id (None for not chosen)."""

    scores: Mapping[int, int | None] = field(default_factory=dict)
    confidence: str | None = None
    comment: str = ""
    note: str = ""


@dataclass(frozen=True)
class RestoredReview:
    typed: TypedReview
    base_version: int
    saved_at: datetime


def autosave_review(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int,
    base_version: int,
    typed: TypedReview,
    now: datetime,
) -> datetime:
    """Keep what the form holds; the review itself (and its version) is not touched."""
    access = judge_access(session, actor, proposal_id, now)
    refuse_unless_open(access, now)
    values = autosaved_values(typed.scores, typed.confidence, typed.comment, typed.note)
    return autosave.keep(
        session,
        actor.id,
        review_form(proposal_id),
        base_version=base_version,
        values=values,
        now=now,
    )


def autosaved_review(
    *, session: Session, actor: UserView, proposal_id: int, now: datetime
) -> RestoredReview | None:
    """The judge's autosaved work on this review, if any."""
    judge_access(session, actor, proposal_id, now)
    found = autosave.restore(session, actor.id, review_form(proposal_id))
    if found is None:
        return None
    values = found.values
    typed = TypedReview(
        {int(c): (None if s is None else int(s)) for c, s in values.get("scores", {}).items()},
        values.get("confidence"),
        str(values.get("comment", "")),
        str(values.get("note", "")),
    )
    return RestoredReview(typed, found.base_version or 0, found.saved_at)


def discard_review_autosave(
    *, session: Session, actor: UserView, proposal_id: int, now: datetime
) -> None:
    """Forget the autosaved work (the judge chose the saved version instead)."""
    judge_access(session, actor, proposal_id, now)
    autosave.discard(session, actor.id, review_form(proposal_id))
