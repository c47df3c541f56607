"""All tables, imported here so that SQLModel.metadata knows every one of them."""

from civic_challenge.db.models.audit import AuditEvent
from civic_challenge.db.models.challenge import Challenge, ChallengeStatement, Criterion, Theme
from civic_challenge.db.models.decisions import Decision, DecisionRelease, ModerationNote
from civic_challenge.db.models.judging import (
    Assignment,
    Conflict,
    ConflictDeclaration,
    Review,
    ReviewScore,
)
from civic_challenge.db.models.people import Invite, JudgeExpertise, User, UserSession
from civic_challenge.db.models.proposals import (
    Attachment,
    Organisation,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    ProposalVersion,
)

__all__ = [
    "Assignment",
    "Attachment",
    "AuditEvent",
    "Challenge",
    "ChallengeStatement",
    "Conflict",
    "ConflictDeclaration",
    "Criterion",
    "Decision",
    "DecisionRelease",
    "Invite",
    "JudgeExpertise",
    "ModerationNote",
    "Organisation",
    "Proposal",
    "ProposalBorough",
    "ProposalTheme",
    "ProposalVersion",
    "Review",
    "ReviewScore",
    "Theme",
    "User",
    "UserSession",
]
