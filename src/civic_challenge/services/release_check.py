"""What a release would make visible, and what an awards release would leave behind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from civic_challenge.db import decisions as db_decisions
from civic_challenge.db import releases as db_releases
from civic_challenge.domain.terms import DecisionStage, Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class ReleaseCheck:
    phase: Phase
    pending_shortlist: tuple[str, ...]  # references whose shortlist decision waits
    pending_awards: tuple[str, ...]  # references whose award decision waits
    missing_reviews: int
    judges_behind: int
    undecided: tuple[str, ...]  # shortlisted without an award decision
    released_before: bool

    @property
    def award_warnings(self) -> tuple[str, ...]:
        """Reasons to confirm before releasing the awards."""
        lines = []
        if self.missing_reviews:
            who = "judge" if self.judges_behind == 1 else "judges"
            lines.append(
                f"{self.missing_reviews} assigned reviews are still missing "
                f"({self.judges_behind} {who} have not finished)."
            )
        if self.undecided:
            lines.append(
                f"{len(self.undecided)} shortlisted proposals have no award decision yet "
                f"({_listed(self.undecided)}); their applicants will go on reading "
                '"Shortlisted" until a later release.'
            )
        return tuple(lines)

    @property
    def nothing_pending(self) -> bool:
        return not self.pending_shortlist and not self.pending_awards


def release_check(*, session: Session, actor: UserView) -> ReleaseCheck:
    actor = acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    cid: int = challenge.id  # type: ignore[assignment]
    missing = db_decisions.missing_reviews(session, cid)
    shortlisted = db_decisions.shortlisted_frame(session, cid)
    undecided = shortlisted[shortlisted["award_outcome"].isna()]
    pending = db_decisions.unreleased_decisions(session, cid, lock=False)
    references = {
        int(r.proposal_id): str(r.reference) for r in db_decisions.references(session, cid)
    }

    def waiting(stage: DecisionStage) -> tuple[str, ...]:
        return tuple(
            sorted(references.get(d.proposal_id, "?") for d in pending if d.stage == stage.value)
        )

    return ReleaseCheck(
        phase=Phase(challenge.phase),
        pending_shortlist=waiting(DecisionStage.SHORTLIST),
        pending_awards=waiting(DecisionStage.AWARD),
        missing_reviews=len(missing),
        judges_behind=int(missing["judge"].nunique()),
        undecided=tuple(str(r) for r in undecided["reference"].fillna("?")),
        released_before=db_releases.has_release(session, cid),
    )


def _listed(references: tuple[str, ...]) -> str:
    return ", ".join(references[:10]) + ("..." if len(references) > 10 else "")
