"""A challenge in its judging phase: a rubric, eligible proposals, judges, an organiser and
(optionally) published assignments, for the judging tests of every tier."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from factories import (
    make_challenge,
    make_criterion,
    make_organisation,
    make_proposal,
    make_statement,
    make_theme,
    make_user,
)
from sqlmodel import Session

from civic_challenge.db.models import Assignment, JudgeExpertise, ProposalTheme, User
from civic_challenge.domain.terms import Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.conflicts import confirm_declaration

OPENS_AT = datetime(2018, 6, 1, 9, 0, tzinfo=UTC)
CLOSES_AT = OPENS_AT + timedelta(days=60)
JUDGING_CLOSES_AT = OPENS_AT + timedelta(days=90)
NOW = OPENS_AT + timedelta(days=70)
AFTER_JUDGING = JUDGING_CLOSES_AT + timedelta(seconds=1)
LEVELS = ["Poor.", "Weak.", "Fair.", "Good.", "Excellent."]
COMMENT = "A clear plan with real evidence of need; the costs need more detail."


@dataclass
class Judging:
    challenge_id: int
    organiser: UserView
    judges: list[UserView]
    proposal_ids: list[int]
    organisation_ids: list[int]
    organisation_names: list[str]
    criterion_ids: list[int]
    theme_keys: list[str] = field(default_factory=list)

    def full_scores(self, score: int = 4) -> dict[int, int]:
        return dict.fromkeys(self.criterion_ids, score)


def view(user) -> UserView:  # type: ignore[no-untyped-def]
    return UserView(user.id, user.email, user.name, Role(user.role), user.organisation_id)


def make_judging(
    session: Session,
    *,
    judges: int = 3,
    proposals: int = 3,
    assign: bool = True,
    declared: bool = True,
    blind: bool = True,
    k: int = 2,
    cap: int = 10,
    judge_ids: tuple[int, ...] = (),
    **challenge_fields,
) -> Judging:
    """Judging open (NOW is inside it); `judge_ids` are existing judges to use as well.

    With `assign`, every judge holds every proposal, published; with `declared`, every judge
    has confirmed their conflict declaration."""
    challenge = make_challenge(
        session,
        phase=Phase.JUDGING.value,
        opens_at=OPENS_AT,
        closes_at=CLOSES_AT,
        judging_closes_at=JUDGING_CLOSES_AT,
        blind_review=blind,
        reviews_per_proposal=k,
        judge_load_cap=cap,
        **challenge_fields,
    )
    climate = make_theme(session, challenge=challenge, key="climate", name="Climate change")
    ageing = make_theme(session, challenge=challenge, key="ageing", name="Ageing population")
    statement = make_statement(session, climate, title="Active travel")
    criteria = [
        make_criterion(
            session,
            challenge,
            key="impact",
            name="Impact",
            weight=3,
            descriptors=json.dumps(LEVELS),
            position=0,
        ),
        make_criterion(
            session,
            challenge,
            key="feasibility",
            name="Feasibility",
            weight=1,
            descriptors=json.dumps(LEVELS),
            position=1,
        ),
    ]
    organiser = make_user(session, role=Role.ORGANISER.value, name="Olu Organiser")
    judge_rows = [session.get(User, judge_id) for judge_id in judge_ids] + [
        make_user(session, role=Role.JUDGE.value, name=f"Judge {chr(65 + n)}")
        for n in range(judges)
    ]
    for n, judge in enumerate(judge_rows):
        theme = climate if n % 2 == 0 else ageing
        session.add(JudgeExpertise(user_id=judge.id, theme_id=theme.id))
    organisations, proposal_rows = [], []
    for n in range(proposals):
        organisation = make_organisation(
            session,
            name=f"Quietly Distinct Firm {n + 1} Ltd",
            employees=10,
            turnover_pence=1_000_000_00,
            borough_code="E09000012",
            website=f"firm{n + 1}.example",
        )
        proposal = make_proposal(
            session,
            challenge,
            organisation,
            statement_id=statement.id,
            reference=f"CIC-2018-{len(proposal_rows) + 1 + 100 * challenge.id:04d}",
            title=f"Cleaner streets pilot {n + 1}",
            summary="A short summary of the pilot.",
            problem="The problem.",
            solution="The solution.",
            status=ProposalStatus.ELIGIBLE.value,
            submitted_at=CLOSES_AT - timedelta(days=1),
            consent=True,
            amount_requested_pence=10_000_00,
        )
        theme = climate if n % 2 == 0 else ageing
        session.add(ProposalTheme(proposal_id=proposal.id, theme_id=theme.id, is_primary=True))
        organisations.append(organisation)
        proposal_rows.append(proposal)
    if assign:
        for judge in judge_rows:
            for proposal in proposal_rows:
                session.add(
                    Assignment(
                        judge_id=judge.id,
                        proposal_id=proposal.id,
                        published=True,
                        due_at=JUDGING_CLOSES_AT,
                    )
                )
    session.flush()
    judge_views = [view(j) for j in judge_rows]
    if declared:
        for judge in judge_views:
            confirm_declaration(session=session, actor=judge, now=NOW)
    session.flush()
    return Judging(
        challenge.id,
        view(organiser),
        judge_views,
        [p.id for p in proposal_rows],
        [o.id for o in organisations],
        [o.name for o in organisations],
        [c.id for c in criteria],
        ["climate", "ageing"],
    )
