"""Likely conflicts of interest: a judge's email domain is an organisation's website, or the
judge's name closely matches the organisation's."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

NAME_MATCH_RATIO = 0.85
# Mail providers anyone can use: sharing one says nothing about a connection.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "live.com",
        "live.co.uk",
        "yahoo.com",
        "yahoo.co.uk",
        "icloud.com",
        "me.com",
        "aol.com",
        "protonmail.com",
        "proton.me",
        "btinternet.com",
        "sky.com",
    }
)
_COMPANY_WORDS = frozenset({"ltd", "limited", "llp", "plc", "cic", "co", "the", "and", "uk"})


@dataclass(frozen=True)
class JudgeIdentity:
    id: int
    name: str
    email: str


@dataclass(frozen=True)
class OrganisationIdentity:
    id: int
    name: str
    website: str


@dataclass(frozen=True)
class SuggestedConflict:
    judge_id: int
    organisation_id: int
    reason: str


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def website_domain(website: str) -> str:
    """'https://www.Acme.co.uk/about' -> 'acme.co.uk'; '' when there is no website."""
    text = website.strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "://" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.")


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _COMPANY_WORDS]


def name_match(judge_name: str, organisation_name: str) -> bool:
    """True when the organisation's name, without 'Ltd' and the like, closely matches the judge's
    full name, or one of its words closely matches the judge's surname (4 letters or more)."""
    judge, organisation = _words(judge_name), _words(organisation_name)
    if not judge or not organisation:
        return False
    whole = SequenceMatcher(None, " ".join(judge), " ".join(organisation)).ratio()
    if whole >= NAME_MATCH_RATIO:
        return True
    surname = judge[-1]
    return len(surname) >= 4 and any(
        SequenceMatcher(None, surname, word).ratio() >= NAME_MATCH_RATIO for word in organisation
    )


def suggest_conflicts(
    judges: Iterable[JudgeIdentity], organisations: Iterable[OrganisationIdentity]
) -> list[SuggestedConflict]:
    """Every (judge, organisation) pair that looks connected, with the reason in words."""
    organisations = list(organisations)
    found = []
    for judge in judges:
        domain = email_domain(judge.email)
        for organisation in organisations:
            reason = _reason(judge, domain, organisation)
            if reason:
                found.append(SuggestedConflict(judge.id, organisation.id, reason))
    return found


def _reason(judge: JudgeIdentity, domain: str, organisation: OrganisationIdentity) -> str:
    site = website_domain(organisation.website)
    if domain and site and domain not in PUBLIC_MAIL_DOMAINS and domain == site:
        return f"The judge's email address is at {domain}, the organisation's website."
    if name_match(judge.name, organisation.name):
        return f"The judge's name ({judge.name}) is close to the organisation's name."
    return ""
