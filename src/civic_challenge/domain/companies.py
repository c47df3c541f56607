"""Organisation profiles: what a valid Companies House number, size and website look like."""

import re
from dataclasses import dataclass

from civic_challenge.domain.money_input import read_pounds

MAX_NAME = 200
MAX_WEBSITE = 200
# Companies House numbers: eight digits (England and Wales), or two letters and six digits
# (SC Scotland, NI Northern Ireland, OC partnerships, ...).
_COMPANY_NUMBER = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$")
_WEBSITE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


@dataclass(frozen=True)
class OrganisationInput:
    """What the My organisation form sends, as typed."""

    name: str
    companies_house_number: str
    employees: int | None
    turnover: str
    borough_code: str | None
    website: str


@dataclass(frozen=True)
class OrganisationValues:
    """Cleaned values, ready to store."""

    name: str
    companies_house_number: str | None
    employees: int | None
    turnover_pence: int | None
    borough_code: str | None
    website: str


def normalise_company_number(text: str) -> str:
    """Upper case, no spaces: ' sc 123456 ' -> 'SC123456'."""
    return re.sub(r"\s+", "", text).upper()


def company_number_problems(text: str) -> list[str]:
    number = normalise_company_number(text)
    if not number or _COMPANY_NUMBER.match(number):
        return []
    return [
        "A Companies House number has 8 characters: eight digits (like 01234567) or two "
        "letters and six digits (like SC123456). Check it on your incorporation certificate."
    ]


def normalise_website(text: str) -> str:
    site = text.strip()
    if site and not re.match(r"^https?://", site, re.IGNORECASE):
        site = f"https://{site}"
    return site


def organisation_problems(
    form: OrganisationInput, boroughs: set[str]
) -> tuple[OrganisationValues, dict[str, list[str]]]:
    """The cleaned values and every problem with them, by field."""
    name = form.name.strip()
    turnover, turnover_problem = read_pounds(form.turnover, what="your annual turnover")
    website = normalise_website(form.website)
    problems: dict[str, list[str]] = {
        "name": [],
        "companies_house_number": company_number_problems(form.companies_house_number),
        "employees": [],
        "turnover": [turnover_problem] if turnover_problem else [],
        "borough_code": [],
        "website": [],
    }
    if not name:
        problems["name"].append("Enter your organisation's name.")
    elif len(name) > MAX_NAME:
        problems["name"].append(f"Use at most {MAX_NAME} characters (you typed {len(name)}).")
    if form.employees is not None and form.employees < 0:
        problems["employees"].append("Enter the number of employees as 0 or more.")
    if form.borough_code is not None and form.borough_code not in boroughs:
        problems["borough_code"].append("Choose a London borough from the list.")
    if len(website) > MAX_WEBSITE:
        problems["website"].append(f"Use at most {MAX_WEBSITE} characters for the website.")
    elif website and not _WEBSITE.match(website):
        problems["website"].append("Enter a website address such as https://example.co.uk.")
    values = OrganisationValues(
        name=name,
        companies_house_number=normalise_company_number(form.companies_house_number) or None,
        employees=form.employees,
        turnover_pence=turnover,
        borough_code=form.borough_code,
        website=website,
    )
    return values, problems
