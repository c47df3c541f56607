"""What a judge reads: their queue with progress, and one proposal with its scoring form
(blind when the challenge says so: no organisation, people, website, borough or attachment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import judging as db_judging
from civic_challenge.db import reviews as db_reviews
from civic_challenge.domain.reviews import judging_open, may_see_other_scores, redact
from civic_challenge.domain.terms import AssignmentState, ReviewState
from civic_challenge.services.accounts import UserView
from civic_challenge.services.judge_access import judge_access, judge_gate
from civic_challenge.services.reviews import ReviewView, view_of
from civic_challenge.services.rubric import CriterionView

if TYPE_CHECKING:
    from sqlmodel import Session

STATE_WORDS = {
    "new": "Not started",
    ReviewState.DRAFT.value: "Draft saved",
    ReviewState.SUBMITTED.value: "Submitted",
    AssignmentState.ABSTAINED.value: "Abstained",
}


@dataclass(frozen=True)
class QueueItem:
    proposal_id: int
    reference: str
    title: str
    state: str  # one of STATE_WORDS' values


@dataclass(frozen=True)
class Queue:
    items: tuple[QueueItem, ...]
    scored: int  # submitted reviews
    total: int  # assignments not abstained from
    next_unscored: int | None  # a proposal id
    due_at: datetime | None
    judging_open: bool

    @property
    def progress(self) -> str:
        return f"{self.scored} of {self.total} scored"


def my_queue(*, session: Session, actor: UserView, now: datetime) -> Queue:
    challenge = judge_gate(session, actor)
    frame = db_reviews.queue_frame(session, actor.id, challenge.id)
    blocked = db_judging.blocked_organisations(session, actor.id)
    frame = frame[~frame.organisation_id.isin(blocked)]
    items = tuple(
        QueueItem(
            int(r.proposal_id),
            r.reference or f"#{r.proposal_id}",
            redact(r.title, r.organisation_name) if challenge.blind_review else r.title,
            _state(r),
        )
        for r in frame.itertuples()
    )
    active = [i for i in items if i.state != STATE_WORDS[AssignmentState.ABSTAINED.value]]
    scored = sum(i.state == STATE_WORDS[ReviewState.SUBMITTED.value] for i in active)
    waiting = [i for i in active if i.state != STATE_WORDS[ReviewState.SUBMITTED.value]]
    return Queue(
        items,
        scored,
        len(active),
        waiting[0].proposal_id if waiting else None,
        challenge.judging_closes_at,
        judging_open(challenge.phase, challenge.judging_closes_at, now),
    )


def _state(row) -> str:  # type: ignore[no-untyped-def]
    if row.state == AssignmentState.ABSTAINED.value:
        return STATE_WORDS[AssignmentState.ABSTAINED.value]
    review_state = row.review_state if isinstance(row.review_state, str) else "new"
    return STATE_WORDS[review_state]


@dataclass(frozen=True)
class ProposalForJudge:
    id: int
    reference: str
    title: str
    summary: str
    problem: str
    solution: str
    impact: str
    milestones: str
    amount_requested_pence: int | None
    statement: str
    themes: tuple[str, ...]
    pilot_boroughs: tuple[str, ...]
    blind: bool
    # None under blind review:
    organisation: str | None
    website: str | None
    borough: str | None
    people: str | None
    attachment: str | None


@dataclass(frozen=True)
class ScoringSheet:
    proposal: ProposalForJudge
    criteria: tuple[CriterionView, ...]
    review: ReviewView
    abstained: bool
    judging_open: bool
    due_at: datetime | None
    other_totals: tuple[tuple[float | None, str | None], ...] | None  # None: not visible yet

    @property
    def editable(self) -> bool:
        return self.judging_open and not self.abstained


def open_review(*, session: Session, actor: UserView, proposal_id: int, now: datetime):
    """The proposal (blind when set), the rubric, the judge's own review, and other judges'
    totals only as the challenge's score visibility allows."""
    access = judge_access(session, actor, proposal_id, now)
    challenge = access.challenge
    review = view_of(db_reviews.find_review(session, actor.id, proposal_id), session)
    own_submitted = review.state is ReviewState.SUBMITTED
    others = None
    if may_see_other_scores(challenge.score_visibility, own_submitted):
        others = tuple(db_reviews.other_submitted_reviews(session, proposal_id, actor.id))
    return ScoringSheet(
        _proposal(session, proposal_id, challenge.blind_review),
        access.criteria,
        review,
        access.assignment.state == AssignmentState.ABSTAINED.value,
        judging_open(challenge.phase, challenge.judging_closes_at, now),
        access.assignment.due_at,
        others,
    )


def _proposal(session: Session, proposal_id: int, blind: bool) -> ProposalForJudge:
    parts = db_reviews.proposal_parts(session, proposal_id)
    assert parts is not None  # judge_access found it
    proposal, organisation, statement, themes, boroughs, attachment = parts
    attachment_words = f"{attachment[0]} ({attachment[1] // 1024 or 1} KB)" if attachment else None
    text = [
        proposal.title,
        proposal.summary,
        proposal.problem,
        proposal.solution,
        proposal.impact,
        proposal.milestones,
    ]
    if blind:
        text = [redact(t, organisation.name) for t in text]
    title, summary, problem, solution, impact, milestones = text
    return ProposalForJudge(
        proposal.id,
        proposal.reference or f"#{proposal.id}",
        title,
        summary,
        problem,
        solution,
        impact,
        milestones,
        proposal.amount_requested_pence,
        statement,
        tuple(themes),
        tuple(boroughs),
        blind,
        None if blind else organisation.name,
        None if blind else organisation.website,
        None if blind else organisation.borough_code,
        None if blind else db_reviews.author_name(session, proposal.created_by_id),
        None if blind else attachment_words,
    )
