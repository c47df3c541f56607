"""The demo challenge as plain records, so the generator stays pure and the seed only writes rows.

Records point at each other by key (theme and statement keys, organisation and proposal indexes,
judge emails) rather than database ids, which do not exist until the seed writes them.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Borough:
    code: str
    name: str
    tile_row: int
    tile_col: int


@dataclass(frozen=True)
class DemoChallengeInfo:
    name: str
    slug: str
    description: str
    year: int
    phase: str
    opens_at: datetime
    closes_at: datetime
    judging_closes_at: datetime
    budget_pence: int
    max_award_pence: int
    max_employees: int
    max_turnover_pence: int
    london_only: bool
    max_proposals_per_statement: int
    reviews_per_proposal: int
    judge_load_cap: int
    blind_review: bool


@dataclass(frozen=True)
class DemoTheme:
    key: str
    name: str
    description: str
    target_budget_share: float
    target_award_share: float
    colour: str


@dataclass(frozen=True)
class DemoStatement:
    key: str
    theme: str
    title: str
    description: str
    partner: str


@dataclass(frozen=True)
class DemoCriterion:
    key: str
    name: str
    guidance: str
    weight: float
    scale_min: int
    scale_max: int
    descriptors: tuple[str, ...]
    counts_toward_total: bool


@dataclass(frozen=True)
class DemoOrganisation:
    index: int
    name: str
    companies_house_number: str
    employees: int
    turnover_pence: int
    borough_code: str
    website: str


@dataclass(frozen=True)
class DemoProposal:
    """`reference` is None for drafts; `ineligible_reason` is set only for ineligible ones."""

    index: int
    organisation: int
    statement: str
    primary_theme: str
    secondary_themes: tuple[str, ...]
    reference: str | None
    title: str
    summary: str
    problem: str
    solution: str
    impact: str
    milestones: str
    amount_requested_pence: int
    pilot_boroughs: tuple[str, ...]
    status: str
    created_at: datetime
    submitted_at: datetime | None
    withdrawn_at: datetime | None
    ineligible_reason: str | None
    quality: float = field(repr=False)


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: str
    organisation: int | None = None


@dataclass(frozen=True)
class DemoJudge:
    """`leniency` is hidden: points added to every score this judge gives, before noise."""

    email: str
    name: str
    expertise: tuple[str, ...]
    leniency: float


@dataclass(frozen=True)
class DemoConflict:
    judge: str
    organisation: int
    reason: str
    source: str
    status: str


@dataclass(frozen=True)
class DemoAssignment:
    judge: str
    proposal: int
    state: str
    due_at: datetime
    abstain_reason: str = ""


@dataclass(frozen=True)
class DemoReview:
    """`scores` maps criterion key to score; `total` comes from the domain's review_total."""

    judge: str
    proposal: int
    state: str
    scores: dict[str, int]
    total: float | None
    confidence: str | None
    comment_for_applicant: str
    note_for_panel: str
    created_at: datetime
    submitted_at: datetime | None


@dataclass(frozen=True)
class DemoChallenge:
    challenge: DemoChallengeInfo
    themes: list[DemoTheme]
    statements: list[DemoStatement]
    criteria: list[DemoCriterion]
    boroughs: list[Borough]
    organisations: list[DemoOrganisation]
    proposals: list[DemoProposal]
    users: list[DemoUser]
    judges: list[DemoJudge]
    conflicts: list[DemoConflict]
    assignments: list[DemoAssignment]
    reviews: list[DemoReview]
