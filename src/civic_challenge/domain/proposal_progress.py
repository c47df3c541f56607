"""What applicants may read of their proposal's progress: status words and a timeline.

Until decisions are released nothing after "submitted" shows through, not even in a status name:
screening, shortlisting and awards are stored as they happen but read "Submitted: under review".
Releases come in stages: the shortlist, then the awards; a status changes only when released.
"""

from dataclasses import dataclass
from datetime import datetime

from civic_challenge.domain.terms import Phase, ProposalStatus

UNDER_REVIEW = "Submitted: under review"
_RELEASED_WORDS = {
    ProposalStatus.SUBMITTED: "Not shortlisted",
    ProposalStatus.INELIGIBLE: "Not eligible",
    ProposalStatus.ELIGIBLE: "Not shortlisted",
    ProposalStatus.SHORTLISTED: "Shortlisted",
    ProposalStatus.AWARDED: "Awarded",
    ProposalStatus.DECLINED: "Shortlisted, not awarded",
}


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # "done", "failed", "waiting" or "skipped"
    at: datetime | None = None


def outcome_released(phase: Phase, *, any_release: bool) -> bool:
    """Whether applicants read outcomes at all: once the first release (the shortlist, usually)
    has gone out, or the challenge is published. What they read then is the proposal's status,
    which only a release moves to shortlisted, awarded or declined."""
    return any_release or phase is Phase.PUBLISHED


def feedback_released(phase: Phase, status: ProposalStatus) -> bool:
    """Judges' feedback goes out with the awards, except to proposals still waiting for theirs."""
    return phase is Phase.PUBLISHED and status is not ProposalStatus.SHORTLISTED


def applicant_status(status: ProposalStatus, released: bool) -> str:
    if status is ProposalStatus.DRAFT:
        return "Draft: not submitted yet"
    if status is ProposalStatus.WITHDRAWN:
        return "Withdrawn"
    return _RELEASED_WORDS[status] if released else UNDER_REVIEW


def applicant_timeline(
    status: ProposalStatus,
    *,
    released: bool,
    created_at: datetime,
    submitted_at: datetime | None,
    withdrawn_at: datetime | None,
) -> list[Step]:
    """Draft, submitted, eligible, shortlisted, awarded: each done, failed, waiting or skipped."""
    steps = [Step("Draft started", "done", created_at)]
    if submitted_at is None:
        return [*steps, Step("Submitted", "waiting")]
    steps.append(Step("Submitted", "done", submitted_at))
    if status is ProposalStatus.WITHDRAWN:
        return [*steps, Step("Withdrawn", "done", withdrawn_at)]
    if not released:
        return [*steps, *(Step(label, "waiting") for label in _LATER)]
    return steps + _released_steps(status)


_LATER = ("Eligibility check", "Shortlist", "Award decision")
_RELEASED_LABELS = ("Eligible", "Shortlisted", "Awarded")
_RELEASED_STATES = {
    ProposalStatus.SUBMITTED: ("skipped", "failed", "skipped"),
    ProposalStatus.INELIGIBLE: ("failed", "skipped", "skipped"),
    ProposalStatus.ELIGIBLE: ("done", "failed", "skipped"),
    ProposalStatus.SHORTLISTED: ("done", "done", "waiting"),
    ProposalStatus.DECLINED: ("done", "done", "failed"),
    ProposalStatus.AWARDED: ("done", "done", "done"),
}


def _released_steps(status: ProposalStatus) -> list[Step]:
    states = _RELEASED_STATES[status]
    return [Step(label, state) for label, state in zip(_RELEASED_LABELS, states, strict=True)]


def applicant_stage(status: ProposalStatus) -> str:
    """What the applicant's own screens need to know: 'draft', 'submitted' or 'withdrawn'."""
    if status is ProposalStatus.DRAFT:
        return "draft"
    if status is ProposalStatus.WITHDRAWN:
        return "withdrawn"
    return "submitted"
