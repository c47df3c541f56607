"""The challenge, its themes (strategy priorities), challenge statements and rubric criteria."""

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import pence, timestamp
from civic_challenge.domain.terms import Aggregation, Normalisation, Phase, ScoreVisibility, sql_in


class Challenge(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(sql_in(Phase, "phase"), name="phase_known"),
        CheckConstraint(sql_in(ScoreVisibility, "score_visibility"), name="visibility_known"),
        CheckConstraint(sql_in(Aggregation, "aggregation"), name="aggregation_known"),
        CheckConstraint(sql_in(Normalisation, "normalisation"), name="normalisation_known"),
        CheckConstraint("budget_pence >= 0", name="budget_not_negative"),
        CheckConstraint("max_award_pence >= 0", name="max_award_not_negative"),
        CheckConstraint("max_turnover_pence >= 0", name="max_turnover_not_negative"),
        CheckConstraint("max_employees >= 0", name="max_employees_not_negative"),
        CheckConstraint(
            "max_proposals_per_statement >= 1", name="proposals_per_statement_positive"
        ),
        CheckConstraint("reviews_per_proposal >= 1", name="reviews_per_proposal_positive"),
        CheckConstraint("judge_load_cap >= 1", name="load_cap_positive"),
        CheckConstraint("disagreement_threshold >= 0", name="disagreement_not_negative"),
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint("judging_closes_at > closes_at", name="judging_after_closing"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=5000)
    year: int
    phase: str = Field(default=Phase.SETUP.value, max_length=20)
    opens_at: datetime = timestamp()
    closes_at: datetime = timestamp()
    judging_closes_at: datetime = timestamp()
    budget_pence: int = pence()
    max_award_pence: int = pence()
    max_employees: int = 249
    max_turnover_pence: int = pence()
    london_only: bool = True
    max_proposals_per_statement: int = 1
    reviews_per_proposal: int = 3
    judge_load_cap: int = 30
    blind_review: bool = True
    score_visibility: str = Field(default=ScoreVisibility.AFTER_OWN.value, max_length=20)
    aggregation: str = Field(default=Aggregation.MEAN.value, max_length=10)
    normalisation: str = Field(default=Normalisation.ADDITIVE.value, max_length=10)
    disagreement_threshold: float = 20.0
    consent_text: str = Field(
        default="I confirm the information in this proposal is accurate and agree that the "
        "organisers may share it with the challenge partner and judges.",
        max_length=2000,
    )
    data_version: int = Field(default=1, description="Bumped on every change rankings depend on")
    version: int = 1


class Theme(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("challenge_id", "key"),
        CheckConstraint("target_budget_share BETWEEN 0 AND 1", name="budget_share_fraction"),
        CheckConstraint("target_award_share BETWEEN 0 AND 1", name="award_share_fraction"),
    )

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True)
    key: str = Field(max_length=40)
    name: str = Field(max_length=100)
    description: str = Field(default="", max_length=2000)
    target_budget_share: float = 0.0
    target_award_share: float = 0.0
    colour: str = Field(default="#1f77b4", max_length=7)
    position: int = 0
    version: int = 1


class ChallengeStatement(SQLModel, table=True):
    __tablename__ = "challenge_statement"
    __table_args__ = (
        UniqueConstraint("challenge_id", "key"),
        CheckConstraint(
            "max_award_pence IS NULL OR max_award_pence >= 0", name="ceiling_not_negative"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True)
    theme_id: int = Field(foreign_key="theme.id", index=True)
    key: str = Field(max_length=40)
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=5000)
    partner: str = Field(default="", max_length=200)
    max_award_pence: int | None = pence(nullable=True)
    position: int = 0
    version: int = 1


class Criterion(SQLModel, table=True):
    """A rubric line. (id, scale_min, scale_max) is unique: scores check their range by that key."""

    __table_args__ = (
        UniqueConstraint("challenge_id", "key"),
        UniqueConstraint("id", "scale_min", "scale_max"),
        CheckConstraint("weight > 0", name="weight_positive"),
        CheckConstraint("scale_min >= 0 AND scale_max > scale_min", name="scale_ordered"),
    )

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True)
    key: str = Field(max_length=40)
    name: str = Field(max_length=100)
    guidance: str = Field(default="", max_length=2000)
    weight: float = 1.0
    scale_min: int = 1
    scale_max: int = 5
    descriptors: str = Field(default="[]", max_length=10000, description="JSON list, one per level")
    counts_toward_total: bool = True
    position: int = 0
    version: int = 1
