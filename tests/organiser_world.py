"""A small challenge for the organisers' services: two themes with targets, three statements
(one with its own ceiling), eligible proposals with pilot boroughs and submitted reviews, some of
them shortlisted."""

from dataclasses import dataclass
from datetime import timedelta

from factories import (
    OPENS_AT,
    make_assignment,
    make_challenge,
    make_decision,
    make_organisation,
    make_pilot_borough,
    make_proposal,
    make_review,
    make_statement,
    make_theme,
    make_user,
)
from sqlmodel import Session

from civic_challenge.db.models import ProposalTheme
from civic_challenge.domain.terms import DecisionStage, Phase, Role
from civic_challenge.services.accounts import UserView

NOW = OPENS_AT + timedelta(days=75)


@dataclass
class World:
    challenge_id: int
    organiser: UserView
    judge: UserView
    applicant: UserView
    proposal_ids: list[int]  # p0..p5; p0-p3 shortlisted
    references: list[str]
    statement_ids: dict[str, int]
    theme_ids: dict[str, int]


def view(user) -> UserView:  # type: ignore[no-untyped-def]
    return UserView(user.id, user.email, user.name, Role(user.role), user.organisation_id)


def make_world(session: Session, *, shortlisted: int = 4, budget_pence: int = 50_000_00) -> World:
    challenge = make_challenge(
        session, phase=Phase.JUDGING.value, budget_pence=budget_pence, max_award_pence=15_000_00
    )
    climate = make_theme(
        session,
        challenge,
        key="climate",
        name="Climate change",
        target_budget_share=0.6,
        target_award_share=0.5,
        colour="#009E73",
    )
    ageing = make_theme(
        session,
        challenge,
        key="ageing",
        name="Ageing population",
        target_budget_share=0.4,
        target_award_share=0.5,
        colour="#E69F00",
    )
    statements = {
        "travel": make_statement(session, climate, key="travel", title="Active travel"),
        "housing": make_statement(
            session, climate, key="housing", title="Housing", max_award_pence=10_000_00
        ),
        "dementia": make_statement(session, ageing, key="dementia", title="Dementia"),
    }
    organiser = make_user(session, Role.ORGANISER.value, name="Olu Organiser")
    judges = [make_user(session, Role.JUDGE.value, name=f"Judge {n}") for n in range(3)]
    plan = [
        ("travel", climate, 12_000_00, "E09000012", 80.0),
        ("housing", climate, 9_000_00, "E09000033", 70.0),
        ("dementia", ageing, 14_000_00, "E09000012", 60.0),
        ("dementia", ageing, 8_000_00, "E09000028", 50.0),
        ("travel", climate, 5_000_00, "E09000001", 40.0),
        ("housing", climate, 20_000_00, "E09000002", 30.0),
    ]
    ids, references = [], []
    applicant = None
    for number, (statement, theme, amount, borough, total) in enumerate(plan):
        organisation = make_organisation(session, borough_code=borough)
        if applicant is None:
            applicant = make_user(
                session, Role.APPLICANT.value, organisation_id=organisation.id, name="Ada"
            )
        proposal = make_proposal(
            session,
            challenge,
            organisation,
            reference=f"CIC-T-{number:04d}",
            title=f"Proposal {number}",
            status="eligible",
            statement_id=statements[statement].id,
            amount_requested_pence=amount,
            submitted_at=OPENS_AT + timedelta(days=number),
        )
        session.add(ProposalTheme(proposal_id=proposal.id, theme_id=theme.id, is_primary=True))
        make_pilot_borough(session, proposal, borough_code=borough)
        for offset, judge in enumerate(judges):
            make_assignment(session, judge, proposal, published=True, state="submitted")
            make_review(
                session,
                judge,
                proposal,
                state="submitted",
                total=total + offset,
                comment_for_applicant=f"Comment {offset} on {number}",
            )
        if number < shortlisted:
            make_decision(session, proposal, stage=DecisionStage.SHORTLIST.value, amount_pence=None)
        ids.append(proposal.id)
        references.append(proposal.reference)
    session.flush()
    return World(
        challenge_id=challenge.id,
        organiser=view(organiser),
        judge=view(judges[0]),
        applicant=view(applicant),
        proposal_ids=ids,
        references=references,
        statement_ids={k: s.id for k, s in statements.items()},
        theme_ids={"climate": climate.id, "ageing": ageing.id},
    )
