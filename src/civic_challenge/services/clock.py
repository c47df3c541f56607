"""The server clock, overridable through CIVIC_NOW for tests and rehearsals."""

from datetime import UTC, datetime

from civic_challenge.config import get_settings


def now() -> datetime:
    return get_settings().now or datetime.now(UTC)
