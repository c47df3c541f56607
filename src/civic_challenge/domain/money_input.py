"""Money typed by people: pounds in (with or without £ and commas), integer pence out."""

import re

MAX_POUNDS = 1_000_000_000_000  # far above any turnover; keeps pence inside 64 bits
_POUNDS = re.compile(r"^([0-9]+)(?:\.([0-9]{1,2}))?$")  # ASCII digits only: "١٢" is not 12


def read_pounds(text: str, *, what: str) -> tuple[int | None, str | None]:
    """(pence, None) for a well-formed amount, (None, None) when blank, (None, message) otherwise.

    `what` names the amount in the message ("the amount requested"). Negative amounts are refused
    here; whether zero is allowed is the caller's rule.
    """
    cleaned = text.strip().replace(",", "").replace(" ", "").removeprefix("£")
    if not cleaned:
        return None, None
    if cleaned.startswith("-"):
        return None, f"Enter {what} as a positive number of pounds, for example 15000."
    match = _POUNDS.match(cleaned)
    if match is None:
        return None, f"Enter {what} in pounds using digits only, for example 15000 or 15,000.50."
    whole, part = match.group(1), (match.group(2) or "0").ljust(2, "0")
    if int(whole) >= MAX_POUNDS:
        return None, f"That is more than any amount this form accepts: check {what}."
    return int(whole) * 100 + int(part), None


def pounds_text(pence: int | None) -> str:
    """Pence back into what a person would type: 1500050 -> '15000.50', 1500000 -> '15000'."""
    if pence is None:
        return ""
    whole, part = divmod(pence, 100)
    return f"{whole}" if part == 0 else f"{whole}.{part:02d}"
