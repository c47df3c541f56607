"""SMEs and their proposals, with theme tags, pilot boroughs, attachments and submitted versions."""

from datetime import datetime

from sqlalchemy import CheckConstraint, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from civic_challenge.db.models.columns import created_at, pence, timestamp, utc_now
from civic_challenge.domain.terms import ProposalStatus, sql_in

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class Organisation(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("employees IS NULL OR employees >= 0", name="employees_not_negative"),
        CheckConstraint(
            "turnover_pence IS NULL OR turnover_pence >= 0", name="turnover_not_negative"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    companies_house_number: str | None = Field(default=None, max_length=8)
    employees: int | None = None
    turnover_pence: int | None = pence(nullable=True)
    borough_code: str | None = Field(default=None, max_length=9)
    website: str = Field(default="", max_length=200)
    created_at: datetime = created_at()
    version: int = 1


class Proposal(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(sql_in(ProposalStatus, "status"), name="status_known"),
        CheckConstraint(
            "amount_requested_pence IS NULL OR amount_requested_pence >= 0",
            name="amount_not_negative",
        ),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str | None = Field(default=None, max_length=20, unique=True)
    challenge_id: int = Field(foreign_key="challenge.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    statement_id: int | None = Field(default=None, foreign_key="challenge_statement.id", index=True)
    title: str = Field(default="", max_length=150)
    summary: str = Field(default="", max_length=1000)
    problem: str = Field(default="", max_length=5000)
    solution: str = Field(default="", max_length=5000)
    impact: str = Field(default="", max_length=5000)
    milestones: str = Field(default="", max_length=5000)
    amount_requested_pence: int | None = pence(nullable=True)
    consent: bool = False
    status: str = Field(default=ProposalStatus.DRAFT.value, max_length=20, index=True)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: datetime = created_at()
    updated_at: datetime = timestamp(default_factory=utc_now)
    submitted_at: datetime | None = timestamp(nullable=True)
    withdrawn_at: datetime | None = timestamp(nullable=True)
    screening_reason: str = Field(default="", max_length=2000, description="Why (in)eligible")
    screened_at: datetime | None = timestamp(nullable=True)
    screened_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    version: int = 1


class ProposalTheme(SQLModel, table=True):
    """A theme tag: exactly one primary (from the statement) plus any secondary tags."""

    __tablename__ = "proposal_theme"
    __table_args__ = (UniqueConstraint("proposal_id", "theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", index=True)
    is_primary: bool = False


class ProposalBorough(SQLModel, table=True):
    """A London borough where the pilot would run, by ONS GSS code (E09000001-E09000033)."""

    __tablename__ = "proposal_borough"
    __table_args__ = (
        UniqueConstraint("proposal_id", "borough_code"),
        CheckConstraint("borough_code LIKE 'E09%'", name="borough_code_london"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True, ondelete="CASCADE")
    borough_code: str = Field(max_length=9)


class Attachment(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(f"size_bytes BETWEEN 1 AND {MAX_ATTACHMENT_BYTES}", name="size_capped"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", unique=True, ondelete="CASCADE")
    filename: str = Field(max_length=200)
    size_bytes: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_type=LargeBinary)
    uploaded_at: datetime = created_at()


class ProposalVersion(SQLModel, table=True):
    """Each submitted version of a proposal, as a JSON snapshot, for the audit trail."""

    __tablename__ = "proposal_version"
    __table_args__ = (UniqueConstraint("proposal_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True, ondelete="CASCADE")
    version: int
    snapshot: str
    submitted_at: datetime = timestamp()
    submitted_by_id: int | None = Field(default=None, foreign_key="app_user.id")
