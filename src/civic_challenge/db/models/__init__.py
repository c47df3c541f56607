"""All tables, imported here so that SQLModel.metadata knows every one of them."""

from civic_challenge.db.models.audit import AuditEvent
from civic_challenge.db.models.autosave import Autosave
from civic_challenge.db.models.challenge import Challenge, ChallengeStatement, Criterion, Theme
from civic_challenge.db.models.decisions import Decision, DecisionRelease, ModerationNote
from civic_challenge.db.models.judging import (
    Assignment,
    Conflict,
    ConflictDeclaration,
    Review,
    ReviewScore,
)
from civic_challenge.db.models.mail import AccountToken, OutboxMessage, SignInThrottle
from civic_challenge.db.models.people import Invite, JudgeExpertise, User, UserSession
from civic_challenge.db.models.proposals import (
    Attachment,
    Organisation,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    ProposalVersion,
)
from civic_challenge.db.models.snapshot import ResultSnapshot

__all__ = [
    "AccountToken",
    "Assignment",
    "Attachment",
    "AuditEvent",
    "Autosave",
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
    "OutboxMessage",
    "Proposal",
    "ProposalBorough",
    "ProposalTheme",
    "ProposalVersion",
    "ResultSnapshot",
    "Review",
    "ReviewScore",
    "SignInThrottle",
    "Theme",
    "User",
    "UserSession",
]
