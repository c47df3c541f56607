"""Money and scores as people read them: integer pence in, pounds out; one rounding rule.

Every figure shown is rounded half away from zero (62.5 -> 63, -0.5 -> -1), the rule people
learn at school, never Python's round-half-to-even (which shows 62.5 as 62 and 37.5 as 38).
"""

from decimal import ROUND_HALF_UP, Decimal


def pounds(pence: int) -> str:
    """12345600 -> '£123,456'; pence shown only when there are any; -1 -> '-£0.01'."""
    sign = "-" if int(pence) < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{sign}£{whole:,}" if part == 0 else f"{sign}£{whole:,}.{part:02d}"


def rounded(value: float, places: int = 0) -> str:
    """`value` to `places` decimals, half away from zero: rounded(62.5) -> '63'."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{abs(exact) if exact == 0 else exact:,f}"


def short_pounds(pence: int) -> str:
    """One short form for labels: £950, £9k, £15k, £1.2m (half away from zero); '' for zero."""
    whole = abs(int(pence)) / 100
    sign = "-" if int(pence) < 0 else ""
    if not whole:
        return ""
    if whole >= 1_000_000:
        return f"{sign}£{rounded(whole / 1_000_000, 1)}m"
    if whole >= 1_000:
        return f"{sign}£{rounded(whole / 1_000)}k"
    return f"{sign}£{rounded(whole)}"
