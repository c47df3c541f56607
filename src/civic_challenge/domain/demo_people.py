"""The demo's fictional SMEs and its sign-in accounts: one organiser, the judges, one applicant."""

from random import Random

from civic_challenge.domain.demo_records import (
    DemoChallengeInfo,
    DemoJudge,
    DemoOrganisation,
    DemoProposal,
    DemoUser,
)
from civic_challenge.domain.demo_text import organisation_name, website
from civic_challenge.domain.terms import ProposalStatus, Role

ORGANISER_EMAIL = "organiser@example.org"
ORGANISER_NAME = "Olu Organiser"
APPLICANT_EMAIL = "applicant@example.org"
APPLICANT_NAME = "Amara Applicant"
ORGANISATIONS = 120
OVERSIZED = 3
OVER_TURNOVER = 2


def make_organisations(
    rng: Random, borough_codes: list[str], challenge: DemoChallengeInfo
) -> list[DemoOrganisation]:
    """Mostly small firms; a few too big by staff or by turnover, so screening has work to do."""
    names = _unique_names(rng, ORGANISATIONS)
    too_big = rng.sample(range(ORGANISATIONS), OVERSIZED + OVER_TURNOVER)
    organisations = []
    for index, name in enumerate(names):
        employees = 2 + int(238 * rng.random() ** 2.5)
        turnover_pence = employees * rng.randint(40_000, 150_000) * 100
        if index in too_big[:OVERSIZED]:
            employees = rng.randint(challenge.max_employees + 11, 420)
        elif index in too_big[OVERSIZED:]:
            turnover_pence = challenge.max_turnover_pence + rng.randint(1, 20) * 100_000_000
        organisations.append(
            DemoOrganisation(
                index=index,
                name=name,
                companies_house_number=_companies_house_number(rng),
                employees=employees,
                turnover_pence=turnover_pence,
                borough_code=rng.choice(borough_codes),
                website=website(name),
            )
        )
    return organisations


def _unique_names(rng: Random, count: int) -> list[str]:
    """Unique by website too: "Oak Labs Ltd" and "Oak Labs CIC" would share oak-labs.example."""
    names: list[str] = []
    sites: set[str] = set()
    while len(names) < count:
        name = organisation_name(rng)
        if website(name) not in sites:
            sites.add(website(name))
            names.append(name)
    return names


def _companies_house_number(rng: Random) -> str:
    """Eight digits for England and Wales; one in ten registered in Scotland ("SC" and six)."""
    if rng.random() < 0.1:
        return f"SC{rng.randint(100_000, 699_999)}"
    return f"{rng.randint(1_000_000, 11_999_999):08d}"


def accounts(judges: list[DemoJudge], proposals: list[DemoProposal]) -> list[DemoUser]:
    """The applicant belongs to the organisation behind the first eligible proposal."""
    applicant_org = next(
        p.organisation for p in proposals if p.status == ProposalStatus.ELIGIBLE.value
    )
    return [
        DemoUser(ORGANISER_EMAIL, ORGANISER_NAME, Role.ORGANISER.value),
        *(DemoUser(j.email, j.name, Role.JUDGE.value) for j in judges),
        DemoUser(APPLICANT_EMAIL, APPLICANT_NAME, Role.APPLICANT.value, applicant_org),
    ]
