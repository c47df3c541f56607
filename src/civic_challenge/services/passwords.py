"""The common-password list shipped in data/, read once per process."""

from functools import lru_cache

from civic_challenge.config import get_settings
from civic_challenge.domain.passwords import (
    DEMO_PASSWORD,
    parse_common_passwords,
    password_problems,
)


@lru_cache
def common_passwords() -> frozenset[str]:
    path = get_settings().data_dir / "common_passwords.txt"
    # The demo password is published in the README: no real account may use it.
    return parse_common_passwords(path.read_text(encoding="utf-8")) | {DEMO_PASSWORD}


def new_password_problems(
    password: str, repeat: str, *, personal: tuple[str, ...] = ()
) -> list[str]:
    """Problems with a new password; `personal` is the person's email and name."""
    problems = password_problems(password, common_passwords(), personal=personal)
    if not problems and password != repeat:
        problems.append("The two passwords do not match.")
    return problems
