"""The words of the domain: every closed set of values the product stores."""

from enum import StrEnum


class Role(StrEnum):
    APPLICANT = "applicant"
    JUDGE = "judge"
    ORGANISER = "organiser"


class Phase(StrEnum):
    SETUP = "setup"
    OPEN = "open"
    JUDGING = "judging"
    MODERATION = "moderation"
    DECIDED = "decided"
    PUBLISHED = "published"


class ProposalStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    INELIGIBLE = "ineligible"
    ELIGIBLE = "eligible"
    SHORTLISTED = "shortlisted"
    AWARDED = "awarded"
    DECLINED = "declined"


FOUND_ELIGIBLE = frozenset(
    {
        ProposalStatus.ELIGIBLE,
        ProposalStatus.SHORTLISTED,
        ProposalStatus.AWARDED,
        ProposalStatus.DECLINED,
    }
)
"""Statuses of a proposal found eligible at screening, whatever was decided since: every page
that counts eligible proposals counts these, so the figures agree before and after releases."""


class AssignmentState(StrEnum):
    PENDING = "pending"
    STARTED = "started"
    SUBMITTED = "submitted"
    ABSTAINED = "abstained"


class ReviewState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ConflictSource(StrEnum):
    DECLARED = "declared"
    SUGGESTED = "suggested"


class ConflictStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class DecisionStage(StrEnum):
    SHORTLIST = "shortlist"
    AWARD = "award"


class DecisionOutcome(StrEnum):
    YES = "yes"
    NO = "no"


class ScoreVisibility(StrEnum):
    NEVER = "never"
    AFTER_OWN = "after_own"
    ALWAYS = "always"


class Aggregation(StrEnum):
    MEAN = "mean"
    MEDIAN = "median"


class Normalisation(StrEnum):
    NONE = "none"
    ZSCORE = "zscore"
    ADDITIVE = "additive"


def sql_in(enum: type[StrEnum], column: str) -> str:
    """A CHECK expression allowing exactly the enum's values in `column`."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"


class MailState(StrEnum):
    """An outbox message's life: held for review, queued, being sent, sent, or given up."""

    HELD = "held"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"  # noqa: S105  (a purpose, not a secret)
