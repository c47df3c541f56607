"""Rules for accounts: what a valid email and name look like, and how sign-in failures slow down."""

import re
from datetime import timedelta

MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 100
FREE_FAILURES = 3
MAX_LOCKOUT = timedelta(minutes=15)

# Deliberately simple: one @, something before, a dotted domain after, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    """Emails are compared and stored lower-cased, without surrounding spaces."""
    return email.strip().lower()


def email_problems(email: str) -> list[str]:
    text = normalise_email(email)
    if not text:
        return ["Enter your email address."]
    if len(text) > MAX_EMAIL_LENGTH:
        return [f"An email address has at most {MAX_EMAIL_LENGTH} characters."]
    if not _EMAIL.match(text):
        return ["Enter an email address in the form name@example.org."]
    return []


def name_problems(name: str) -> list[str]:
    text = name.strip()
    if not text:
        return ["Enter your name."]
    if len(text) > MAX_NAME_LENGTH:
        return [f"Use at most {MAX_NAME_LENGTH} characters for your name (you typed {len(text)})."]
    return []


def lockout_after(failures: int) -> timedelta:
    """How long an account waits after `failures` wrong passwords in a row.

    The first few are free (typos happen); then the wait doubles from 5 seconds up to 15 minutes,
    which makes guessing slow without locking a real user out for long.
    """
    if failures < FREE_FAILURES:
        return timedelta(0)
    seconds = 5 * 2 ** min(failures - FREE_FAILURES, 10)
    return min(timedelta(seconds=seconds), MAX_LOCKOUT)
