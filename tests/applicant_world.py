"""An open challenge and applicants with organisations, for the applicant tests of every tier."""

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from factories import make_challenge, make_criterion, make_statement, make_theme
from pypdf import PdfWriter
from sqlmodel import Session

from civic_challenge.domain.companies import OrganisationInput
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services.accounts import UserView, create_user
from civic_challenge.services.organisations import save_organisation

OPENS_AT = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
CLOSES_AT = datetime(2026, 11, 14, 16, 0, tzinfo=UTC)
AFTER_DEADLINE = datetime(2026, 11, 14, 16, 0, 1, tzinfo=UTC)
JUDGING_CLOSES_AT = datetime(2027, 1, 15, 17, 0, tzinfo=UTC)
DEADLINE_MESSAGE = (
    "The deadline passed at 16:00 on 14 November 2026; this proposal can no longer be changed."
)
PASSWORD = "correct horse battery"
HACKNEY, ISLINGTON = "E09000012", "E09000019"


@dataclass(frozen=True)
class World:
    challenge_id: int
    statement_id: int
    capped_statement_id: int
    theme_id: int
    other_theme_id: int


def make_open_challenge(session: Session, **overrides) -> World:
    """An open call (phase open, deadline 16:00 on 14 November 2026), two themes, two
    statements (one with its own £10,000 ceiling) and a rubric of the demo's keys."""
    fields = {
        "name": "Civic Innovation Challenge 2026",
        "year": 2026,
        "phase": Phase.OPEN.value,
        "opens_at": OPENS_AT,
        "closes_at": CLOSES_AT,
        "judging_closes_at": JUDGING_CLOSES_AT,
    }
    challenge = make_challenge(session, **(fields | overrides))
    climate = make_theme(session, challenge=challenge, key="climate", name="Climate change")
    ageing = make_theme(session, challenge=challenge, key="ageing", name="Ageing population")
    travel = make_statement(session, climate, title="Active travel", partner="TfL")
    dementia = make_statement(session, ageing, title="Dementia", max_award_pence=10_000_00)
    for key, name, guidance in [
        ("impact", "Impact on Londoners", "How much difference would the pilot make?"),
        ("feasibility", "Feasibility", "Can this team deliver the pilot within six months?"),
        ("value", "Value for money", "Is the amount requested reasonable?"),
    ]:
        make_criterion(session, challenge, key=key, name=name, guidance=guidance)
    return World(challenge.id, travel.id, dementia.id, climate.id, ageing.id)


def make_applicant(session: Session, email: str, name: str = "Ada Applicant") -> UserView:
    return create_user(
        session=session,
        email=email,
        name=name,
        password=PASSWORD,
        repeat=PASSWORD,
        role=Role.APPLICANT,
    )


def good_organisation(**overrides) -> OrganisationInput:
    fields = {
        "name": "Pedal Power Ltd",
        "companies_house_number": "01234567",
        "employees": 12,
        "turnover": "450,000",
        "borough_code": HACKNEY,
        "website": "pedalpower.example",
    }
    return OrganisationInput(**(fields | overrides))


def make_applicant_with_organisation(
    session: Session, email: str, name: str = "Ada Applicant", **organisation
) -> UserView:
    applicant = make_applicant(session, email, name)
    save_organisation(
        session=session,
        actor=applicant,
        form=good_organisation(**organisation),
        expected_version=None,
        now=NOW,
    )
    return applicant


def complete_draft(world: World, **overrides) -> ProposalDraft:
    fields = {
        "statement_id": world.statement_id,
        "secondary_theme_ids": (world.other_theme_id,),
        "title": "Bike buses for school runs",
        "summary": "Volunteer-led cycle convoys taking children to school safely.",
        "problem": "Few children cycle to school because parents fear traffic.",
        "solution": "Marshalled convoys on fixed routes, booked through an app.",
        "impact": "500 children cycling weekly; fewer car trips at drop-off.",
        "milestones": "Month 1 routes; month 2 volunteers; months 3-6 running and measuring.",
        "amount": "12,500",
        "pilot_boroughs": (HACKNEY, ISLINGTON),
        "consent": True,
    }
    return ProposalDraft(**(fields | overrides))


def tiny_pdf() -> bytes:
    """A valid one-page PDF of a few hundred bytes."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
