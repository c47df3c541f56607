"""Shortlist and award decisions: stored pending, shown to applicants only once released."""

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import created_at, pence, timestamp
from civic_challenge.domain.terms import DecisionOutcome, DecisionStage, sql_in


class Decision(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("proposal_id", "stage"),
        CheckConstraint(sql_in(DecisionStage, "stage"), name="stage_known"),
        CheckConstraint(sql_in(DecisionOutcome, "outcome"), name="outcome_known"),
        CheckConstraint("amount_pence IS NULL OR amount_pence >= 0", name="amount_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    stage: str = Field(max_length=20)
    outcome: str = Field(max_length=10)
    amount_pence: int | None = pence(nullable=True)
    rationale: str = Field(default="", max_length=3000)
    decided_by_id: int = Field(foreign_key="app_user.id")
    decided_at: datetime = created_at()
    released_at: datetime | None = timestamp(nullable=True)
    version: int = 1


class ModerationNote(SQLModel, table=True):
    """An organiser's note on a proposal during moderation (high disagreement, low coverage)."""

    __tablename__ = "moderation_note"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    author_id: int = Field(foreign_key="app_user.id")
    text: str = Field(max_length=3000)
    created_at: datetime = created_at()


class DecisionRelease(SQLModel, table=True):
    """One release of decisions to applicants: the shortlist first, the awards later, and again
    after a correction. `contents` lists what it made visible, as JSON: one entry per decision
    (proposal_id, reference, stage, outcome, amount_pence)."""

    __tablename__ = "decision_release"
    __table_args__ = (
        CheckConstraint("kind IN ('shortlist', 'awards')", name="release_kind_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True)
    kind: str = Field(max_length=20)
    message: str = Field(default="", max_length=2000)
    contents: str = Field(default="[]")
    decisions: int = 0
    released_by_id: int = Field(foreign_key="app_user.id")
    released_at: datetime = timestamp()
