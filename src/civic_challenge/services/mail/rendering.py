"""Messages from Jinja2 templates in mail_templates/: one file per message, with a subject, a
plain-text and an HTML block. HTML is autoescaped; the subject and text blocks are not HTML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from civic_challenge.db import challenges as db_challenges
from civic_challenge.domain.proposals import deadline_words

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_NAME = "Civic Challenge"
HTML_PAGE = (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"></head>'
    '<body style="font-family: sans-serif; line-height: 1.5">{body}</body></html>'
)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@lru_cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("civic_challenge", "mail_templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
    )


def render(template: str, context: dict[str, Any]) -> Rendered:
    compiled = _environment().get_template(f"{template}.jinja")

    def block(name: str) -> str:
        return "".join(compiled.blocks[name](compiled.new_context(context))).strip()

    subject = " ".join(block("subject").split())  # one line, whatever the template held
    return Rendered(subject, block("text") + "\n", HTML_PAGE.format(body=block("html")))


def challenge_words(session: Session) -> dict[str, str]:
    """The current challenge's name and dates, as every message may quote them."""
    challenge = db_challenges.current_challenge(session)
    if challenge is None:
        return {"name": DEFAULT_NAME, "closes": "", "judging_closes": "", "dates_text": ""}
    closes = deadline_words(challenge.closes_at)
    return {
        "name": challenge.name,
        "opens": deadline_words(challenge.opens_at),
        "closes": closes,
        "judging_closes": deadline_words(challenge.judging_closes_at),
        "dates_text": f"Proposals are due by {closes} (London time).",
    }
