"""Judging: conflicts of interest, assignments, reviews and their per-criterion scores."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import created_at, timestamp, utc_now
from civic_challenge.domain.terms import (
    AssignmentState,
    Confidence,
    ConflictSource,
    ConflictStatus,
    ReviewState,
    sql_in,
)


class Conflict(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("judge_id", "organisation_id"),
        CheckConstraint(sql_in(ConflictSource, "source"), name="conflict_source_known"),
        CheckConstraint(sql_in(ConflictStatus, "status"), name="conflict_status_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    judge_id: int = Field(foreign_key="app_user.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    reason: str = Field(default="", max_length=500)
    source: str = Field(max_length=20)
    status: str = Field(max_length=20)
    created_at: datetime = created_at()
    decided_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = timestamp(nullable=True)


class Assignment(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("judge_id", "proposal_id"),
        CheckConstraint(sql_in(AssignmentState, "state"), name="assignment_state_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    judge_id: int = Field(foreign_key="app_user.id", index=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    state: str = Field(default=AssignmentState.PENDING.value, max_length=20)
    due_at: datetime | None = timestamp(nullable=True)
    abstain_reason: str = Field(default="", max_length=500)
    published: bool = False
    created_at: datetime = created_at()
    version: int = 1


class Review(SQLModel, table=True):
    """`total` (0-100) is written only by the domain's review-total function at save time."""

    __table_args__ = (
        UniqueConstraint("judge_id", "proposal_id"),
        CheckConstraint(sql_in(ReviewState, "state"), name="review_state_known"),
        CheckConstraint(
            f"confidence IS NULL OR {sql_in(Confidence, 'confidence')}", name="confidence_known"
        ),
        CheckConstraint("total IS NULL OR (total >= 0 AND total <= 100)", name="total_in_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    judge_id: int = Field(foreign_key="app_user.id", index=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    state: str = Field(default=ReviewState.DRAFT.value, max_length=20)
    confidence: str | None = Field(default=None, max_length=10)
    comment_for_applicant: str = Field(default="", max_length=3000)
    moderated_comment: str | None = Field(default=None, max_length=3000)
    note_for_panel: str = Field(default="", max_length=3000)
    total: float | None = None
    created_at: datetime = created_at()
    updated_at: datetime = timestamp(default_factory=utc_now)
    submitted_at: datetime | None = timestamp(nullable=True)
    version: int = 1


class ReviewScore(SQLModel, table=True):
    """One criterion's score. The scale travels with the key, so the range check is a CHECK."""

    __tablename__ = "review_score"
    __table_args__ = (
        UniqueConstraint("review_id", "criterion_id"),
        ForeignKeyConstraint(
            ["criterion_id", "scale_min", "scale_max"],
            ["criterion.id", "criterion.scale_min", "criterion.scale_max"],
            onupdate="CASCADE",
        ),
        CheckConstraint("score BETWEEN scale_min AND scale_max", name="score_within_scale"),
    )

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", index=True, ondelete="CASCADE")
    criterion_id: int = Field(index=True)
    scale_min: int
    scale_max: int
    score: int


class ConflictDeclaration(SQLModel, table=True):
    """A judge's statement that their list of conflicts for a challenge is complete.

    Until it exists the judge sees no proposal; it is made once, before the first one.
    """

    __tablename__ = "conflict_declaration"
    __table_args__ = (UniqueConstraint("judge_id", "challenge_id"),)

    id: int | None = Field(default=None, primary_key=True)
    judge_id: int = Field(foreign_key="app_user.id", index=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True)
    confirmed_at: datetime = timestamp()
