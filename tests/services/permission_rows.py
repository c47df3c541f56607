"""The shape of the permission table's rows and the values its calls are made with."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.rubric import CriterionDraft
from civic_challenge.domain.terms import Phase
from civic_challenge.services.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
)
from civic_challenge.services.proposal_access import ProposalLocked

from .permission_world import (
    APPLICANT_OWN,
    JUDGE_ASSIGNED,
    ORGANISER,
    World,
)

REFUSED = (PermissionDenied, NotFound)
ORGANISERS = frozenset({ORGANISER})
OWN = frozenset({APPLICANT_OWN})
JUDGE_OF_PROPOSAL = frozenset({JUDGE_ASSIGNED})
NOBODY: frozenset[str] = frozenset()
Call = Callable[[World, Any], Any]


@dataclass(frozen=True)
class Rows:
    """Who may make the call in each phase (all other kinds are refused there).

    `passes_with`: for a write whose valid input is long to build here, the error it must raise
    once past every permission check (so the row proves the gate, not the write). `closed_with`:
    how a phase refuses the call to everyone (say, the deadline passed), when that is not
    PermissionDenied; the other refusals must still be PermissionDenied or NotFound."""

    call: Call
    allowed: dict[Phase, frozenset[str]]
    passes_with: type[ServiceError] | None = None
    closed_with: dict[Phase, type[ServiceError]] = field(default_factory=dict)

    def refusals(self, phase: Phase) -> tuple[type[ServiceError], ...]:
        closed = self.closed_with.get(phase)
        return REFUSED if closed is None else (*REFUSED, closed)


def judging(call: Call, allowed: frozenset[str], **more: Any) -> Rows:
    return Rows(call, {Phase.JUDGING: allowed}, **more)


def judge_rows(call: Call, allowed: frozenset[str] = JUDGE_OF_PROPOSAL, **more: Any) -> Rows:
    """Judges see proposals once judging starts (the open call shows them nothing) and still
    after the decisions."""
    return Rows(call, {Phase.OPEN: NOBODY, Phase.JUDGING: allowed, Phase.DECIDED: allowed}, **more)


def judge_writer_rows(call: Call, **more: Any) -> Rows:
    """A judge's review changes only while judging is open, on a proposal assigned to them."""
    return Rows(
        call,
        {Phase.OPEN: NOBODY, Phase.JUDGING: JUDGE_OF_PROPOSAL, Phase.DECIDED: NOBODY},
        closed_with={Phase.DECIDED: ServiceError},
        **more,
    )


def writer_rows(call: Call, **more: Any) -> Rows:
    """An applicant changes the own organisation's proposal only while the call is open."""
    closed = [Phase.SETUP, Phase.JUDGING, Phase.DECIDED]
    return Rows(
        call,
        {Phase.SETUP: NOBODY, Phase.OPEN: OWN, Phase.JUDGING: NOBODY, Phase.DECIDED: NOBODY},
        closed_with=dict.fromkeys(closed, ProposalLocked),
        **more,
    )


def draft(**given: Any) -> ProposalDraft:
    return ProposalDraft(title="Cleaner streets, written again", **given)


def criterion_draft() -> CriterionDraft:
    levels = ("Poor.", "Weak.", "Fair.", "Good.", "Excellent.")
    return CriterionDraft("Reach", "How many people it helps.", 1.0, 1, 5, levels)
