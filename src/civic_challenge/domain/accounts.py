"""Rules for accounts: what a valid email and name look like, and how sign-in failures slow down."""

import ipaddress
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email

MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 100
FREE_FAILURES = 3
SOURCE_FREE_FAILURES = 100
MAX_LOCKOUT = timedelta(minutes=15)
# Failures older than this (with none since) are forgotten: counting starts again.
FAILURE_MEMORY = timedelta(hours=1)


def normalise_email(email: str) -> str:
    """Emails are compared and stored lower-cased, without surrounding spaces."""
    return email.strip().lower()


def email_problems(email: str) -> list[str]:
    text = normalise_email(email)
    if not text:
        return ["Enter your email address."]
    if len(text) > MAX_EMAIL_LENGTH:
        return [f"An email address has at most {MAX_EMAIL_LENGTH} characters."]
    try:
        validate_email(text, check_deliverability=False)  # offline: no DNS look-up
    except EmailNotValidError as error:
        return [f"Enter an email address in the form name@example.org. {error}"]
    return []


def name_problems(name: str) -> list[str]:
    text = name.strip()
    if not text:
        return ["Enter your name."]
    if len(text) > MAX_NAME_LENGTH:
        return [f"Use at most {MAX_NAME_LENGTH} characters for your name (you typed {len(text)})."]
    return []


def lockout_after(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """How long an account waits after `failures` wrong passwords in a row.

    The first few are free (typos happen); then the wait doubles from 5 seconds up to 15 minutes,
    which makes guessing slow without locking a real user out for long.
    """
    if failures < free:
        return timedelta(0)
    seconds = 5 * 2 ** min(failures - free, 10)
    return min(timedelta(seconds=seconds), MAX_LOCKOUT)


def throttle_keys(email: str, source: str | None) -> tuple[str, str]:
    """What failed sign-ins are counted against: this email from this source, and the source.

    Counting per pair means nobody elsewhere can lock a person out of their account; the
    source's own, larger allowance slows one source trying many emails. Unknown emails are
    counted exactly like known ones, so the answers never tell them apart."""
    where = source or "unknown"
    return (f"pair\x00{normalise_email(email)}\x00{where}", f"source\x00{where}")


def forwarded_client(header: str | None) -> str | None:
    """The client's address from a proxy's X-Forwarded-For-style header: its last entry (the
    one the proxy itself saw), when that is an IP address; None otherwise."""
    last = (header or "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return None
