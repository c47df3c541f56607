"""Pure judging rules: conflict suggestions, rubric checks, review checks, visibility, redaction."""

from datetime import UTC, datetime, timedelta

import pytest

from civic_challenge.domain.conflicts import (
    JudgeIdentity,
    OrganisationIdentity,
    name_match,
    suggest_conflicts,
    website_domain,
)
from civic_challenge.domain.reviews import (
    judging_open,
    may_see_other_scores,
    redact,
    review_problems,
)
from civic_challenge.domain.rubric import CriterionDraft, criterion_key, criterion_problems
from civic_challenge.domain.scoring import CriterionScale

NOW = datetime(2018, 8, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("website", "domain"),
    [
        ("https://www.Acme.co.uk/about", "acme.co.uk"),
        ("acme.org", "acme.org"),
        ("", ""),
        ("http://sub.acme.org", "sub.acme.org"),
    ],
)
def test_website_domain(website, domain):
    assert website_domain(website) == domain


@pytest.mark.parametrize(
    ("judge", "organisation", "match"),
    [
        ("Priya Shah", "Shah Consulting Ltd", True),
        (
            "Priya Shah",
            "Shaw Consulting Ltd",
            False,
        ),  # surname shorter than 4 letters compared whole
        ("Tom Okafor", "Okafor Ltd", True),
        ("Tom Okafor", "Okafors Analytics", True),  # close spelling
        ("Tom Okafor", "Lantern Mobility Ltd", False),
        ("Ann Lee", "Lee Ltd", False),  # surname too short to trust alone
        ("Bright Analytics", "Bright Analytics CIC", True),
    ],
)
def test_name_match(judge, organisation, match):
    assert name_match(judge, organisation) is match


def test_suggestions_skip_public_mail_domains():
    judges = [
        JudgeIdentity(1, "Sam Judge", "sam@acme.org"),
        JudgeIdentity(2, "Al Bo", "al@gmail.com"),
    ]
    organisations = [
        OrganisationIdentity(10, "Acme Widgets", "https://www.acme.org"),
        OrganisationIdentity(11, "Mail Co", "gmail.com"),
    ]
    found = suggest_conflicts(judges, organisations)
    assert [(s.judge_id, s.organisation_id) for s in found] == [(1, 10)]
    assert "acme.org" in found[0].reason


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"weight": 0.0}, "weight"),
        ({"weight": -1.0}, "weight"),
        ({"scale_min": 3, "scale_max": 3}, "scale"),
        ({"scale_min": 1, "scale_max": 20}, "scale"),
        ({"descriptors": ("a", "b")}, "descriptors"),
    ],
)
def test_criterion_problems(changes, field):
    fields = dict(
        name="Impact", guidance="", weight=1.0, scale_min=1, scale_max=5, descriptors=tuple("abcde")
    )
    problems = criterion_problems(CriterionDraft(**(fields | changes)))
    assert problems[field] and not any(v for k, v in problems.items() if k != field)


def test_criterion_key_is_unique():
    assert criterion_key("Value for money", ["value-for-money"]) == "value-for-money-2"


SCALES = [CriterionScale("a", 1, 1, 5), CriterionScale("b", 1, 1, 5, counts_toward_total=False)]


@pytest.mark.parametrize(
    ("scores", "submitting", "fields"),
    [
        ({"a": 3}, True, set()),
        ({}, True, {"score:a"}),
        ({}, False, set()),
        ({"a": 6}, False, {"score:a"}),
        ({"a": 3, "b": 0}, True, {"score:b"}),
        ({"a": 3, "z": 1}, True, {"score:z"}),
    ],
)
def test_review_problems(scores, submitting, fields):
    problems = review_problems(
        scores, SCALES, confidence="low", comment="x" * 40, note="", submitting=submitting
    )
    assert set(problems) == fields


def test_judging_is_open_only_in_its_phase_and_before_it_closes():
    closes = NOW + timedelta(days=1)
    assert judging_open("judging", closes, NOW)
    assert not judging_open("judging", closes, closes)
    assert not judging_open("moderation", closes, NOW)


@pytest.mark.parametrize(
    ("visibility", "own", "sees"),
    [
        ("never", True, False),
        ("after_own", False, False),
        ("after_own", True, True),
        ("always", False, True),
    ],
)
def test_may_see_other_scores(visibility, own, sees):
    assert may_see_other_scores(visibility, own) is sees


def test_redact_is_case_insensitive_and_ignores_empty_names():
    assert redact("ACME Ltd will pilot; acme ltd knows.", "Acme Ltd") == (
        "[the applicant] will pilot; [the applicant] knows."
    )
    assert redact("Text", " ") == "Text"
