"""Pure rules for applicants: money, Companies House numbers, eligibility, proposals, progress."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic_challenge.domain.attachments import Upload, clean_filename, pdf_problems
from civic_challenge.domain.companies import company_number_problems, normalise_company_number
from civic_challenge.domain.eligibility import (
    EligibilityRules,
    OrganisationFacts,
    eligibility_problems,
)
from civic_challenge.domain.money_input import MAX_POUNDS, pounds_text, read_pounds
from civic_challenge.domain.proposal_help import CriterionText, field_help
from civic_challenge.domain.proposal_progress import (
    UNDER_REVIEW,
    applicant_stage,
    applicant_status,
    feedback_released,
    outcome_released,
)
from civic_challenge.domain.proposals import (
    Choices,
    ProposalDraft,
    change_refusal,
    deadline_words,
    next_reference,
    submission_problems,
)
from civic_challenge.domain.terms import Phase, ProposalStatus

CLOSES = datetime(2026, 11, 14, 16, 0, tzinfo=UTC)
BEFORE = datetime(2026, 11, 14, 15, 59, 59, tzinfo=UTC)
RULES = EligibilityRules(249, 50_000_000_00, True, 15_000_00, 1)


@pytest.mark.parametrize(
    ("text", "pence", "problem"),
    [
        ("15000", 15_000_00, None),
        ("£15,000.5", 15_000_50, None),
        (" 1 000 ", 1_000_00, None),
        ("", None, None),
        ("-5", None, "positive"),
        ("abc", None, "digits only"),
        ("1.234", None, "digits only"),
        ("1e6", None, "digits only"),
        ("99999999999999", None, "more than any amount"),
    ],
)
def test_read_pounds(text, pence, problem):
    got, message = read_pounds(text, what="the amount")
    assert got == pence
    assert (message is None) if problem is None else (problem in message)


@given(st.integers(min_value=0, max_value=MAX_POUNDS * 100 - 1))
def test_pounds_text_reads_back_to_the_same_pence(pence):
    assert read_pounds(pounds_text(pence), what="x") == (pence, None)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("01234567", True),
        ("SC123456", True),
        ("sc 123 456", True),
        ("", True),
        ("1234567", False),
        ("123456789", False),
        ("S1234567", False),
        ("SC12345A", False),
        ("ÅB123456", False),
    ],
)
def test_companies_house_numbers(text, ok):
    assert (company_number_problems(text) == []) is ok


def test_company_numbers_are_upper_case_without_spaces():
    assert normalise_company_number(" ni 012 345 ") == "NI012345"


@pytest.mark.parametrize(
    ("facts", "amount", "others", "expected"),
    [
        (OrganisationFacts(10, 100_00, "E09000001"), 15_000_00, 0, []),
        (OrganisationFacts(249, 50_000_000_00, "E09000001"), None, 0, []),
        (OrganisationFacts(250, 1, "E09000001"), None, 0, ["fewer than 250 staff"]),
        (OrganisationFacts(1, 50_000_000_01, "E09000001"), None, 0, ["turnover"]),
        (OrganisationFacts(1, 1, None), None, 0, ["based in London"]),
        (OrganisationFacts(1, 1, "E09000001"), 15_000_01, 0, ["more than the £15,000"]),
        (OrganisationFacts(1, 1, "E09000001"), None, 1, ["at most 1 is allowed"]),
        (OrganisationFacts(None, None, "E09000001"), None, 0, ["employees", "turnover"]),
        (None, None, 0, ["profile"]),
    ],
)
def test_eligibility_reasons(facts, amount, others, expected):
    reasons = eligibility_problems(facts, RULES, amount, others)
    assert len(reasons) == len(expected)
    for reason, words in zip(reasons, expected, strict=True):
        assert words in reason


def test_outside_london_is_fine_when_the_challenge_allows_it():
    rules = EligibilityRules(249, 100, False, 100, 1)
    assert eligibility_problems(OrganisationFacts(1, 1, None), rules) == []


def test_a_blank_submission_lists_every_required_field():
    problems = submission_problems(ProposalDraft(), Choices({1: 100}), 100)
    assert set(problems) == {
        "statement", "title", "summary", "problem", "solution", "impact", "milestones",
        "amount", "pilot_boroughs", "consent",
    }  # fmt: skip


def test_unknown_statements_themes_and_boroughs_are_refused():
    draft = ProposalDraft(statement_id=9, secondary_theme_ids=(7,), pilot_boroughs=("W1",))
    problems = submission_problems(draft, Choices({1: 100}, frozenset({1}), frozenset()), 100)
    assert {"statement", "secondary_themes", "pilot_boroughs"} <= set(problems)


@pytest.mark.parametrize(
    ("phase", "now", "status", "words"),
    [
        (Phase.OPEN, BEFORE, ProposalStatus.SUBMITTED, None),
        (Phase.OPEN, BEFORE, None, None),
        (Phase.OPEN, CLOSES, ProposalStatus.DRAFT, "The deadline passed at 16:00 on 14 November"),
        (Phase.JUDGING, CLOSES, ProposalStatus.SHORTLISTED, "deadline passed"),
        (Phase.SETUP, BEFORE, None, "not opened"),
        (Phase.JUDGING, BEFORE, ProposalStatus.DRAFT, "closed for proposals"),
        (Phase.OPEN, BEFORE, ProposalStatus.WITHDRAWN, "withdrawn"),
        (Phase.OPEN, BEFORE, ProposalStatus.AWARDED, "can no longer be changed"),
    ],
)
def test_change_refusal(phase, now, status, words):
    refusal = change_refusal(phase=phase, closes_at=CLOSES, now=now, status=status)
    assert (refusal is None) if words is None else (words in refusal)


def test_deadline_words_are_london_time_in_summer_too():
    assert deadline_words(datetime(2018, 6, 29, 16, 0, tzinfo=UTC)) == "17:00 on 29 June 2018"


@pytest.mark.parametrize(
    ("highest", "expected"),
    [
        (None, "CIC-2026-0001"),
        ("CIC-2026-0041", "CIC-2026-0042"),
        ("CIC-2026-9999", "CIC-2026-10000"),
    ],
)
def test_next_reference(highest, expected):
    assert next_reference(2026, highest) == expected


@pytest.mark.parametrize("status", list(ProposalStatus))
def test_nothing_after_submission_shows_before_release(status):
    words = applicant_status(status, released=False)
    if status in (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN):
        assert words != UNDER_REVIEW
    else:
        assert words == UNDER_REVIEW
    assert applicant_stage(status) in {"draft", "submitted", "withdrawn"}


def test_outcomes_show_once_anything_is_released_or_the_challenge_is_published():
    assert outcome_released(Phase.PUBLISHED, any_release=False)
    assert outcome_released(Phase.DECIDED, any_release=True)
    assert not outcome_released(Phase.DECIDED, any_release=False)


@pytest.mark.parametrize(
    ("phase", "status", "shown"),
    [
        (Phase.PUBLISHED, ProposalStatus.AWARDED, True),
        (Phase.PUBLISHED, ProposalStatus.ELIGIBLE, True),
        (Phase.PUBLISHED, ProposalStatus.SHORTLISTED, False),
        (Phase.DECIDED, ProposalStatus.ELIGIBLE, False),
    ],
)
def test_feedback_goes_out_with_the_awards(phase, status, shown):
    assert feedback_released(phase, status) is shown


def test_every_field_says_what_judges_look_for():
    criteria = [
        CriterionText("impact", "Impact on Londoners", "Evidence of need."),
        CriterionText("feasibility", "Feasibility", "Realistic milestones."),
        CriterionText("other", "Team", "Who does the work."),
    ]
    helps = field_help(criteria)
    assert "Impact on Londoners: Evidence of need." in helps["impact"]
    assert "Feasibility" in helps["milestones"]
    assert "Team" in helps["summary"]
    assert all(text.strip() for text in helps.values())


def test_a_renamed_text_file_is_not_a_pdf():
    assert pdf_problems(Upload("cv.pdf", b"just text")) != []


def test_filenames_lose_their_folders():
    assert clean_filename("C:\\Users\\ada\\plan.PDF") == "plan.PDF"
    assert clean_filename("../../etc/passwd") == "passwd.pdf"
