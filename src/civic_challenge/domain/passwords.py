"""Password policy and hashing (argon2id).

The policy follows NIST SP 800-63B: a length range and a common-password list, no composition rules.
Hashing uses OWASP's minimum argon2id parameters (19 MiB, 2 passes, 1 lane): about 20 ms a check.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 128
DEMO_PASSWORD = "civic-demo-2018"  # noqa: S105  (published on purpose: demo accounts only)

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("a password nobody has chosen")


def password_problems(
    password: str, common: frozenset[str], *, personal: tuple[str, ...] = ()
) -> list[str]:
    """Plain-English reasons the password is refused; empty when it is acceptable.

    `personal` holds what others know of the person (their email, their name): a password
    equal to one of them, ignoring case and spaces, is refused."""
    if not password.strip():
        return ["A password cannot be only spaces. Choose a few words instead."]
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters (you typed {len(password)})."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters (you typed {len(password)})."]
    folded = password.strip().lower()
    if folded in common:
        return ["This password is on a list of commonly used passwords. Choose another."]
    if " ".join(folded.split()) in _personal_forms(personal):
        return ["Your password cannot be your email address or your name. Choose another."]
    return []


def _personal_forms(personal: tuple[str, ...]) -> set[str]:
    forms = {" ".join(item.lower().split()) for item in personal}
    return {form for form in forms | {form.partition("@")[0] for form in forms} if form}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; False otherwise, taking as long either way."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def parse_common_passwords(text: str) -> frozenset[str]:
    """The shipped list: one password a line, '#' lines are comments."""
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
