"""Reviews that need an organiser's eye on Results: those set aside because their judge has a
conflict with the organisation (they no longer count), and those changed after submitting
while the settings let judges see other judges' totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from civic_challenge.db import review_flags as db_review_flags
from civic_challenge.domain.terms import Role, ScoreVisibility
from civic_challenge.services.accounts import UserView
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    import pandas as pd
    from sqlmodel import Session


@dataclass(frozen=True)
class ReviewFlags:
    set_aside: pd.DataFrame  # proposal_id, reference, judge, source, reason
    changed: pd.DataFrame  # proposal_id, reference, judge, changes, last_changed
    others_visible: bool  # whether judges could see others' totals when they changed a review


def review_flags(*, session: Session, actor: UserView) -> ReviewFlags:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid: int = challenge.id  # type: ignore[assignment]
    return ReviewFlags(
        set_aside=db_review_flags.set_aside_reviews(session, cid),
        changed=db_review_flags.changed_reviews(session, cid),
        others_visible=ScoreVisibility(challenge.score_visibility) is not ScoreVisibility.NEVER,
    )
