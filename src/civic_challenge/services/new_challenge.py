"""Creating the challenge (organisers), on a fresh install from the Set-up page.

The product runs one challenge at a time, so this is refused once one exists (change that one
on the Set-up page instead). The new challenge starts in its set-up phase: applicants cannot
submit until an organiser opens the call, through the same guard rails as every phase change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import setup as db_setup
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Challenge
from civic_challenge.domain.challenge_draft import SLUG_MAX, ChallengeDraft, draft_problems
from civic_challenge.domain.naming import key_from_name
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["ChallengeDraft", "NewChallenge", "create_challenge"]


@dataclass(frozen=True)
class NewChallenge:
    id: int
    slug: str
    name: str


def create_challenge(
    *, session: Session, actor: UserView, draft: ChallengeDraft, now: datetime
) -> NewChallenge:
    """Store the challenge in its set-up phase, or refuse with every problem at once, by field
    (the draft's field names). Its slug is made from the name; it is unique because this is the
    only challenge (and the database would refuse a duplicate too)."""
    actor = acting(session, actor, Role.ORGANISER)
    db_setup.lock_challenges(session)  # two organisers creating at once: the second waits
    if db_challenges.current_challenge(session) is not None:
        raise ServiceError(
            "A challenge already exists, and this app runs one at a time. Change that one on "
            "the Set-up page instead."
        )
    slug = key_from_name(draft.name, max_length=SLUG_MAX)
    problems = draft_problems(draft, slug=slug)
    if any(problems.values()):
        raise InvalidInput(problems)
    fields = asdict(draft) | {"name": draft.name.strip(), "description": draft.description.strip()}
    challenge = Challenge(slug=slug, phase=Phase.SETUP.value, **fields)
    db_setup.add(session, challenge)
    record_event(
        session,
        actor_id=actor.id,
        action="challenge.created",
        object_type="challenge",
        object_id=challenge.id,
        after=fields | {"slug": slug, "phase": Phase.SETUP.value, "at": now.isoformat()},
    )
    return NewChallenge(id=challenge.id, slug=slug, name=challenge.name)  # type: ignore[arg-type]
