"""Money as people read it: integer pence in, pounds out."""


def pounds(pence: int) -> str:
    """12345600 -> '£123,456'; pence shown only when there are any."""
    whole, part = divmod(int(pence), 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"
