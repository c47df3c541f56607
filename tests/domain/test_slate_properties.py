"""recommend_slate against brute force: every subset of up to 9 proposals, checked rule by rule."""

from itertools import combinations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.slate import (
    ConstraintFamily,
    ShareBasis,
    SlateOptions,
    ThemeMinimum,
    award_ceiling,
    recommend_slate,
)

THEMES = ["climate", "ageing", "inequality"]
STATEMENTS = ["walking", "dementia", "loneliness", None]


@st.composite
def cases(draw):
    n = draw(st.integers(1, 9))
    frame = pd.DataFrame(
        {
            "proposal_id": draw(st.lists(st.integers(1, 999), min_size=n, max_size=n, unique=True)),
            "organisation_id": draw(st.lists(st.integers(1, 5), min_size=n, max_size=n)),
            "statement_key": draw(st.lists(st.sampled_from(STATEMENTS), min_size=n, max_size=n)),
            "theme_key": draw(st.lists(st.sampled_from(THEMES), min_size=n, max_size=n)),
            # scores of at least 1, so any award beats none
            "score": [
                u / 100 for u in draw(st.lists(st.integers(100, 10_000), min_size=n, max_size=n))
            ],
            "amount_pence": draw(
                st.lists(
                    st.integers(1, 10).map(lambda k: k * 250_000 + k % 3), min_size=n, max_size=n
                )
            ),
        }
    )
    minimum = st.builds(
        ThemeMinimum,
        theme_key=st.sampled_from(THEMES),
        share=st.sampled_from([0.0, 0.1, 0.25, 0.3, 0.5]),
        awards=st.integers(0, 2),
    )
    options = SlateOptions(
        max_award_pence=draw(st.sampled_from([None, 2_000_000])),
        statement_ceilings=draw(st.sampled_from([{}, {"walking": 3_000_000}])),
        max_awards=draw(st.sampled_from([None, None, 1, 2, 3])),
        share_of=draw(st.sampled_from(ShareBasis)),
        cover_statements=draw(st.booleans()),
        statement_keys=draw(st.sampled_from([(), ("financial",)])),
        one_per_organisation=draw(st.booleans()),
    )
    return {
        "proposals": frame,
        "budget_pence": draw(st.integers(1, 16)) * 500_000,
        "minimums": draw(st.lists(minimum, max_size=2, unique_by=lambda m: m.theme_key)),
        "options": options,
    }


def eligible_rows(case):
    options = case["options"]
    return [
        row
        for row in case["proposals"].itertuples(index=False)
        if (
            ceiling := award_ceiling(
                row.statement_key,
                max_award_pence=options.max_award_pence,
                statement_ceilings=options.statement_ceilings,
            )
        )
        is None
        or row.amount_pence <= ceiling
    ]


def statements_to_cover(case, drop=None):
    if not case["options"].cover_statements or drop is ConstraintFamily.STATEMENT_COVERAGE:
        return set()
    given = {s for s in case["proposals"]["statement_key"] if isinstance(s, str)}
    return given | set(case["options"].statement_keys)


def meets_rules(subset, case, drop=None):
    options, budget = case["options"], case["budget_pence"]
    total = sum(row.amount_pence for row in subset)
    if total > budget or (options.max_awards is not None and len(subset) > options.max_awards):
        return False
    organisations = [row.organisation_id for row in subset]
    repeats = len(set(organisations)) < len(organisations)
    if (
        repeats
        and options.one_per_organisation
        and drop is not ConstraintFamily.ONE_PER_ORGANISATION
    ):
        return False
    if drop is ConstraintFamily.THEME_MINIMUMS:
        return True
    return all(meets_minimum(subset, m, total, case) for m in case["minimums"])


def meets_minimum(subset, minimum, total, case):
    in_theme = [row for row in subset if row.theme_key == minimum.theme_key]
    steps = round(minimum.share * 10_000)
    basis = case["budget_pence"] if case["options"].share_of is ShareBasis.BUDGET else total
    money = sum(row.amount_pence for row in in_theme)
    return len(in_theme) >= minimum.awards and 10_000 * money >= steps * basis


def value(subset, cover):
    """(statements covered, score in hundredths): coverage first, then score."""
    covered = {row.statement_key for row in subset} & cover
    return len(covered), sum(round(row.score * 100) for row in subset)


def brute_force(case, drop=None, cover_at_least=0):
    """(coverage, score) of the best subset; with cover_at_least, the best score among subsets
    covering at least that many statements (how a rule's cost holds coverage where it is)."""
    rows, cover = eligible_rows(case), statements_to_cover(case, drop)
    values = [
        (0, value(subset, cover)[1]) if cover_at_least else value(subset, cover)
        for size in range(len(rows) + 1)
        for subset in combinations(rows, size)
        if meets_rules(subset, case, drop) and value(subset, cover)[0] >= cover_at_least
    ]
    return max(values, default=None)


def chosen_rows(case, ids):
    frame = case["proposals"].set_index("proposal_id", drop=False)
    return list(frame.loc[list(ids)].itertuples(index=False))


def plain_top_n(case):
    options, left, taken = case["options"], case["budget_pence"], []
    for row in sorted(eligible_rows(case), key=lambda r: (-round(r.score * 100), r.proposal_id)):
        if options.max_awards is not None and len(taken) >= options.max_awards:
            break
        repeat = row.organisation_id in {t.organisation_id for t in taken}
        if row.amount_pence <= left and not (options.one_per_organisation and repeat):
            taken.append(row)
            left -= row.amount_pence
    return tuple(row.proposal_id for row in taken)


@settings(max_examples=100, deadline=None)
@given(cases())
def test_slate_is_as_good_as_the_best_subset_and_keeps_every_rule(case):
    slate = recommend_slate(**case)
    best = brute_force(case)
    assert slate.top_n.proposal_ids == plain_top_n(case)
    if best is None or (best == (0, 0) and slate.top_n.proposal_ids):
        assert not slate.feasible
        assert slate.problems
        assert slate.recommended.proposal_ids == ()
        return
    assert slate.feasible
    rows = chosen_rows(case, slate.recommended.proposal_ids)
    assert meets_rules(rows, case)
    assert value(rows, statements_to_cover(case)) == best
    assert round(slate.recommended.total_score * 100) == best[1]
    assert slate.recommended.total_pence == sum(row.amount_pence for row in rows)
    uncovered = statements_to_cover(case) - {row.statement_key for row in rows}
    assert {u.statement_key for u in slate.uncovered} == uncovered


@settings(max_examples=60, deadline=None)
@given(cases())
def test_each_constraint_cost_is_the_score_regained_by_relaxing_just_that_family(case):
    slate = recommend_slate(**case)
    if not slate.feasible:
        return
    best = brute_force(case)
    expected = {
        ConstraintFamily.THEME_MINIMUMS: any(m.awards or m.share for m in case["minimums"]),
        ConstraintFamily.STATEMENT_COVERAGE: bool(statements_to_cover(case)),
        ConstraintFamily.ONE_PER_ORGANISATION: case["options"].one_per_organisation,
    }
    assert [cost.family for cost in slate.costs] == [f for f, on in expected.items() if on]
    for cost in slate.costs:
        held = 0 if cost.family is ConstraintFamily.STATEMENT_COVERAGE else best[0]
        relaxed = brute_force(case, drop=cost.family, cover_at_least=held)
        assert round(cost.score_lost * 100) == relaxed[1] - best[1] >= 0
        assert cost.line


@settings(max_examples=60, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_same_slate_whatever_the_row_order(case, rnd):
    order = list(range(len(case["proposals"])))
    rnd.shuffle(order)
    shuffled = {**case, "proposals": case["proposals"].iloc[order]}
    assert recommend_slate(**shuffled) == recommend_slate(**case)
