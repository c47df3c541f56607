"""Awards (organisers): decisions on shortlisted proposals within the budget and ceilings, the
recommended slate beside the plain top-N, feedback moderation, and publishing.

Decisions stay pending (released_at empty) until `publish_decisions`, which releases them all,
sets each proposal's status from its decisions and moves the challenge to `published`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import decisions as db_decisions
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Challenge, Decision
from civic_challenge.domain.aggregation import score_proposals
from civic_challenge.domain.leniency import adjust_for_leniency
from civic_challenge.domain.money import pounds
from civic_challenge.domain.slate import Slate, SlateOptions, ThemeMinimum, recommend_slate
from civic_challenge.domain.slate_input import award_ceiling
from civic_challenge.domain.terms import (
    Aggregation,
    DecisionOutcome,
    DecisionStage,
    Normalisation,
    Phase,
    ProposalStatus,
    Role,
)
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import InvalidInput, NotFound, ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import require_role

if TYPE_CHECKING:
    from sqlmodel import Session

YES, NO = DecisionOutcome.YES.value, DecisionOutcome.NO.value
RATIONALE_MAX = 3000
COMMENT_MAX = 3000
PUBLISHED = (
    "Decisions have been published: applicants have seen them, so they can no longer be changed."
)


@dataclass(frozen=True)
class BudgetLine:
    theme_key: str
    theme_name: str
    target_pence: int
    awarded_pence: int


@dataclass(frozen=True)
class AwardsOverview:
    """candidates: one row per shortlisted proposal (db.decisions.CANDIDATE_COLUMNS plus
    raw_score, adjusted_score, reviews, ceiling_pence, theme_name); budget per theme."""

    phase: Phase
    budget_pence: int
    max_award_pence: int
    awarded_pence: int
    candidates: pd.DataFrame
    budget: tuple[BudgetLine, ...]
    adjustment: str  # what the adjusted score is, or why it equals the raw score
    theme_names: dict[str, str]
    statement_names: dict[str, str]


def awards_overview(*, session: Session, actor: UserView) -> AwardsOverview:
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid = challenge.id
    assert cid is not None
    themes = db_challenges.themes_of(session, cid)
    statements = db_challenges.statements_of(session, cid)
    ceilings = {s.key: s.max_award_pence for s in statements if s.max_award_pence is not None}
    scores, adjustment = _scores(session, challenge)
    frame = db_decisions.shortlisted_frame(session, cid).merge(scores, on="proposal_id", how="left")
    theme_names = {t.key: t.name for t in themes}
    frame["theme_name"] = frame["theme_key"].map(theme_names).fillna("No theme")
    frame["ceiling_pence"] = [
        award_ceiling(
            None if pd.isna(s) else s,
            max_award_pence=challenge.max_award_pence,
            statement_ceilings=ceilings,
        )
        for s in frame["statement_key"]
    ]
    awarded = frame[frame["award_outcome"] == YES]
    by_theme = pd.to_numeric(awarded["award_pence"]).groupby(awarded["theme_key"]).sum()
    return AwardsOverview(
        phase=Phase(challenge.phase),
        budget_pence=challenge.budget_pence,
        max_award_pence=challenge.max_award_pence,
        awarded_pence=db_decisions.awarded_pence(session, cid),
        candidates=frame,
        budget=tuple(
            BudgetLine(
                t.key,
                t.name,
                round(t.target_budget_share * challenge.budget_pence),
                int(by_theme.get(t.key, 0)),
            )
            for t in themes
        ),
        adjustment=adjustment,
        theme_names=theme_names,
        statement_names={s.key: s.title for s in statements},
    )


def _scores(session: Session, challenge: Challenge) -> tuple[pd.DataFrame, str]:
    """Raw and adjusted proposal scores over every submitted review (the whole judge graph)."""
    reviews = db_decisions.submitted_totals(session, challenge.id)  # type: ignore[arg-type]
    aggregation = Aggregation(challenge.aggregation)
    method = Normalisation(challenge.normalisation)
    columns = ["proposal_id", "raw_score", "adjusted_score", "reviews"]
    if reviews.empty:
        return pd.DataFrame(columns=columns), "No reviews have been submitted yet."
    adjusted = adjust_for_leniency(reviews, method)
    raw = score_proposals(reviews, aggregation=aggregation)
    fair = score_proposals(adjusted.reviews, aggregation=aggregation, column="adjusted")
    frame = pd.DataFrame(
        {
            "raw_score": raw["score"],
            "adjusted_score": fair["score"].reindex(raw.index),
            "reviews": raw["n"],
        }
    ).reset_index()
    if adjusted.refused:
        note = f"Scores are not adjusted for judge leniency: {adjusted.refused_reason}"
    elif method is Normalisation.NONE:
        note = "Judge leniency adjustment is turned off in the judging settings."
    else:
        note = f"Adjusted scores correct for judge leniency ({method.value} method)."
    return frame[columns], note


@dataclass(frozen=True)
class SlateChoice:
    """The organiser's settings for the recommendation."""

    priority_factor: float = 0.5  # each theme's minimum = factor x its target share of money
    max_awards: int | None = None
    cover_statements: bool = True
    one_per_organisation: bool = True


@dataclass(frozen=True)
class SlateView:
    slate: Slate
    labels: dict[int, str]  # proposal id -> "CIC-2018-0042 · title"
    minimums: tuple[str, ...]  # the minimums in words
    amounts: pd.Series  # proposal id -> the pence the slate counted for it


def recommended_slate(*, session: Session, actor: UserView, choice: SlateChoice) -> SlateView:
    """The best slate among the shortlist by adjusted score (raw where not adjusted)."""
    overview = awards_overview(session=session, actor=actor)
    challenge = current_challenge(session)
    frame = overview.candidates
    statements = db_challenges.statements_of(session, challenge.id)  # type: ignore[arg-type]
    score = frame["adjusted_score"].fillna(frame["raw_score"])
    reduced = frame["award_pence"].where(frame["award_outcome"] == YES)
    amount = pd.to_numeric(reduced).fillna(pd.to_numeric(frame["requested_pence"]))
    proposals = pd.DataFrame(
        {
            "proposal_id": frame["proposal_id"],
            "organisation_id": frame["organisation_id"],
            "statement_key": frame["statement_key"],
            "theme_key": frame["theme_key"],
            "score": pd.to_numeric(score),
            "amount_pence": amount,
            "label": frame["reference"].fillna(frame["proposal_id"].astype(str)),
        }
    )
    factor = min(max(float(choice.priority_factor), 0.0), 1.0)
    themes = db_challenges.themes_of(session, challenge.id)  # type: ignore[arg-type]
    minimums = [
        ThemeMinimum(t.key, share=round(t.target_budget_share * factor, 4))
        for t in themes
        if t.target_budget_share * factor > 0
    ]
    slate = recommend_slate(
        proposals,
        budget_pence=challenge.budget_pence,
        minimums=minimums,
        options=SlateOptions(
            max_award_pence=challenge.max_award_pence,
            statement_ceilings={
                s.key: s.max_award_pence for s in statements if s.max_award_pence is not None
            },
            max_awards=choice.max_awards or None,
            cover_statements=choice.cover_statements,
            statement_keys=tuple(s.key for s in statements),
            one_per_organisation=choice.one_per_organisation,
            theme_names=overview.theme_names,
            statement_names=overview.statement_names,
        ),
    )
    labels = {
        int(r.proposal_id): f"{r.reference or r.proposal_id} · {r.title}"
        for r in frame.itertuples()
    }
    words = tuple(
        f"{overview.theme_names.get(m.theme_key, m.theme_key)}: at least {m.share:.1%} of the "
        "money awarded"
        for m in minimums
    )
    amounts = pd.Series(amount.to_numpy(), index=frame["proposal_id"].to_numpy())
    return SlateView(slate, labels, words, amounts)


def decide_award(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int,
    award: bool,
    amount_pence: int | None,
    rationale: str,
    now: datetime,
) -> None:
    """Record a pending award decision ("yes" with an amount, or "no") on a shortlisted proposal.

    An award with no amount is for what was requested.
    Refused, with the numbers: a proposal not on the shortlist; an amount missing, above what
    was requested or above its ceiling (its statement's own, else the challenge's); an award
    that would take the awards past the budget; any change once decisions are published.
    """
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    if Phase(challenge.phase) is Phase.PUBLISHED:
        raise ServiceError(PUBLISHED)
    proposal = db_decisions.proposal_challenge(session, proposal_id)
    if proposal is None or proposal.challenge_id != challenge.id:
        raise NotFound("That proposal is not part of this challenge.")
    label = proposal.reference or f"Proposal {proposal_id}"
    shortlisted = db_decisions.find_decision(session, proposal_id, DecisionStage.SHORTLIST)
    if shortlisted is None or shortlisted.outcome != YES:
        raise InvalidInput(
            {
                "proposal": [
                    f"{label} is not on the shortlist: only shortlisted proposals can be "
                    "awarded. Shortlist it on the Results page first."
                ]
            }
        )
    existing = db_decisions.find_decision(session, proposal_id, DecisionStage.AWARD)
    if existing is not None and existing.released_at is not None:
        raise ServiceError(PUBLISHED)
    text = rationale.strip()
    problems: dict[str, list[str]] = {"amount": [], "rationale": []}
    if len(text) > RATIONALE_MAX:
        problems["rationale"].append(f"Keep the rationale to {RATIONALE_MAX} characters.")
    if award and amount_pence is None:
        amount_pence = proposal.amount_requested_pence  # left empty: what was requested
    if award:
        problems["amount"] = _amount_problems(session, challenge, proposal, label, amount_pence)
    if any(problems.values()):
        raise InvalidInput(problems)
    _write_award(session, actor, proposal_id, existing, award, amount_pence, text, now)
    rankings_changed(session, challenge.id)  # type: ignore[arg-type]


def _amount_problems(session, challenge, proposal, label, amount) -> list[str]:  # type: ignore[no-untyped-def]
    if amount is None or amount <= 0:
        return ["Enter the amount to award, in pounds."]
    problems = []
    requested = proposal.amount_requested_pence
    if requested is not None and amount > requested:
        problems.append(f"{pounds(amount)} is more than the {pounds(requested)} {label} requested.")
    ceiling, whose = challenge.max_award_pence, "the ceiling for each award"
    statements = {s.id: s for s in db_challenges.statements_of(session, challenge.id)}
    statement = statements.get(proposal.statement_id)
    if statement is not None and statement.max_award_pence is not None:
        ceiling, whose = statement.max_award_pence, f"the ceiling for {statement.title}"
    if amount > ceiling:
        problems.append(f"{pounds(amount)} is above {pounds(ceiling)}, {whose}.")
    others = db_decisions.awarded_pence(session, challenge.id)
    existing = db_decisions.find_decision(session, proposal.id, DecisionStage.AWARD)
    if existing is not None and existing.outcome == YES:
        others -= existing.amount_pence or 0
    if others + amount > challenge.budget_pence:
        left = max(challenge.budget_pence - others, 0)
        problems.append(
            f"Awarding {pounds(amount)} would bring the awards to {pounds(others + amount)}, "
            f"above the {pounds(challenge.budget_pence)} budget: {pounds(others)} is already "
            f"awarded, so {pounds(left)} is left."
        )
    return problems


def _write_award(session, actor, proposal_id, existing, award, amount, text, now) -> None:  # type: ignore[no-untyped-def]
    outcome = YES if award else NO
    before = None
    if existing is None:
        existing = Decision(
            proposal_id=proposal_id,
            stage=DecisionStage.AWARD.value,
            outcome=outcome,
            decided_by_id=actor.id,
            decided_at=now,
        )
        session.add(existing)
    else:
        before = {"outcome": existing.outcome, "amount_pence": existing.amount_pence}
        existing.version += 1
    existing.outcome = outcome
    existing.amount_pence = amount if award else None
    existing.rationale = text
    existing.decided_by_id, existing.decided_at = actor.id, now
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="decision.awarded" if award else "decision.not_awarded",
        object_type="decision",
        object_id=existing.id,
        before=before,
        after={
            "proposal_id": proposal_id,
            "stage": "award",
            "outcome": outcome,
            "amount_pence": existing.amount_pence,
            "released": False,
        },
    )


@dataclass(frozen=True)
class PublishCheck:
    """What publishing would leave behind: each line a reason to confirm first."""

    missing_reviews: int
    judges_behind: int
    undecided: tuple[str, ...]  # references shortlisted without an award decision
    pending_decisions: int

    @property
    def warnings(self) -> tuple[str, ...]:
        lines = []
        if self.missing_reviews:
            who = "judge" if self.judges_behind == 1 else "judges"
            lines.append(
                f"{self.missing_reviews} assigned reviews are still missing "
                f"({self.judges_behind} {who} have not finished)."
            )
        if self.undecided:
            shown = ", ".join(self.undecided[:10]) + ("..." if len(self.undecided) > 10 else "")
            lines.append(
                f"{len(self.undecided)} shortlisted proposals have no award decision yet "
                f"({shown}); they would be published as shortlisted, not awarded."
            )
        return tuple(lines)


def publish_check(*, session: Session, actor: UserView) -> PublishCheck:
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid = challenge.id
    missing = db_decisions.missing_reviews(session, cid)  # type: ignore[arg-type]
    shortlisted = db_decisions.shortlisted_frame(session, cid)  # type: ignore[arg-type]
    undecided = shortlisted[shortlisted["award_outcome"].isna()]
    return PublishCheck(
        missing_reviews=len(missing),
        judges_behind=int(missing["judge"].nunique()),
        undecided=tuple(str(r) for r in undecided["reference"].fillna("?")),
        pending_decisions=len(db_decisions.unreleased_decisions(session, cid)),  # type: ignore[arg-type]
    )


def publish_decisions(*, session: Session, actor: UserView, confirm: bool, now: datetime) -> int:
    """Release every pending decision and move the challenge to `published`; returns how many
    decisions were released. Refused while reviews are missing or shortlisted proposals are
    undecided, unless `confirm`; refused before judging has started."""
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session, lock=True)
    phase = Phase(challenge.phase)
    if phase is Phase.PUBLISHED:
        raise ServiceError("Decisions are already published.")
    if phase in {Phase.SETUP, Phase.OPEN}:
        raise ServiceError(
            f"The challenge is still in its {phase.value} phase: decisions can be published "
            "only after judging."
        )
    check = publish_check(session=session, actor=actor)
    if check.warnings and not confirm:
        raise ServiceError(
            "Not published yet. "
            + " ".join(check.warnings)
            + ' Tick "Publish anyway" to publish regardless.'
        )
    decisions = db_decisions.unreleased_decisions(session, challenge.id)  # type: ignore[arg-type]
    db_decisions.release(session, decisions, now)
    for proposal_id, status in _statuses(decisions).items():
        db_decisions.set_status(session, proposal_id, status)
    before = {"phase": challenge.phase}
    challenge.phase = Phase.PUBLISHED.value
    challenge.version += 1
    session.flush()
    rankings_changed(session, challenge.id)  # type: ignore[arg-type]
    record_event(
        session,
        actor_id=actor.id,
        action="decisions.published",
        object_type="challenge",
        object_id=challenge.id,
        before=before,
        after={
            "phase": challenge.phase,
            "released": len(decisions),
            "confirmed_despite": list(check.warnings),
        },
    )
    return len(decisions)


def _statuses(decisions: list[Decision]) -> dict[int, ProposalStatus]:
    """Each decided proposal's status for applicants: awarded, declined or shortlisted."""
    statuses: dict[int, ProposalStatus] = {}
    for decision in decisions:
        if decision.stage == DecisionStage.SHORTLIST.value and decision.outcome == YES:
            statuses.setdefault(decision.proposal_id, ProposalStatus.SHORTLISTED)
    for decision in decisions:
        if decision.stage == DecisionStage.AWARD.value:
            statuses[decision.proposal_id] = (
                ProposalStatus.AWARDED if decision.outcome == YES else ProposalStatus.DECLINED
            )
    return statuses


def feedback_for_moderation(*, session: Session, actor: UserView) -> pd.DataFrame:
    """Every submitted review's comment for the applicant, with the moderated wording if any."""
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session)
    return db_decisions.feedback_frame(session, challenge.id)  # type: ignore[arg-type]


def moderate_comment(
    *,
    session: Session,
    actor: UserView,
    review_id: int,
    text: str | None,
    version: int,
    now: datetime,
) -> None:
    """Set what the applicant will read of one judge's comment (None: the judge's own words;
    "" hides it). Refused once decisions are published, or if the review changed meanwhile."""
    require_role(actor, Role.ORGANISER)
    challenge = current_challenge(session)
    if Phase(challenge.phase) is Phase.PUBLISHED:
        raise ServiceError(
            "Feedback has been released with the decisions and can no longer be edited."
        )
    review = db_decisions.lock_review(session, review_id)
    proposal = (
        None if review is None else db_decisions.proposal_challenge(session, review.proposal_id)
    )
    if review is None or proposal is None or proposal.challenge_id != challenge.id:
        raise NotFound("That review no longer exists.")
    if review.version != version:
        raise ServiceError("This review was changed elsewhere. Reload to see the latest wording.")
    wording = None if text is None else text.strip()
    if wording is not None and len(wording) > COMMENT_MAX:
        raise InvalidInput({"comment": [f"Keep the comment to {COMMENT_MAX} characters."]})
    if wording == review.comment_for_applicant.strip():
        wording = None
    before = {"moderated_comment": review.moderated_comment}
    review.moderated_comment = wording
    review.version += 1
    session.flush()
    record_event(
        session,
        actor_id=actor.id,
        action="review.feedback_moderated",
        object_type="review",
        object_id=review.id,
        before=before,
        after={"moderated_comment": wording, "at": now.isoformat()},
    )
