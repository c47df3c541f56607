"""Publishing (organisers): what publishing would leave behind, and releasing every pending
decision at once, which sets each proposal's status and moves the challenge to `published`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import decisions as db_decisions
from civic_challenge.db.audit import record_event
from civic_challenge.db.models import Decision
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.mail.progress_notices import queue_decision_notices
from civic_challenge.services.permissions import require_role

if TYPE_CHECKING:
    from sqlmodel import Session

YES = DecisionOutcome.YES.value


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
    statuses = _statuses(decisions)
    for proposal_id, status in statuses.items():
        db_decisions.set_status(session, proposal_id, status)
    queue_decision_notices(
        session=session, statuses={p: s.value for p, s in statuses.items()}, now=now
    )
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
