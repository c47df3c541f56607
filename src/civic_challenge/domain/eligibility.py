"""Who may apply: the challenge's rules against an organisation and a proposal, as reasons."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EligibilityRules:
    max_employees: int
    max_turnover_pence: int
    london_only: bool
    max_award_pence: int
    max_proposals_per_statement: int


@dataclass(frozen=True)
class OrganisationFacts:
    employees: int | None
    turnover_pence: int | None
    borough_code: str | None


def _pounds(pence: int) -> str:
    whole, part = divmod(pence, 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"


def eligibility_problems(
    organisation: OrganisationFacts | None,
    rules: EligibilityRules,
    amount_pence: int | None = None,
    proposals_for_statement: int = 0,
) -> list[str]:
    """Every reason the organisation (and, when given, the amount) cannot be funded; [] if none.

    `amount_pence` is checked against `rules.max_award_pence`, which the caller sets to the
    statement's own ceiling when it has one. `proposals_for_statement` counts the organisation's
    other submitted proposals to the same statement (not this one, not withdrawn ones).
    """
    if organisation is None:
        return ["Fill in your organisation's profile on My organisation first."]
    reasons = []
    if organisation.employees is None:
        reasons.append("Add your number of employees on My organisation.")
    elif organisation.employees > rules.max_employees:
        reasons.append(
            f"This challenge is for organisations with fewer than {rules.max_employees + 1} "
            f"staff; yours has {organisation.employees}."
        )
    if organisation.turnover_pence is None:
        reasons.append("Add your annual turnover on My organisation.")
    elif organisation.turnover_pence > rules.max_turnover_pence:
        reasons.append(
            f"This challenge is for organisations with an annual turnover of at most "
            f"{_pounds(rules.max_turnover_pence)}; yours is {_pounds(organisation.turnover_pence)}."
        )
    if rules.london_only and organisation.borough_code is None:
        reasons.append(
            "This challenge is for organisations based in London: choose your borough on "
            "My organisation."
        )
    if amount_pence is not None and amount_pence > rules.max_award_pence:
        reasons.append(
            f"The amount requested ({_pounds(amount_pence)}) is more than the "
            f"{_pounds(rules.max_award_pence)} this challenge awards at most."
        )
    if proposals_for_statement >= rules.max_proposals_per_statement:
        allowed = rules.max_proposals_per_statement
        reasons.append(
            f"Your organisation has already submitted {proposals_for_statement} "
            f"proposal{'s' * (proposals_for_statement != 1)} to this challenge statement; "
            f"at most {allowed} {'is' if allowed == 1 else 'are'} allowed."
        )
    return reasons
