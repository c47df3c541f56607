"""Showing people's words and our numbers: user text as text, money and dates the UK way."""

import re
import string
from datetime import datetime
from zoneinfo import ZoneInfo

from civic_challenge.domain.money import pounds

__all__ = ["clock_time", "countdown", "plain", "pounds", "when"]

LONDON = ZoneInfo("Europe/London")
_PUNCTUATION = frozenset(string.punctuation)
WORD_JOINER = "\u2060"
# Streamlit finds these in text *after* Markdown escapes are read: web addresses become links,
# `:smile:` and `:material/home:` become pictures, `:red[...]` colours. An invisible word joiner
# after the colon that starts one (or between www and its dot) breaks each pattern without
# changing the text. Only there: a colon before a space ("Status: Submitted") or in a time
# ("16:00") stays as it is, so copying such text copies what is seen. An email address stays
# an email (at most a mailto link, which can only open the reader's own mail program): a hidden
# character in it would break the address for whoever copies it.
_FOUND_IN_TEXT = re.compile(r"(?i)(?<=:)(?=//|[\w+/-]+[:\[])|(?<=\bwww)(?=\.)")


def plain(text: str) -> str:
    """Text as typed inside Streamlit Markdown: in st.markdown, captions, labels, help, options
    of radios, tabs, expanders, st.table cells and metrics.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows it for all of them), so
    no emphasis, link, table, heading, HTML, `$` maths or `:colour[...]` directive survives.
    Not for text Streamlit shows as it is (st.text, select box options, st.dataframe cells):
    there the backslashes would show.
    """
    joined = _FOUND_IN_TEXT.sub(WORD_JOINER, text)
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in joined)


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
