"""An applicant's organisation: its profile, its members and whether it may apply."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from civic_challenge.config import get_settings
from civic_challenge.db import challenges as db_challenges
from civic_challenge.db import organisations as db_organisations
from civic_challenge.db.audit import record_event
from civic_challenge.domain.companies import OrganisationInput, organisation_problems
from civic_challenge.domain.eligibility import (
    EligibilityRules,
    OrganisationFacts,
    eligibility_problems,
)
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import ServiceError, raise_if_problems
from civic_challenge.services.invites import create_invite
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

    from civic_challenge.db.models import Challenge, Organisation

CHANGED_ELSEWHERE = (
    "This profile was changed elsewhere (by a co-applicant, or in another tab) after you "
    "opened it, so nothing was saved."
)


@dataclass(frozen=True)
class Borough:
    code: str
    name: str


@dataclass(frozen=True)
class OrganisationView:
    id: int
    name: str
    companies_house_number: str | None
    employees: int | None
    turnover_pence: int | None
    borough_code: str | None
    website: str
    version: int

    @classmethod
    def of(cls, row: Organisation) -> OrganisationView:
        assert row.id is not None
        return cls(
            row.id,
            row.name,
            row.companies_house_number,
            row.employees,
            row.turnover_pence,
            row.borough_code,
            row.website,
            row.version,
        )


@lru_cache(maxsize=4)
def _boroughs(path: Path) -> tuple[Borough, ...]:
    with path.open(newline="", encoding="utf-8") as csv_file:
        rows = sorted(csv.DictReader(csv_file), key=lambda row: row["name"])
    return tuple(Borough(row["code"], row["name"]) for row in rows)


def list_boroughs() -> tuple[Borough, ...]:
    """The 33 London local authorities (data/boroughs.csv), by name."""
    return _boroughs(get_settings().data_dir / "boroughs.csv")


def applicant_organisation_id(session: Session, actor: UserView) -> int | None:
    """The applicant's organisation as stored now (the signed-in view may predate joining)."""
    return acting(session, actor, Role.APPLICANT).organisation_id


def my_organisation(*, session: Session, actor: UserView) -> OrganisationView | None:
    organisation_id = applicant_organisation_id(session, actor)
    if organisation_id is None:
        return None
    row = db_organisations.get_organisation(session, organisation_id)
    return None if row is None else OrganisationView.of(row)


class ProfileChangedElsewhere(ServiceError):
    """The profile's version is not the one the form was drawn from; `current` is the profile
    as stored now, so the form can show the applicant's values beside it."""

    def __init__(self, current: OrganisationView) -> None:
        super().__init__(CHANGED_ELSEWHERE)
        self.current = current


def save_organisation(
    *,
    session: Session,
    actor: UserView,
    form: OrganisationInput,
    expected_version: int | None,
    now: datetime,
) -> OrganisationView:
    """Create the applicant's organisation (they join it) or update it if nobody else has."""
    organisation_id = applicant_organisation_id(session, actor)
    boroughs = {borough.code for borough in list_boroughs()}
    values, problems = organisation_problems(form, boroughs)
    raise_if_problems(problems)
    fields = asdict(values)
    if organisation_id is None:
        row = db_organisations.add_organisation(session, {**fields, "created_at": now})
        assert row.id is not None
        db_organisations.join_organisation(session, actor.id, row.id)
        action, organisation_id = "organisation.created", row.id
    else:
        if expected_version is None or not db_organisations.update_organisation(
            session, organisation_id, expected_version, fields
        ):
            current = db_organisations.get_organisation(session, organisation_id)
            assert current is not None
            raise ProfileChangedElsewhere(OrganisationView.of(current))
        action = "organisation.updated"
    record_event(
        session,
        actor_id=actor.id,
        action=action,
        object_type="organisation",
        object_id=organisation_id,
        after=fields,
    )
    row = db_organisations.get_organisation(session, organisation_id)
    assert row is not None
    return OrganisationView.of(row)


def list_members(*, session: Session, actor: UserView) -> list[tuple[str, str]]:
    """(name, email) of everyone in the applicant's organisation, the applicant included."""
    organisation_id = applicant_organisation_id(session, actor)
    if organisation_id is None:
        return []
    frame = db_organisations.members_frame(session, organisation_id)
    return list(zip(frame["name"], frame["email"], strict=True))


def rules_of(challenge: Challenge, ceiling_pence: int | None = None) -> EligibilityRules:
    return EligibilityRules(
        max_employees=challenge.max_employees,
        max_turnover_pence=challenge.max_turnover_pence,
        london_only=challenge.london_only,
        max_award_pence=ceiling_pence or challenge.max_award_pence,
        max_proposals_per_statement=challenge.max_proposals_per_statement,
    )


def facts_of(organisation: Organisation | OrganisationView | None) -> OrganisationFacts | None:
    if organisation is None:
        return None
    return OrganisationFacts(
        organisation.employees, organisation.turnover_pence, organisation.borough_code
    )


def check_eligibility(*, session: Session, actor: UserView) -> list[str] | None:
    """Reasons the applicant's organisation could not be funded by the current challenge
    ([] when none); None when no challenge is set up."""
    organisation = my_organisation(session=session, actor=actor)
    challenge = db_challenges.current_challenge(session)
    if challenge is None:
        return None
    return eligibility_problems(facts_of(organisation), rules_of(challenge))


def invite_co_applicant(
    *, session: Session, actor: UserView, email: str, now: datetime, base_url: str | None = None
) -> str:
    """A one-time link, emailed to a colleague, to join the applicant's organisation."""
    actor = acting(session, actor, Role.APPLICANT)
    return create_invite(
        session=session, actor=actor, email=email, role=Role.APPLICANT, now=now, base_url=base_url
    )
