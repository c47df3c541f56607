"""The slate in whole pence: brute force over every subset, with budgets a few pence below a
subset's total, amounts from £1 to £10m, negative and tied scores, a zero budget and decisions
already recorded. Every slate returned is checked against every rule in integers."""

from itertools import combinations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.slate import (
    ConstraintFamily,
    SlateOptions,
    ThemeMinimum,
    recommend_slate,
)

THEMES = ["climate", "ageing"]


@st.composite
def cases(draw):
    n = draw(st.integers(1, 8))
    amounts = draw(
        st.lists(
            st.one_of(st.integers(100, 1_000_000_000), st.integers(500_000, 2_250_000)),
            min_size=n,
            max_size=n,
        )
    )
    scores = draw(
        st.one_of(
            st.lists(st.sampled_from([50.0, 70.0]), min_size=n, max_size=n),  # ties
            st.lists(st.integers(-5_000, -1).map(lambda u: u / 100), min_size=n, max_size=n),
            st.lists(st.integers(-2_000, 10_000).map(lambda u: u / 100), min_size=n, max_size=n),
        )
    )
    decisions = draw(
        st.lists(st.sampled_from(["", "", "", "awarded", "declined"]), min_size=n, max_size=n)
    )
    frame = pd.DataFrame(
        {
            "proposal_id": range(1, n + 1),
            "organisation_id": draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)),
            "statement_key": draw(
                st.lists(st.sampled_from(["a", "b", None]), min_size=n, max_size=n)
            ),
            "theme_key": draw(st.lists(st.sampled_from(THEMES), min_size=n, max_size=n)),
            "score": scores,
            "amount_pence": amounts,
            "decision": decisions,
        }
    )
    subset = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    below = sum(a for a, keep in zip(amounts, subset, strict=True) if keep) - draw(
        st.integers(0, 3)
    )
    budget = draw(st.one_of(st.just(max(below, 0)), st.just(0), st.integers(0, 2_000_000_000)))
    minimums = draw(
        st.lists(
            st.builds(
                ThemeMinimum,
                theme_key=st.sampled_from(THEMES),
                share=st.sampled_from([0.0, 0.25, 0.5]),
                awards=st.integers(0, 1),
            ),
            max_size=2,
            unique_by=lambda m: m.theme_key,
        )
    )
    options = SlateOptions(
        cover_statements=draw(st.booleans()),
        one_per_organisation=draw(st.booleans()),
        fund_non_positive=draw(st.booleans()),
    )
    return {"proposals": frame, "budget_pence": budget, "minimums": minimums, "options": options}


def keeps_rules(rows, case, drop=None):
    """Every hard rule, in integers."""
    options, budget = case["options"], case["budget_pence"]
    total = sum(int(r.amount_pence) for r in rows)
    if total > budget:
        return False
    if not all(r.proposal_id in {x.proposal_id for x in rows} for r in decided(case)):
        return False
    organisations = [r.organisation_id for r in rows]
    one_each = options.one_per_organisation and drop is not ConstraintFamily.ONE_PER_ORGANISATION
    if one_each and len(set(organisations)) < len(organisations):
        return False
    if drop is ConstraintFamily.THEME_MINIMUMS:
        return True
    for m in case["minimums"]:
        theme = [r for r in rows if r.theme_key == m.theme_key]
        money = sum(int(r.amount_pence) for r in theme)
        if len(theme) < m.awards or 10_000 * money < round(m.share * 10_000) * total:
            return False
    return True


def decided(case):
    return [r for r in case["proposals"].itertuples() if r.decision == "awarded"]


def open_rows(case):
    allow = case["options"].fund_non_positive
    return [
        r
        for r in case["proposals"].itertuples()
        if r.decision == "" and (allow or round(r.score * 100) > 0)
    ]


def best_by_brute_force(case):
    rows, fixed = open_rows(case), decided(case)
    cover = (
        {"a", "b"} & set(case["proposals"]["statement_key"])
        if case["options"].cover_statements
        else set()
    )
    best = None
    for size in range(len(rows) + 1):
        for subset in combinations(rows, size):
            chosen = [*fixed, *subset]
            if keeps_rules(chosen, case):
                covered = len({r.statement_key for r in chosen} & cover)
                value = (covered, sum(round(r.score * 100) for r in chosen))
                best = value if best is None or value > best else best
    return best


@settings(max_examples=150, deadline=None)
@given(cases())
def test_every_slate_keeps_every_rule_in_pence_and_is_the_best(case):
    slate = recommend_slate(**case)
    best = best_by_brute_force(case)
    frame = case["proposals"].set_index("proposal_id", drop=False)
    rows = list(frame.loc[list(slate.recommended.proposal_ids)].itertuples())
    if slate.feasible:
        assert keeps_rules(rows, case)
        assert slate.recommended.total_pence == sum(int(r.amount_pence) for r in rows)
        assert best is not None
        assert round(slate.recommended.total_score * 100) == best[1]
        assert all(cost.score_lost >= 0 for cost in slate.costs)
        assert slate.gap is None
    else:
        assert slate.problems
        assert best is None or (best[1] == 0 and not decided(case)) or not rows
    declined = set(case["proposals"].query("decision == 'declined'")["proposal_id"])
    assert not declined & set(slate.recommended.proposal_ids)
    if not case["options"].fund_non_positive:
        scores = frame.loc[list(slate.recommended.proposal_ids)]
        assert ((scores["score"] > 0) | (scores["decision"] == "awarded")).all()


def test_budget_three_pence_below_two_large_awards_takes_only_what_fits():
    frame = pd.DataFrame(
        {
            "proposal_id": [1, 2, 3],
            "organisation_id": [1, 2, 3],
            "statement_key": [None] * 3,
            "theme_key": ["climate"] * 3,
            "score": [90.0, 89.0, 10.0],
            "amount_pence": [987_654_321, 123_456_789, 1_000],
        }
    )
    slate = recommend_slate(frame, budget_pence=987_654_321 + 123_456_789 - 3)
    assert slate.feasible
    assert slate.recommended.proposal_ids == (1, 3)
    assert slate.recommended.total_pence <= 987_654_321 + 123_456_789 - 3


def test_every_score_negative_gives_an_empty_slate_without_blaming_rules():
    frame = pd.DataFrame(
        {
            "proposal_id": [1, 2],
            "organisation_id": [1, 2],
            "statement_key": ["a", "b"],
            "theme_key": ["climate", "ageing"],
            "score": [-3.0, -1.5],
            "amount_pence": [100_000, 100_000],
        }
    )
    slate = recommend_slate(frame, budget_pence=1_000_000)
    assert slate.recommended.proposal_ids == ()
    assert all("not above zero" in e.reason for e in slate.excluded)
    assert not any("minimum" in p for p in slate.problems)


def test_awarded_money_counts_against_the_budget_and_declined_are_left_out():
    frame = pd.DataFrame(
        {
            "proposal_id": [1, 2, 3, 4],
            "organisation_id": [1, 2, 1, 3],
            "statement_key": [None] * 4,
            "theme_key": ["climate"] * 4,
            "score": [40.0, 95.0, 90.0, 60.0],
            "amount_pence": [600_000, 500_000, 300_000, 400_000],
            "decision": ["awarded", "declined", "", ""],
        }
    )
    slate = recommend_slate(frame, budget_pence=1_000_000)
    assert slate.recommended.proposal_ids == (4, 1)  # 3 shares organisation 1 with an award
    assert slate.recommended.total_pence == 1_000_000


def test_awards_already_over_budget_are_explained_in_pounds():
    frame = pd.DataFrame(
        {
            "proposal_id": [1],
            "organisation_id": [1],
            "statement_key": [None],
            "theme_key": ["climate"],
            "score": [80.0],
            "amount_pence": [1_500_000],
            "decision": ["awarded"],
        }
    )
    slate = recommend_slate(frame, budget_pence=1_000_000)
    assert not slate.feasible
    assert any("£15,000" in p and "£5,000 more" in p for p in slate.problems)
