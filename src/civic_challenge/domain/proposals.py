"""Proposals: the form's fields and limits, what a draft and a submission need, when it locks."""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from civic_challenge.domain.money_input import read_pounds
from civic_challenge.domain.terms import Phase, ProposalStatus

LONDON = ZoneInfo("Europe/London")
TEXT_LIMITS = {
    "title": 150,
    "summary": 1000,
    "problem": 5000,
    "solution": 5000,
    "impact": 5000,
    "milestones": 5000,
}
TEXT_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "problem": "The problem",
    "solution": "Your solution",
    "impact": "Impact on Londoners",
    "milestones": "Pilot plan and milestones",
}
# Which rubric criteria (by key) judges apply to what each field says.
FIELD_CRITERIA = {
    "statement": ("partner-fit",),
    "problem": ("impact",),
    "solution": ("innovation", "scalability"),
    "impact": ("impact",),
    "milestones": ("feasibility",),
    "amount": ("value",),
}
EDITABLE = frozenset(
    {
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
        ProposalStatus.ELIGIBLE,
        ProposalStatus.INELIGIBLE,
    }
)
AMOUNT = "the amount requested"


@dataclass(frozen=True)
class ProposalDraft:
    """The form as typed: any field may be empty while it is a draft."""

    statement_id: int | None = None
    secondary_theme_ids: tuple[int, ...] = ()
    title: str = ""
    summary: str = ""
    problem: str = ""
    solution: str = ""
    impact: str = ""
    milestones: str = ""
    amount: str = ""
    pilot_boroughs: tuple[str, ...] = ()
    consent: bool = False

    def text(self, name: str) -> str:
        return getattr(self, name)


@dataclass(frozen=True)
class Choices:
    """What the form may refer to: statement ids with their ceilings, theme ids, borough codes."""

    ceilings: dict[int, int]
    theme_ids: frozenset[int] = field(default_factory=frozenset)
    borough_codes: frozenset[str] = field(default_factory=frozenset)


def draft_problems(draft: ProposalDraft, choices: Choices) -> dict[str, list[str]]:
    """What stops even a draft being stored: text over its limit, an amount that is not money,
    references to statements, themes or boroughs that do not exist."""
    problems: dict[str, list[str]] = {}
    for name, limit in TEXT_LIMITS.items():
        length = len(draft.text(name).strip())
        if length > limit:
            problems[name] = [
                f"{TEXT_LABELS[name]}: use at most {limit:,} characters "
                f"(you have {length:,}); shorten it by {length - limit:,}."
            ]
    pence, problem = read_pounds(draft.amount, what=AMOUNT)
    if problem:
        problems["amount"] = [problem]
    elif pence == 0:
        problems["amount"] = ["Enter an amount of more than £0."]
    if draft.statement_id is not None and draft.statement_id not in choices.ceilings:
        problems["statement"] = ["Choose one of the challenge statements listed."]
    if not set(draft.secondary_theme_ids) <= choices.theme_ids:
        problems["secondary_themes"] = ["Choose other themes from the list only."]
    if not set(draft.pilot_boroughs) <= choices.borough_codes:
        problems["pilot_boroughs"] = ["Choose pilot boroughs from the list of London boroughs."]
    return problems


def submission_problems(
    draft: ProposalDraft, choices: Choices, default_ceiling_pence: int
) -> dict[str, list[str]]:
    """Everything a submission lacks, by field, all at once (on top of draft_problems)."""
    problems = draft_problems(draft, choices)

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if draft.statement_id is None:
        add("statement", "Choose the challenge statement your proposal answers.")
    for name in TEXT_LIMITS:
        if not draft.text(name).strip():
            add(name, f"{TEXT_LABELS[name]}: this is required; write a few sentences.")
    pence, _ = read_pounds(draft.amount, what=AMOUNT)
    ceiling = choices.ceilings.get(draft.statement_id or -1) or default_ceiling_pence
    if not draft.amount.strip():
        add("amount", "Enter the amount you are asking for, in pounds.")
    elif pence is not None and pence > ceiling:
        add("amount", f"Ask for at most £{ceiling // 100:,}: the most this challenge awards.")
    if not draft.pilot_boroughs:
        add("pilot_boroughs", "Choose at least one London borough where the pilot would run.")
    if not draft.consent:
        add("consent", "Tick the box to confirm the statement above; it is required to submit.")
    return problems


def deadline_words(moment: datetime) -> str:
    """'16:00 on 14 November 2026', in London time."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def change_refusal(
    *, phase: Phase, closes_at: datetime, now: datetime, status: ProposalStatus | None
) -> str | None:
    """Why a proposal (or a new one, status None) cannot be changed now; None when it can.

    The deadline comes first: after it, every proposal reads the same, so nothing about
    screening or shortlisting shows through.
    """
    if now >= closes_at:
        return (
            f"The deadline passed at {deadline_words(closes_at)}; "
            "this proposal can no longer be changed."
        )
    if phase is Phase.SETUP:
        return "The challenge has not opened for proposals yet."
    if phase is not Phase.OPEN:
        return "The challenge is closed for proposals; this proposal can no longer be changed."
    if status is ProposalStatus.WITHDRAWN:
        return "This proposal was withdrawn, so it can no longer be changed."
    if status is not None and status not in EDITABLE:
        return "This proposal can no longer be changed."
    return None


def submission_refusal(*, opens_at: datetime, now: datetime) -> str | None:
    """Proposals are submitted only once the call has opened (by the server's clock)."""
    if now < opens_at:
        return (
            f"Submissions open at {deadline_words(opens_at)}. Save your draft now and "
            "submit it then."
        )
    return None


def next_reference(year: int, highest: str | None) -> str:
    """CIC-2018-0001 first, then one more than the highest reference given for that year."""
    number = 0
    if highest:
        number = int(highest.rsplit("-", 1)[1])
    return f"CIC-{year}-{number + 1:04d}"
