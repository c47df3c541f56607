"""The rubric (organisers): criteria with weights, scales and level descriptors.

It locks when the first review is submitted. After that, `reset_criterion` is the one way to
change it: explicit, with a reason, audited, and every stored total is recomputed by
`domain.scoring.review_total`. A reset may change names, guidance, descriptors, weights and
whether a criterion counts, but never a scale: a 4 on 1-5 has no honest value on 1-10, and
clearing submitted scores would silently undo judges' work. Criteria cannot be added or removed
once locked either (untick "counts toward the total" instead), so every submitted review stays
complete.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import judging as db_judging
from civic_challenge.db import reviews as db_reviews
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Criterion
from civic_challenge.domain.reviews import reason_problems
from civic_challenge.domain.rubric import (
    CriterionDraft,
    counted_problems,
    criterion_key,
    criterion_problems,
    locked_scale_problems,
)
from civic_challenge.domain.scoring import CriterionScale, review_total
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import (
    ChangedElsewhere,
    NotFound,
    ServiceError,
    raise_if_problems,
)
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

CHANGED = (
    "This criterion was changed by someone else since you opened this page. Your changes are "
    "not saved yet."
)
LOCKED = (
    "The rubric is locked: {n} reviews have been submitted against it. To change a criterion "
    "now, use 'Reset a criterion' and give a reason."
)


@dataclass(frozen=True)
class CriterionView:
    id: int
    key: str
    name: str
    guidance: str
    weight: float
    scale_min: int
    scale_max: int
    descriptors: tuple[str, ...]
    counts_toward_total: bool
    version: int

    @classmethod
    def of(cls, row: Criterion) -> CriterionView:
        assert row.id is not None
        return cls(
            row.id,
            row.key,
            row.name,
            row.guidance,
            row.weight,
            row.scale_min,
            row.scale_max,
            tuple(json.loads(row.descriptors or "[]")),
            row.counts_toward_total,
            row.version,
        )

    def scale(self) -> CriterionScale:
        return CriterionScale(
            self.key, self.weight, self.scale_min, self.scale_max, self.counts_toward_total
        )


@dataclass(frozen=True)
class RubricView:
    criteria: tuple[CriterionView, ...]
    submitted_reviews: int

    @property
    def locked(self) -> bool:
        return self.submitted_reviews > 0


def get_rubric(*, session: Session, actor: UserView) -> RubricView:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return RubricView(
        tuple(CriterionView.of(c) for c in db_judging.criteria_of(session, challenge.id)),
        db_judging.submitted_review_count(session, challenge.id),
    )


def save_criterion(
    *,
    session: Session,
    actor: UserView,
    draft: CriterionDraft,
    now: datetime,
    criterion_id: int | None = None,
    version: int | None = None,
) -> CriterionView:
    """Add a criterion (no id) or change one, drawn at `version`, while the rubric is not
    locked."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    _refuse_if_locked(session, challenge.id)
    rows = db_judging.criteria_of(session, challenge.id)
    row = _find(rows, criterion_id, version) if criterion_id is not None else None
    counted = sum(c.counts_toward_total for c in rows if c is not row) + draft.counts_toward_total
    raise_if_problems(criterion_problems(draft) | {"counts": counted_problems(counted)})
    before = _audited(row) if row else None
    if row is None:
        row = Criterion(
            challenge_id=challenge.id,
            key=criterion_key(draft.name, [c.key for c in rows]),
            position=max((c.position for c in rows), default=-1) + 1,
        )
        session.add(row)
    else:
        row.version += 1
        if (row.scale_min, row.scale_max) != (draft.scale_min, draft.scale_max):
            db_judging.delete_scores_of(session, row.id)  # drafts only: nothing is submitted
    _apply(row, draft)
    session.flush()
    recompute_totals(session, challenge.id)
    challenge.data_version += 1
    action = "rubric.criterion_added" if before is None else "rubric.criterion_changed"
    _record(session, actor, action, row, before, _audited(row))
    return CriterionView.of(row)


def remove_criterion(
    *, session: Session, actor: UserView, criterion_id: int, version: int, now: datetime
) -> None:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    _refuse_if_locked(session, challenge.id)
    rows = db_judging.criteria_of(session, challenge.id)
    row = _find(rows, criterion_id, version)
    counted = sum(c.counts_toward_total for c in rows if c is not row)
    if row.counts_toward_total:
        raise_if_problems({"counts": counted_problems(counted)})
    before = _audited(row)
    db_judging.delete_scores_of(session, criterion_id)
    session.delete(row)
    session.flush()
    recompute_totals(session, challenge.id)
    challenge.data_version += 1
    _record(session, actor, "rubric.criterion_removed", row, before, None)


def reset_criterion(
    *,
    session: Session,
    actor: UserView,
    criterion_id: int,
    draft: CriterionDraft,
    reason: str,
    version: int,
    now: datetime,
) -> int:
    """Change a criterion of a locked rubric, drawn at `version`; returns how many review
    totals were recomputed."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    submitted = db_judging.submitted_review_count(session, challenge.id)
    rows = db_judging.criteria_of(session, challenge.id)
    row = _find(rows, criterion_id, version)
    counted = sum(c.counts_toward_total for c in rows if c is not row) + draft.counts_toward_total
    problems = criterion_problems(draft) | {
        "counts": counted_problems(counted),
        "reason": reason_problems(reason, what="reason for the reset"),
    }
    problems["scale"] = problems.get("scale", []) + locked_scale_problems(
        (row.scale_min, row.scale_max), (draft.scale_min, draft.scale_max), submitted
    )
    raise_if_problems(problems)
    before = _audited(row)
    _apply(row, draft)
    row.version += 1
    session.flush()
    recomputed = recompute_totals(session, challenge.id)
    challenge.data_version += 1
    after = _audited(row) | {"reason": reason.strip(), "totals_recomputed": recomputed}
    _record(session, actor, "rubric.reset", row, before, after)
    return recomputed


def recompute_totals(session: Session, challenge_id: int) -> int:
    """Rewrite every review's total from its scores with `review_total`, the one writer."""
    criteria = [CriterionView.of(c) for c in db_judging.criteria_of(session, challenge_id)]
    keys = {c.id: c.key for c in criteria}
    scales = [c.scale() for c in criteria]
    frame = db_reviews.challenge_scores_frame(session, challenge_id)
    totals: dict[int, float | None] = {}
    for review_id, group in frame.groupby("review_id"):
        scored = group.dropna(subset=["criterion_id"])
        scores = {
            keys[int(c)]: int(s)
            for c, s in zip(scored.criterion_id, scored.score, strict=True)
            if int(c) in keys
        }
        totals[int(review_id)] = review_total(scores, scales)
    db_reviews.write_totals(session, totals)
    rankings_changed(session, challenge_id)
    return len(totals)


def _refuse_if_locked(session: Session, challenge_id: int) -> None:
    submitted = db_judging.submitted_review_count(session, challenge_id)
    if submitted:
        raise ServiceError(LOCKED.format(n=submitted))


def _find(rows: list[Criterion], criterion_id: int, version: int | None) -> Criterion:
    """The criterion to change, as it was when the organiser opened it (the rubric is locked
    for the change: see current_challenge)."""
    for row in rows:
        if row.id == criterion_id:
            if row.version != version:
                raise ChangedElsewhere(CHANGED)
            return row
    raise NotFound("That criterion is no longer in the rubric. Reload the page.")


def _apply(row: Criterion, draft: CriterionDraft) -> None:
    row.name = draft.name.strip()
    row.guidance = draft.guidance.strip()
    row.weight = float(draft.weight)
    row.scale_min, row.scale_max = draft.scale_min, draft.scale_max
    row.descriptors = json.dumps([d.strip() for d in draft.descriptors])
    row.counts_toward_total = draft.counts_toward_total


def _audited(row: Criterion) -> dict:
    view = asdict(CriterionView.of(row))
    view.pop("version")
    return view


def _record(session, actor, action, row, before, after) -> None:  # type: ignore[no-untyped-def]
    record_event(
        session,
        actor_id=actor.id,
        action=action,
        object_type="criterion",
        object_id=row.id,
        before=before,
        after=after,
    )
