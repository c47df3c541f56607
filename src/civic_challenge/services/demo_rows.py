"""Table rows for the demo's records: where each record's keys become the written rows' ids.

Screening and conflict decisions are dated a day or two after the call closed, assignments after
that, so the demo's timeline reads in order.
"""

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from civic_challenge.db.models import (
    Assignment,
    AuditEvent,
    Challenge,
    ChallengeStatement,
    Conflict,
    Criterion,
    JudgeExpertise,
    Organisation,
    Proposal,
    ProposalBorough,
    ProposalTheme,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.domain.demo_people import ORGANISER_EMAIL
from civic_challenge.domain.demo_records import (
    DemoAssignment,
    DemoChallenge,
    DemoChallengeInfo,
    DemoCriterion,
    DemoOrganisation,
    DemoReview,
    DemoStatement,
    DemoTheme,
    DemoUser,
)
from civic_challenge.domain.terms import ConflictStatus, ProposalStatus
from civic_challenge.services.screening import MEETS_RULES


@dataclass
class IdMaps:
    """Ids of the rows written so far, by the records' keys."""

    challenge: int | None
    themes: dict[str, int] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    criteria: dict[str, int] = field(default_factory=dict)
    organisations: list[int] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)
    proposals: list[int] = field(default_factory=list)


def challenge_row(info: DemoChallengeInfo) -> Challenge:
    return Challenge(**asdict(info))


def theme_rows(themes: list[DemoTheme], ids: IdMaps) -> dict[str, Theme]:
    return {
        t.key: Theme(challenge_id=ids.challenge, position=n, **asdict(t))
        for n, t in enumerate(themes)
    }


def statement_rows(statements: list[DemoStatement], ids: IdMaps) -> dict[str, ChallengeStatement]:
    return {
        s.key: ChallengeStatement(
            challenge_id=ids.challenge,
            theme_id=ids.themes[s.theme],
            key=s.key,
            title=s.title,
            description=s.description,
            partner=s.partner,
            position=n,
        )
        for n, s in enumerate(statements)
    }


def criterion_rows(criteria: list[DemoCriterion], ids: IdMaps) -> dict[str, Criterion]:
    return {
        c.key: Criterion(
            challenge_id=ids.challenge,
            position=n,
            **{**asdict(c), "descriptors": json.dumps(list(c.descriptors))},
        )
        for n, c in enumerate(criteria)
    }


def organisation_rows(organisations: list[DemoOrganisation], at: datetime) -> list[Organisation]:
    fields = ("name", "companies_house_number", "employees", "turnover_pence", "borough_code")
    return [
        Organisation(**{f: getattr(o, f) for f in fields}, website=o.website, created_at=at)
        for o in organisations
    ]


def user_rows(users: list[DemoUser], ids: IdMaps, password_hash: str, at: datetime) -> dict:
    return {
        u.email: User(
            email=u.email,
            name=u.name,
            role=u.role,
            password_hash=password_hash,
            organisation_id=None if u.organisation is None else ids.organisations[u.organisation],
            is_demo=True,
            created_at=at,
        )
        for u in users
    }


SCREENED = (ProposalStatus.ELIGIBLE.value, ProposalStatus.INELIGIBLE.value)


def screened_on(demo: DemoChallenge) -> datetime:
    return demo.challenge.closes_at + timedelta(days=1)


def screening_of(p) -> str:  # type: ignore[no-untyped-def]
    """Every screening decision carries its reason, eligible ones too."""
    return (p.ineligible_reason or MEETS_RULES) if p.status in SCREENED else ""


def proposal_rows(demo: DemoChallenge, ids: IdMaps) -> list[Proposal]:
    """The applicant account is named as the author of its organisation's proposals; every
    screened proposal carries its reason, when and by whom."""
    applicant = next(u for u in demo.users if u.organisation is not None)
    organiser = ids.users[ORGANISER_EMAIL]
    text = ("title", "summary", "problem", "solution", "impact", "milestones")
    return [
        Proposal(
            **{f: getattr(p, f) for f in text},
            reference=p.reference,
            challenge_id=ids.challenge,
            organisation_id=ids.organisations[p.organisation],
            statement_id=ids.statements[p.statement],
            amount_requested_pence=p.amount_requested_pence,
            consent=p.submitted_at is not None,
            status=p.status,
            created_by_id=ids.users[applicant.email]
            if p.organisation == applicant.organisation
            else None,
            created_at=p.created_at,
            updated_at=p.withdrawn_at or p.submitted_at or p.created_at,
            submitted_at=p.submitted_at,
            withdrawn_at=p.withdrawn_at,
            screening_reason=screening_of(p),
            screened_at=screened_on(demo) if p.status in SCREENED else None,
            screened_by_id=organiser if p.status in SCREENED else None,
        )
        for p in demo.proposals
    ]


def proposal_tag_rows(demo: DemoChallenge, ids: IdMaps) -> list:
    """Theme tags (the primary first), pilot boroughs and judges' expertise."""
    rows: list = []
    for p in demo.proposals:
        proposal_id = ids.proposals[p.index]
        rows.append(ProposalTheme(proposal_id=proposal_id, theme_id=ids.themes[p.primary_theme],
                                  is_primary=True))  # fmt: skip
        rows += [ProposalTheme(proposal_id=proposal_id, theme_id=ids.themes[t])
                 for t in p.secondary_themes]  # fmt: skip
        rows += [ProposalBorough(proposal_id=proposal_id, borough_code=b) for b in p.pilot_boroughs]
    rows += [
        JudgeExpertise(user_id=ids.users[j.email], theme_id=ids.themes[t])
        for j in demo.judges
        for t in j.expertise
    ]
    return rows


def screening_rows(demo: DemoChallenge, ids: IdMaps) -> list[AuditEvent]:
    """Each screening decision is in the audit trail too, with its reason, against the organiser."""
    at = screened_on(demo)
    return [
        AuditEvent(
            at=at,
            actor_id=ids.users[ORGANISER_EMAIL],
            action="proposal.screened",
            object_type="proposal",
            object_id=ids.proposals[p.index],
            before=json.dumps({"status": ProposalStatus.SUBMITTED.value}),
            after=json.dumps({"status": p.status, "reason": screening_of(p)}),
        )
        for p in demo.proposals
        if p.status in SCREENED
    ]


def conflict_rows(demo: DemoChallenge, ids: IdMaps) -> list[Conflict]:
    closed = demo.challenge.closes_at
    decided = closed + timedelta(days=2)
    return [
        Conflict(
            judge_id=ids.users[c.judge],
            organisation_id=ids.organisations[c.organisation],
            reason=c.reason,
            source=c.source,
            status=c.status,
            created_at=closed + timedelta(days=1),
            decided_by_id=None
            if c.status == ConflictStatus.PENDING
            else ids.users[ORGANISER_EMAIL],
            decided_at=None if c.status == ConflictStatus.PENDING else decided,
        )
        for c in demo.conflicts
    ]


def assignment_rows(assignments: list[DemoAssignment], ids: IdMaps) -> list[Assignment]:
    return [
        Assignment(
            judge_id=ids.users[a.judge],
            proposal_id=ids.proposals[a.proposal],
            state=a.state,
            due_at=a.due_at,
            abstain_reason=a.abstain_reason,
            published=True,
            created_at=a.due_at - timedelta(days=34),
        )
        for a in assignments
    ]


def review_rows(reviews: list[DemoReview], ids: IdMaps) -> list[Review]:
    return [
        Review(
            judge_id=ids.users[r.judge],
            proposal_id=ids.proposals[r.proposal],
            state=r.state,
            confidence=r.confidence,
            comment_for_applicant=r.comment_for_applicant,
            note_for_panel=r.note_for_panel,
            total=r.total,
            created_at=r.created_at,
            updated_at=r.submitted_at or r.created_at,
            submitted_at=r.submitted_at,
        )
        for r in reviews
    ]


def score_rows(demo: DemoChallenge, reviews: list[Review], ids: IdMaps) -> list[ReviewScore]:
    """`reviews` are the written rows, in the same order as demo.reviews."""
    scales = {c.key: (c.scale_min, c.scale_max) for c in demo.criteria}
    return [
        ReviewScore(
            review_id=row.id,
            criterion_id=ids.criteria[key],
            scale_min=scales[key][0],
            scale_max=scales[key][1],
            score=score,
        )
        for record, row in zip(demo.reviews, reviews, strict=True)
        for key, score in record.scores.items()
    ]
