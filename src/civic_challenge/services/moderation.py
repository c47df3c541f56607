"""Moderation (organisers): the proposals whose judges disagree or that lack reviews, asking one
more judge for a review, and notes on a proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import judging as db_judging
from civic_challenge.db import rankings as db_rankings
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Assignment, ModerationNote
from civic_challenge.domain.reviews import judging_open
from civic_challenge.domain.terms import Aggregation, AssignmentState, ConflictStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import InvalidInput, NotFound, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting
from civic_challenge.services.results import raw_scores

if TYPE_CHECKING:
    from sqlmodel import Session

NOTE_MAX = 3000
QUEUE_COLUMNS = [
    "proposal_id", "reference", "title", "n", "assigned", "sd", "spread", "disagreement",
    "low_coverage", "reason",
]  # fmt: skip


@dataclass(frozen=True)
class JudgeChoice:
    judge_id: int
    name: str
    load: int


def moderation_queue(*, session: Session, actor: UserView) -> pd.DataFrame:
    """Proposals in judging whose judges disagree (raw spread above the challenge's threshold)
    or with fewer submitted reviews than `reviews_per_proposal`, widest disagreement first,
    then fewest reviews. Columns: QUEUE_COLUMNS; `reason` says why in words."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    reviews = db_rankings.submitted_reviews(session, challenge.id)
    labels = db_rankings.proposal_labels(session, challenge.id)
    raw = raw_scores(reviews, Aggregation(challenge.aggregation), challenge.disagreement_threshold)
    table = labels[["proposal_id", "reference", "title"]].merge(
        raw[["n", "sd", "spread", "disagreement"]],
        left_on="proposal_id",
        right_index=True,
        how="left",
    )
    assigned = db_rankings.assigned_counts(session, challenge.id)
    table = table.merge(assigned, on="proposal_id", how="left")
    table = table.fillna({"n": 0, "assigned": 0, "disagreement": False}).astype(
        {"n": int, "assigned": int, "disagreement": bool}
    )
    wanted = challenge.reviews_per_proposal
    table["low_coverage"] = table["n"] < wanted
    queue = table[table.disagreement | table.low_coverage].copy()
    queue["reason"] = [
        _reason(row, wanted, challenge.disagreement_threshold) for row in queue.itertuples()
    ]
    queue = queue.sort_values(
        ["disagreement", "spread", "n", "reference"],
        ascending=[False, False, True, True],
        na_position="last",
        kind="stable",
    )
    return queue[QUEUE_COLUMNS].reset_index(drop=True)


def _reason(row, wanted: int, threshold: float) -> str:  # type: ignore[no-untyped-def]
    parts = []
    if row.disagreement:
        parts.append(
            f"Judges disagree: their totals span {row.spread:g} points (over {threshold:g})"
        )
    if row.low_coverage:
        parts.append(f"{row.n} of {wanted} reviews submitted ({row.assigned} judges assigned)")
    return "; ".join(parts)


def extra_review_judges(
    *, session: Session, actor: UserView, proposal_id: int
) -> list[JudgeChoice]:
    """Active judges who could be asked for one more review of the proposal, by name: not
    already holding it, no conflict with its organisation (unless dismissed), under the cap."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    proposal = _proposal_in(session, challenge.id, proposal_id)
    facts = _facts(session, challenge, proposal)
    return [
        JudgeChoice(judge.id, judge.name, facts.loads.get(judge.id, 0))
        for judge in db_judging.active_judges(session)
        if _refusal(facts, judge.id) is None
    ]


def request_extra_review(
    *, session: Session, actor: UserView, proposal_id: int, judge_id: int, now: datetime
) -> None:
    """Assign the proposal to one more judge, published at once and due when judging closes."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    proposal = _proposal_in(session, challenge.id, proposal_id)
    if judge_id not in {judge.id for judge in db_judging.active_judges(session)}:
        raise InvalidInput({"judge": ["Choose an active judge."]})
    if not judging_open(challenge.phase, challenge.judging_closes_at, now):
        raise ServiceError(
            "Judging is closed, so no judge could submit another review. Reopen judging first "
            "(the phase on Set-up, the closing time on Judging)."
        )
    refusal = _refusal(_facts(session, challenge, proposal), judge_id)
    if refusal:
        raise ServiceError(refusal)
    row = Assignment(
        judge_id=judge_id,
        proposal_id=proposal.id,
        due_at=challenge.judging_closes_at,
        published=True,
        created_at=now,
    )
    session.add(row)
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="moderation.extra_review_requested",
        object_type="assignment",
        object_id=row.id,
        after={"judge_id": judge_id, "proposal_id": proposal.id, "due_at": row.due_at},
    )
    rankings_changed(session, challenge.id)


@dataclass(frozen=True)
class _Facts:
    cap: int
    loads: dict[int, int]
    holding: dict[int, str]
    reviewers: set[int]
    conflicts: dict[int, str]


def _facts(session: Session, challenge, proposal) -> _Facts:  # type: ignore[no-untyped-def]
    return _Facts(
        cap=challenge.judge_load_cap,
        loads=db_rankings.judge_loads(session, challenge.id),
        holding=db_rankings.assignment_states(session, proposal.id),
        reviewers=db_rankings.reviewers_of(session, proposal.id),
        conflicts=db_rankings.conflict_statuses(session, proposal.organisation_id),
    )


def _refusal(facts: _Facts, judge_id: int) -> str | None:
    """Why this judge cannot be asked, or None. A conflict counts unless it was dismissed."""
    state, conflict = facts.holding.get(judge_id), facts.conflicts.get(judge_id)
    if state == AssignmentState.ABSTAINED.value:
        return "This judge abstained from this proposal. Choose another judge."
    if state is not None or judge_id in facts.reviewers:
        return "This judge already has this proposal. Choose another judge."
    if conflict == ConflictStatus.PENDING.value:
        return (
            "A suggested conflict between this judge and the proposal's organisation awaits a "
            "decision. Confirm or dismiss it on the Judging page, or choose another judge."
        )
    if conflict is not None and conflict != ConflictStatus.DISMISSED.value:
        return "This judge has a conflict of interest with this proposal's organisation."
    load = facts.loads.get(judge_id, 0)
    if load >= facts.cap:
        return (
            f"This judge already holds {load} proposals, the load cap ({facts.cap}). "
            "Choose another judge or raise the cap on the Judging page."
        )
    return None


def add_moderation_note(
    *, session: Session, actor: UserView, proposal_id: int, text: str, now: datetime
) -> None:
    """A note for the panel on a proposal; kept with its author and time, and audited."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    proposal = _proposal_in(session, challenge.id, proposal_id)
    words = text.strip()
    if not words:
        raise InvalidInput({"text": ["Write the note first."]})
    if len(words) > NOTE_MAX:
        raise InvalidInput(
            {"text": [f"Keep the note under {NOTE_MAX:,} characters (it has {len(words):,})."]}
        )
    note = ModerationNote(proposal_id=proposal.id, author_id=actor.id, text=words, created_at=now)
    session.add(note)
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="moderation.note_added",
        object_type="proposal",
        object_id=proposal.id,
        after={"note_id": note.id, "text": words},
    )


def moderation_notes(*, session: Session, actor: UserView, proposal_id: int) -> pd.DataFrame:
    """The proposal's notes, oldest first: created_at, author, text."""
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    proposal = _proposal_in(session, challenge.id, proposal_id)
    return db_rankings.notes_of(session, proposal.id)


def _proposal_in(session: Session, challenge_id: int, proposal_id: int):  # type: ignore[no-untyped-def]
    proposal = db_judging.proposal_brief(session, proposal_id)
    if proposal is None or proposal.challenge_id != challenge_id:
        raise NotFound("That proposal is not in this challenge. Reload the page.")
    if proposal.status not in db_rankings.IN_JUDGING:
        raise ServiceError("That proposal is not in judging (it is not eligible).")
    return proposal
