"""Showing people's words and our numbers: user text as text, money and dates the UK way."""

from datetime import datetime
from zoneinfo import ZoneInfo

from civic_challenge.domain.money import pounds

__all__ = ["clock_time", "countdown", "plain", "pounds", "when"]

LONDON = ZoneInfo("Europe/London")
# "@" and ":" too, so emails and addresses are not turned into links.
_MARKDOWN = set("\\`*_{}[]()#+-.!<>|~$@:")


def plain(text: str) -> str:
    """Escape Markdown so what a user typed (e.g. **bold** or <script>) shows exactly as typed."""
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in text)


def when(moment: datetime) -> str:
    """A moment in London time: '17:00 on Friday 29 June 2018'."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"


def clock_time(moment: datetime) -> str:
    """The time of day in London, for "Draft saved at 14:03"."""
    return f"{moment.astimezone(LONDON):%H:%M}"


def countdown(until: datetime, now: datetime) -> str:
    """'12 days, 3 hours left' or 'closed'."""
    remaining = until - now
    if remaining.total_seconds() <= 0:
        return "closed"
    days, seconds = remaining.days, remaining.seconds
    hours = seconds // 3600
    if days:
        return f"{days} day{'s' * (days != 1)}, {hours} hour{'s' * (hours != 1)} left"
    minutes = (seconds % 3600) // 60
    return f"{hours} hour{'s' * (hours != 1)}, {minutes} minute{'s' * (minutes != 1)} left"
