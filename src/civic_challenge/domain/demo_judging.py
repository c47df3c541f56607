"""The demo's judging: judges with a hidden leniency, conflicts, balanced assignments, reviews.

Scores are latent proposal quality + judge leniency + noise, so normalisation has something real
to find; a few proposals are made divisive so the disagreement flag has something to show.
"""

from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from random import Random

from civic_challenge.domain.demo_records import (
    DemoAssignment,
    DemoChallengeInfo,
    DemoConflict,
    DemoCriterion,
    DemoJudge,
    DemoProposal,
    DemoReview,
)
from civic_challenge.domain.demo_text import JUDGE_NAMES, PANEL_NOTES, comment_for
from civic_challenge.domain.scoring import CriterionScale, review_total
from civic_challenge.domain.terms import (
    AssignmentState,
    Confidence,
    ConflictSource,
    ConflictStatus,
    ProposalStatus,
    ReviewState,
)

JUDGE_EMAILS = tuple(f"judge{n:02d}@example.org" for n in range(1, len(JUDGE_NAMES) + 1))
LENIENCY = (0.9, 0.7, 0.5, 0.3, 0.1, 0.0, 0.0, -0.1, -0.3, -0.5, -0.8, -1.0)
CONFLICTS = (
    (ConflictSource.DECLARED, ConflictStatus.CONFIRMED, "I was an employee until 2017."),
    (ConflictSource.DECLARED, ConflictStatus.CONFIRMED, "I advised the founders last year."),
    (ConflictSource.DECLARED, ConflictStatus.CONFIRMED, "A close friend is a director."),
    (ConflictSource.DECLARED, ConflictStatus.PENDING, "My partner works there part-time."),
    (ConflictSource.SUGGESTED, ConflictStatus.CONFIRMED, "Surname matches a director's."),
    (ConflictSource.SUGGESTED, ConflictStatus.PENDING, "Surname matches a director's."),
    (ConflictSource.SUGGESTED, ConflictStatus.DISMISSED, "Surname matches a director's."),
)
UNDECLARED_JUDGE = JUDGE_EMAILS[-1]
DIVISIVE = 8
DIVISIVE_SWING = (1.6, 0.0, -1.6)
ABSTENTIONS = 2
DRAFT_REVIEWS = 5
PENDING_SHARE = 0.13


def make_judges(rng: Random, theme_keys: list[str]) -> list[DemoJudge]:
    """Every theme has expert judges; some judges know two themes. Leniency is shuffled."""
    leniency = list(LENIENCY)
    rng.shuffle(leniency)
    judges = []
    for n, (email, name) in enumerate(zip(JUDGE_EMAILS, JUDGE_NAMES, strict=True)):
        expertise = [theme_keys[n % len(theme_keys)]]
        if rng.random() < 0.4:
            expertise.append(rng.choice([k for k in theme_keys if k != expertise[0]]))
        judges.append(DemoJudge(email, name, tuple(expertise), leniency[n]))
    return judges


def make_conflicts(
    rng: Random, judges: list[DemoJudge], proposals: list[DemoProposal]
) -> list[DemoConflict]:
    """One conflict per kind, each between a different judge and a submitting organisation."""
    organisations = sorted({p.organisation for p in proposals if p.submitted_at})
    chosen_judges = rng.sample(judges, len(CONFLICTS))
    chosen_orgs = rng.sample(organisations, len(CONFLICTS))
    return [
        DemoConflict(judge.email, org, reason, source.value, status.value)
        for judge, org, (source, status, reason) in zip(
            chosen_judges, chosen_orgs, CONFLICTS, strict=True
        )
    ]


def assign_judges(
    proposals: list[DemoProposal],
    judges: list[DemoJudge],
    conflicts: list[DemoConflict],
    challenge: DemoChallengeInfo,
) -> list[DemoAssignment]:
    """k judges per eligible proposal: least loaded first, experts before others, never conflicted.

    A simple balanced greedy pass, good enough for a demo; the real assignment is solved exactly.
    Conflicts still awaiting an organiser's decision are treated as real, to be safe.
    """
    blocked = {(c.judge, c.organisation) for c in conflicts if c.status != ConflictStatus.DISMISSED}
    load: Counter[str] = Counter()
    assignments = []
    for proposal in proposals:
        if proposal.status != ProposalStatus.ELIGIBLE.value:
            continue
        free = [j for j in judges if (j.email, proposal.organisation) not in blocked]
        free.sort(key=lambda j: (load[j.email], proposal.primary_theme not in j.expertise))
        for judge in free[: challenge.reviews_per_proposal]:
            load[judge.email] += 1
            assignments.append(
                DemoAssignment(judge.email, proposal.index, AssignmentState.PENDING.value,
                               challenge.judging_closes_at)
            )  # fmt: skip
    if max(load.values(), default=0) > challenge.judge_load_cap:
        raise ValueError("The demo needs more judges: a judge's load passed the cap.")
    return assignments


def write_reviews(
    rng: Random,
    assignments: list[DemoAssignment],
    proposals: list[DemoProposal],
    judges: list[DemoJudge],
    criteria: list[DemoCriterion],
    now: datetime,
) -> tuple[list[DemoAssignment], list[DemoReview]]:
    """About 85% reviewed (a few still drafts), a couple abstained, the rest pending. The last
    judge has not declared their conflicts yet, so has seen nothing: all theirs are pending."""
    order = rng.sample(range(len(assignments)), len(assignments))
    pending = set(order[: round(PENDING_SHARE * len(assignments))])
    rest = order[len(pending) :]
    abstained, drafts = (
        set(rest[:ABSTENTIONS]),
        set(rest[ABSTENTIONS : ABSTENTIONS + DRAFT_REVIEWS]),
    )
    by_index = {p.index: p for p in proposals}
    leniency = {j.email: j.leniency for j in judges}
    swing = _divisive_swings(rng, assignments)
    updated, reviews = [], []
    for n, assignment in enumerate(assignments):
        if n in pending or assignment.judge == UNDECLARED_JUDGE:
            updated.append(assignment)
        elif n in abstained:
            updated.append(_abstain(assignment))
        else:
            proposal = by_index[assignment.proposal]
            bias = proposal.quality + leniency[assignment.judge] + swing.get(n, 0.0)
            review = _review(rng, assignment, bias, criteria, now, draft=n in drafts)
            reviews.append(review)
            state = AssignmentState.STARTED if n in drafts else AssignmentState.SUBMITTED
            updated.append(replace(assignment, state=state.value))
    return updated, reviews


def _divisive_swings(rng: Random, assignments: list[DemoAssignment]) -> dict[int, float]:
    """For a few proposals, one judge loves it and another does not: by assignment position."""
    positions: dict[int, list[int]] = {}
    for n, assignment in enumerate(assignments):
        positions.setdefault(assignment.proposal, []).append(n)
    chosen = rng.sample(sorted(positions), DIVISIVE)
    return {n: DIVISIVE_SWING[k] for proposal in chosen for k, n in enumerate(positions[proposal])}


def _abstain(assignment: DemoAssignment) -> DemoAssignment:
    reason = "I have worked with this team before and cannot judge it fairly."
    return replace(assignment, state=AssignmentState.ABSTAINED.value, abstain_reason=reason)


def _review(
    rng: Random,
    assignment: DemoAssignment,
    bias: float,
    criteria: list[DemoCriterion],
    now: datetime,
    *,
    draft: bool,
) -> DemoReview:
    """A draft has only its first two criteria scored, so it has no total yet."""
    scored = criteria[:2] if draft else criteria
    scores = {c.key: _score(rng, bias, c) for c in scored}
    total = review_total(scores, [_scale(c) for c in criteria])
    created = now - timedelta(seconds=rng.randint(3600, 13 * 24 * 3600))
    return DemoReview(
        judge=assignment.judge,
        proposal=assignment.proposal,
        state=(ReviewState.DRAFT if draft else ReviewState.SUBMITTED).value,
        scores=scores,
        total=total,
        confidence=None if draft else rng.choice(list(Confidence)).value,
        comment_for_applicant=comment_for(total, rng),
        note_for_panel=rng.choice(PANEL_NOTES) if rng.random() < 0.2 else "",
        created_at=created,
        submitted_at=None if draft else created + timedelta(minutes=rng.randint(10, 50)),
    )


def _score(rng: Random, bias: float, criterion: DemoCriterion) -> int:
    """Bias is on the 1-5 scale; other scales get it stretched to fit, then clipped."""
    span = (criterion.scale_max - criterion.scale_min) / 4
    raw = criterion.scale_min + (bias - 1 + rng.gauss(0, 0.5)) * span
    return max(criterion.scale_min, min(criterion.scale_max, round(raw)))


def _scale(criterion: DemoCriterion) -> CriterionScale:
    return CriterionScale(
        criterion.key,
        criterion.weight,
        criterion.scale_min,
        criterion.scale_max,
        criterion.counts_toward_total,
    )
