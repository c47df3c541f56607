"""The London demo challenge: always mid-judging, and the same seed and `now` give the same demo.

A fresh install needs something real-looking to show. From the challenge spec (the parsed TOML),
the borough list, `now` and `random.Random(seed)` alone, this invents about 120 SMEs and their
proposals; demo_judging adds judges with a hidden leniency, conflicts, assignments and reviews.
"""

from dataclasses import replace
from datetime import datetime, timedelta
from random import Random

from civic_challenge.domain.demo_judging import (
    JUDGE_EMAILS,
    assign_judges,
    make_conflicts,
    make_judges,
    write_reviews,
)
from civic_challenge.domain.demo_people import (
    APPLICANT_EMAIL,
    ORGANISER_EMAIL,
    accounts,
    make_organisations,
)
from civic_challenge.domain.demo_records import (
    Borough,
    DemoChallenge,
    DemoChallengeInfo,
    DemoCriterion,
    DemoOrganisation,
    DemoProposal,
    DemoStatement,
    DemoTheme,
)
from civic_challenge.domain.demo_text import proposal_text
from civic_challenge.domain.terms import Phase, ProposalStatus

__all__ = ["APPLICANT_EMAIL", "JUDGE_EMAILS", "ORGANISER_EMAIL", "generate_demo"]

PENCE_PER_POUND = 100
DRAFTS = 4
WITHDRAWALS = 4
SECOND_PROPOSALS = 6
RUSH = timedelta(hours=72)


def generate_demo(
    spec: dict, boroughs: list[dict], now: datetime, seed: int = 2018
) -> DemoChallenge:
    """`spec` is challenge.toml parsed; `boroughs` are boroughs.csv rows (strings are fine)."""
    rng = Random(seed)  # noqa: S311  (a reproducible demo, not a secret)
    challenge = challenge_info(spec["challenge"], now)
    statements = [DemoStatement(**s) for s in spec["statements"]]
    tiles = [_borough(row) for row in boroughs]
    organisations = make_organisations(rng, [b.code for b in tiles], challenge)
    themes = [DemoTheme(**t) for t in spec["themes"]]
    proposals = make_proposals(rng, challenge, statements, organisations, tiles)
    judges = make_judges(rng, [t.key for t in themes])
    conflicts = make_conflicts(rng, judges, proposals)
    criteria = [_criterion(c) for c in spec["criteria"]]
    assignments = assign_judges(proposals, judges, conflicts, challenge)
    assignments, reviews = write_reviews(rng, assignments, proposals, judges, criteria, now)
    return DemoChallenge(
        challenge=challenge,
        themes=themes,
        statements=statements,
        criteria=criteria,
        boroughs=tiles,
        organisations=organisations,
        proposals=proposals,
        users=accounts(judges, proposals),
        judges=judges,
        conflicts=conflicts,
        assignments=assignments,
        reviews=reviews,
    )


def challenge_info(spec: dict, now: datetime) -> DemoChallengeInfo:
    """Dates sit around `now` so the demo is always in judging; pounds become pence.

    They fall at 16:00 UTC (17:00 in a London summer), a time a real deadline would have.
    """
    anchor = now.replace(hour=16, minute=0, second=0, microsecond=0)
    return DemoChallengeInfo(
        name=spec["name"],
        slug=spec["slug"],
        description=spec["description"].strip(),
        year=spec["year"],
        phase=Phase.JUDGING.value,
        opens_at=anchor - timedelta(days=75),
        closes_at=anchor - timedelta(days=14),
        judging_closes_at=anchor + timedelta(days=21),
        budget_pence=spec["budget_gbp"] * PENCE_PER_POUND,
        max_award_pence=spec["max_award_gbp"] * PENCE_PER_POUND,
        max_employees=spec["max_employees"],
        max_turnover_pence=spec["max_turnover_gbp"] * PENCE_PER_POUND,
        london_only=spec["london_only"],
        max_proposals_per_statement=spec["max_proposals_per_statement"],
        reviews_per_proposal=spec["reviews_per_proposal"],
        judge_load_cap=spec["judge_load_cap"],
        blind_review=spec["blind_review"],
    )


def _borough(row: dict) -> Borough:
    return Borough(row["code"], row["name"], int(row["tile_row"]), int(row["tile_col"]))


def _criterion(spec: dict) -> DemoCriterion:
    return DemoCriterion(
        key=spec["key"],
        name=spec["name"],
        guidance=spec.get("guidance", ""),
        weight=float(spec["weight"]),
        scale_min=spec.get("scale_min", 1),
        scale_max=spec.get("scale_max", 5),
        descriptors=tuple(spec["descriptors"]),
        counts_toward_total=spec.get("counts_toward_total", True),
    )


def make_proposals(
    rng: Random,
    challenge: DemoChallengeInfo,
    statements: list[DemoStatement],
    organisations: list[DemoOrganisation],
    boroughs: list[Borough],
) -> list[DemoProposal]:
    """One proposal per organisation, a second from a few; then drafts, withdrawals, references.

    The first organisation's second proposal repeats its statement, to show the one-per-statement
    rule at work; the first two rounds cover every statement so none is left empty.
    """
    pairs = [(org, _statement_for(rng, i, statements)) for i, org in enumerate(organisations)]
    for n, org in enumerate(organisations[:: len(organisations) // SECOND_PROPOSALS]):
        taken = pairs[org.index][1]
        others = [s for s in statements if s is not taken]
        pairs.append((org, taken if n == 0 else rng.choice(others)))
    themes = sorted({s.theme for s in statements})
    proposals = [
        _proposal(rng, i, pair, challenge, boroughs, themes, pairs[:i])
        for i, pair in enumerate(pairs)
    ]
    return _with_references(_drafts_and_withdrawals(rng, _repeats_later(proposals)), challenge.year)


def _repeats_later(proposals: list[DemoProposal]) -> list[DemoProposal]:
    """A second proposal to one statement is the one screened out, so it must be the later
    submission (screening counts earlier submissions): swap submission times where needed."""
    first: dict[tuple[int, str], DemoProposal] = {}
    out = list(proposals)
    for p in proposals:
        key = (p.organisation, p.statement)
        earlier = first.setdefault(key, p)
        if earlier is p or p.submitted_at is None or earlier.submitted_at is None:
            continue
        if p.submitted_at < earlier.submitted_at:
            late, early = earlier.submitted_at, p.submitted_at
            out[p.index] = replace(p, submitted_at=late, created_at=min(p.created_at, late))
            out[earlier.index] = replace(
                earlier, submitted_at=early, created_at=min(earlier.created_at, early)
            )
    return out


def _statement_for(rng: Random, index: int, statements: list[DemoStatement]) -> DemoStatement:
    if index < 2 * len(statements):
        return statements[index % len(statements)]
    return rng.choice(statements)


def _proposal(
    rng: Random,
    index: int,
    pair: tuple[DemoOrganisation, DemoStatement],
    challenge: DemoChallengeInfo,
    boroughs: list[Borough],
    themes: list[str],
    earlier: list[tuple[DemoOrganisation, DemoStatement]],
) -> DemoProposal:
    org, statement = pair
    pilots = rng.sample(boroughs, rng.choice((1, 1, 2, 3)))
    text = proposal_text(rng, statement.key, org.name, [b.name for b in pilots])
    submitted = _submission_time(rng, challenge)
    repeat = any(o is org and s is statement for o, s in earlier)
    others = [t for t in themes if t != statement.theme]
    reason = _ineligibility(org, challenge, repeat)
    return DemoProposal(
        index=index,
        organisation=org.index,
        statement=statement.key,
        primary_theme=statement.theme,
        secondary_themes=(rng.choice(others),) if rng.random() < 0.25 else (),
        reference=None,
        amount_requested_pence=rng.randrange(5_000, 15_001, 250) * PENCE_PER_POUND,
        pilot_boroughs=tuple(b.code for b in pilots),
        status=ProposalStatus.INELIGIBLE.value if reason else ProposalStatus.ELIGIBLE.value,
        created_at=max(challenge.opens_at, submitted - timedelta(days=rng.randint(1, 20))),
        submitted_at=submitted,
        withdrawn_at=None,
        ineligible_reason=reason,
        quality=rng.gauss(3.0, 0.75),
        **text,
    )


def _submission_time(rng: Random, challenge: DemoChallengeInfo) -> datetime:
    """Two in five arrive in the last three days: the rush before the deadline."""
    if rng.random() < 0.4:
        return challenge.closes_at - timedelta(seconds=rng.randint(600, int(RUSH.total_seconds())))
    early = (challenge.closes_at - RUSH - challenge.opens_at).total_seconds()
    return challenge.opens_at + timedelta(seconds=rng.randint(3600, int(early)))


def _ineligibility(org: DemoOrganisation, challenge: DemoChallengeInfo, repeat: bool) -> str | None:
    if org.employees > challenge.max_employees:
        return f"{org.employees} staff: an SME must have fewer than {challenge.max_employees + 1}."
    if org.turnover_pence > challenge.max_turnover_pence:
        ceiling = challenge.max_turnover_pence // PENCE_PER_POUND
        return f"Turnover is above the £{ceiling:,} ceiling for an SME."
    if repeat:
        return "A second proposal to the same challenge statement; only one is allowed."
    return None


def _drafts_and_withdrawals(rng: Random, proposals: list[DemoProposal]) -> list[DemoProposal]:
    eligible = [p.index for p in proposals if p.status == ProposalStatus.ELIGIBLE.value]
    chosen = rng.sample(eligible[1:], DRAFTS + WITHDRAWALS)
    drafts, withdrawn = set(chosen[:DRAFTS]), set(chosen[DRAFTS:])
    return [
        _as_draft(p) if p.index in drafts else _as_withdrawn(rng, p) if p.index in withdrawn else p
        for p in proposals
    ]


def _as_draft(proposal: DemoProposal) -> DemoProposal:
    return replace(proposal, status=ProposalStatus.DRAFT.value, submitted_at=None, impact="")


def _as_withdrawn(rng: Random, proposal: DemoProposal) -> DemoProposal:
    assert proposal.submitted_at is not None
    later = timedelta(seconds=rng.randint(60, 3 * 24 * 3600))
    withdrawn_at = proposal.submitted_at + later
    return replace(proposal, status=ProposalStatus.WITHDRAWN.value, withdrawn_at=withdrawn_at)


def _with_references(proposals: list[DemoProposal], year: int) -> list[DemoProposal]:
    """Submitted proposals are numbered in the order they arrived: CIC-2018-0001 first."""
    arrived = sorted(
        (p for p in proposals if p.submitted_at), key=lambda p: (p.submitted_at, p.index)
    )
    numbers = {p.index: n for n, p in enumerate(arrived, start=1)}
    return [
        replace(p, reference=f"CIC-{year}-{numbers[p.index]:04d}") if p.index in numbers else p
        for p in proposals
    ]
