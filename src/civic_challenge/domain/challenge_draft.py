"""A new challenge as the organiser typed it, and everything wrong with it at once.

Money is integer pence and moments are timezone-aware; the form converts pounds and London time.
"""

from dataclasses import dataclass
from datetime import datetime

from civic_challenge.domain.money import pounds
from civic_challenge.domain.money_input import MAX_POUNDS

NAME_MAX, DESCRIPTION_MAX, SLUG_MAX = 200, 5000, 60
YEARS = (2000, 2100)
MAX_PENCE = MAX_POUNDS * 100
LIMITS = {  # field: (lowest, highest, what it is called in a message)
    "max_employees": (1, 1_000_000, "The most employees"),
    "max_proposals_per_statement": (1, 100, "Proposals per organisation and statement"),
    "reviews_per_proposal": (1, 20, "Reviews per proposal"),
    "judge_load_cap": (1, 10_000, "The most proposals per judge"),
}


@dataclass(frozen=True)
class ChallengeDraft:
    name: str
    description: str
    year: int
    opens_at: datetime
    closes_at: datetime
    judging_closes_at: datetime
    budget_pence: int
    max_award_pence: int
    max_employees: int = 249
    max_turnover_pence: int = 43_000_000_00
    london_only: bool = True
    max_proposals_per_statement: int = 1
    reviews_per_proposal: int = 3
    judge_load_cap: int = 30


def draft_problems(draft: ChallengeDraft, *, slug: str) -> dict[str, list[str]]:
    """Every problem with the draft, by field; `slug` is the web name made from its name."""
    problems: dict[str, list[str]] = {field: [] for field in ChallengeDraft.__dataclass_fields__}
    name = draft.name.strip()
    if not name:
        problems["name"].append(
            "Give the challenge a name, for example 'Civic Innovation Challenge 2026'."
        )
    elif len(name) > NAME_MAX:
        problems["name"].append(
            f"The name is {len(name):,} characters: {len(name) - NAME_MAX:,} too many (the "
            f"limit is {NAME_MAX}). Shorten it, then create the challenge."
        )
    elif not slug:
        problems["name"].append(
            "Use some letters or digits in the name: the challenge's web name is made from them."
        )
    if len(draft.description) > DESCRIPTION_MAX:
        problems["description"].append(
            f"Keep the description to {DESCRIPTION_MAX:,} characters; it has "
            f"{len(draft.description):,}."
        )
    if not YEARS[0] <= draft.year <= YEARS[1]:
        problems["year"].append(
            f"Give the year as four digits, from {YEARS[0]} to {YEARS[1]}; it was {draft.year}."
        )
    _date_problems(draft, problems)
    _money_problems(draft, problems)
    for field, (low, high, what) in LIMITS.items():
        value = getattr(draft, field)
        if not low <= value <= high:
            problems[field].append(
                f"{what} must be a whole number from {low} to {high:,}; it was {value:,}."
            )
    return problems


def _date_problems(draft: ChallengeDraft, problems: dict[str, list[str]]) -> None:
    moments = {
        "opens_at": draft.opens_at,
        "closes_at": draft.closes_at,
        "judging_closes_at": draft.judging_closes_at,
    }
    naive = [field for field, moment in moments.items() if moment.tzinfo is None]
    for field in naive:
        problems[field].append("Give this moment with its time zone.")
    if naive:
        return
    if draft.closes_at <= draft.opens_at:
        problems["closes_at"].append(
            "The deadline must come after the call opens: move it later, or open earlier."
        )
    if draft.judging_closes_at <= draft.closes_at:
        problems["judging_closes_at"].append(
            "Judging must close after the deadline for proposals: move it later."
        )


def _money_problems(draft: ChallengeDraft, problems: dict[str, list[str]]) -> None:
    amounts = {
        "budget_pence": ("a budget", "all awards together"),
        "max_award_pence": ("an award ceiling", "the most one award may be"),
        "max_turnover_pence": ("a turnover limit", "the highest annual turnover an SME may have"),
    }
    for field, (what, meaning) in amounts.items():
        value = getattr(draft, field)
        if value <= 0:
            problems[field].append(f"Set {what} above £0: {meaning}, in pounds.")
        elif value >= MAX_PENCE:
            problems[field].append(f"That is more than this form accepts: check {what}.")
    budget, ceiling = draft.budget_pence, draft.max_award_pence
    if 0 < budget < ceiling < MAX_PENCE:
        problems["max_award_pence"].append(
            f"The award ceiling ({pounds(ceiling)}) cannot be more than the budget "
            f"({pounds(budget)}): lower the ceiling or raise the budget."
        )
