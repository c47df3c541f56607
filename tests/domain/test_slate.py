"""recommend_slate: the winners, the plain top-N beside them, and every reason in numbers."""

import pandas as pd
import pytest

from civic_challenge.domain.slate import (
    ConstraintFamily,
    ShareBasis,
    SlateOptions,
    ThemeMinimum,
    award_ceiling,
    recommend_slate,
)
from civic_challenge.domain.slate import infeasible as infeasible_module

K = 100_000  # pence in £1,000


def proposals(*rows):
    """Rows of (id, organisation, statement, theme, score, amount in £1,000s)."""
    frame = pd.DataFrame(
        rows,
        columns=["proposal_id", "organisation_id", "statement_key", "theme_key", "score", "k"],
    )
    frame["amount_pence"] = frame.pop("k") * K
    return frame


LONDON = proposals(
    (1, 10, "walking", "climate", 90, 15),
    (2, 11, "walking", "climate", 85, 15),
    (3, 12, "charging", "climate", 80, 15),
    (4, 12, "charging", "climate", 70, 15),
    (5, 13, "dementia", "ageing", 40, 10),
    (6, 14, "loneliness", "inequality", 60, 15),
)


def test_recommended_slate_trades_score_for_coverage_and_says_what_it_cost():
    slate = recommend_slate(LONDON, budget_pence=45 * K)
    assert slate.feasible
    assert slate.recommended.proposal_ids == (1, 3, 6)
    assert slate.recommended.total_score == 230
    assert slate.recommended.total_pence == 45 * K
    assert slate.recommended.pence_by_theme == {
        "ageing": 0,
        "climate": 30 * K,
        "inequality": 15 * K,
    }
    assert slate.recommended.awards_by_theme == {"ageing": 0, "climate": 2, "inequality": 1}
    assert slate.top_n.proposal_ids == (1, 2, 3)
    assert slate.top_n.total_score == 255
    assert [cost.line for cost in slate.costs] == [
        "Covering 3 of the 4 challenge statements cost 25 points of total score: without it "
        "the best slate would score 255 instead of 230.",
        "One award per organisation cost nothing: without that rule the best slate scores "
        "the same.",
    ]
    assert [u.reason for u in slate.uncovered] == [
        "dementia: covering it would leave another statement without a winner; at most 3 of the "
        "4 statements can be covered together."
    ]


def test_theme_minimum_cost_is_the_score_lost_against_relaxing_only_the_minimums():
    slate = recommend_slate(
        LONDON,
        budget_pence=45 * K,
        minimums=[ThemeMinimum("ageing", awards=1)],
        options=SlateOptions(cover_statements=False),
    )
    assert slate.recommended.proposal_ids == (1, 2, 5)
    costs = {cost.family: cost for cost in slate.costs}
    assert set(costs) == {ConstraintFamily.THEME_MINIMUMS, ConstraintFamily.ONE_PER_ORGANISATION}
    assert costs[ConstraintFamily.THEME_MINIMUMS].score_lost == 40
    assert costs[ConstraintFamily.THEME_MINIMUMS].line == (
        "The theme minimums cost 40 points of total score: without them the best slate would "
        "score 255 instead of 215."
    )


def test_one_per_organisation_cost():
    frame = proposals(
        (1, 10, "a", "t", 90, 10), (2, 10, "a", "t", 80, 10), (3, 11, "a", "t", 30, 10)
    )
    slate = recommend_slate(frame, budget_pence=20 * K)
    assert slate.recommended.proposal_ids == (1, 3)
    assert slate.costs[-1].line == (
        "One award per organisation cost 50 points of total score: without that rule the best "
        "slate would score 170 instead of 120."
    )


def test_share_of_awarded_money_is_met():
    slate = recommend_slate(
        LONDON,
        budget_pence=45 * K,
        minimums=[ThemeMinimum("inequality", share=0.4)],
        options=SlateOptions(cover_statements=False),
    )
    chosen = slate.recommended
    assert chosen.pence_by_theme["inequality"] * 10 >= 4 * chosen.total_pence
    assert chosen.proposal_ids == (1, 6)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [("charging", 40 * K), ("walking", 15 * K), (None, 15 * K), ("unknown", 15 * K)],
    ids=["statement-own-ceiling-wins", "no-own-ceiling", "no-statement", "unknown-statement"],
)
def test_award_ceiling(statement, expected):
    ceilings = {"charging": 40 * K, "walking": None}
    assert award_ceiling(statement, max_award_pence=15 * K, statement_ceilings=ceilings) == expected


def test_no_ceiling_at_all():
    assert award_ceiling("a", max_award_pence=None, statement_ceilings={}) is None


@pytest.mark.parametrize(
    ("row", "options", "reason"),
    [
        (
            (1, 10, "a", "t", 80, 20),
            SlateOptions(max_award_pence=15 * K),
            "Proposal 1 requests £20,000, above the £15,000 ceiling for each award; offer a "
            "reduced amount to consider it.",
        ),
        (
            (1, 10, "a", "t", 80, 50),
            SlateOptions(
                max_award_pence=15 * K,
                statement_ceilings={"a": 40 * K},
                statement_names={"a": "Active travel"},
            ),
            "Proposal 1 requests £50,000, above the £40,000 ceiling for Active travel; offer a "
            "reduced amount to consider it.",
        ),
        ((1, 10, "a", "t", float("nan"), 10), SlateOptions(), "Proposal 1 has no score yet."),
        ((1, 10, "a", "t", 80, 0), SlateOptions(), "Proposal 1 has no amount to award."),
    ],
    ids=["above-challenge-ceiling", "above-statement-ceiling", "no-score", "no-amount"],
)
def test_proposals_left_out_say_why(row, options, reason):
    slate = recommend_slate(proposals(row), budget_pence=100 * K, options=options)
    assert [(e.proposal_id, e.reason) for e in slate.excluded] == [(1, reason)]
    assert slate.recommended.proposal_ids == ()
    assert slate.top_n.proposal_ids == ()


def test_statement_ceiling_above_the_challenges_lets_a_bigger_award_in():
    frame = proposals((1, 10, "a", "t", 80, 30))
    options = SlateOptions(max_award_pence=15 * K, statement_ceilings={"a": 40 * K})
    assert recommend_slate(
        frame, budget_pence=50 * K, options=options
    ).recommended.proposal_ids == (1,)


def test_a_reduced_amount_brings_a_proposal_back():
    frame = proposals((1, 10, "a", "t", 80, 20)).assign(label="CIC-2018-0001")
    options = SlateOptions(max_award_pence=15 * K)
    assert (
        recommend_slate(frame, budget_pence=50 * K, options=options)
        .excluded[0]
        .reason.startswith("CIC-2018-0001 requests £20,000")
    )
    reduced = frame.assign(amount_pence=15 * K)
    assert recommend_slate(
        reduced, budget_pence=50 * K, options=options
    ).recommended.proposal_ids == (1,)


def test_top_n_skips_what_does_not_fit_and_repeat_organisations():
    frame = proposals(
        (1, 10, "a", "t", 90, 30),
        (2, 10, "a", "t", 85, 5),
        (3, 11, "a", "t", 80, 25),
        (4, 12, "a", "t", 70, 10),
        (5, 13, "a", "t", 60, 5),
    )
    slate = recommend_slate(frame, budget_pence=45 * K, options=SlateOptions(max_awards=2))
    assert slate.top_n.proposal_ids == (1, 4)
    unlimited = recommend_slate(frame, budget_pence=45 * K)
    assert unlimited.top_n.proposal_ids == (1, 4, 5)


def test_ties_go_to_the_lower_proposal_id_whatever_the_row_order():
    frame = proposals(
        (7, 10, "a", "t", 80, 10), (3, 11, "a", "t", 80, 10), (5, 12, "a", "t", 80, 10)
    )
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        slate = recommend_slate(frame.iloc[order], budget_pence=20 * K)
        assert slate.recommended.proposal_ids == (3, 5)
        assert slate.top_n.proposal_ids == (3, 5)


def test_scores_count_to_a_hundredth():
    frame = proposals((1, 10, "a", "t", 80.004, 10), (2, 11, "a", "t", 80.01, 10))
    slate = recommend_slate(frame, budget_pence=10 * K)
    assert slate.recommended.proposal_ids == (2,)
    assert slate.recommended.total_score == 80.01


# Infeasible cases, explained in numbers -------------------------------------------------------

AGEING = proposals(
    (1, 10, "dementia", "ageing", 70, 25),
    (2, 11, "dementia", "ageing", 60, 15),
    (3, 11, "dementia", "ageing", 55, 5),
    (4, 12, "walking", "climate", 90, 15),
    (5, 13, "charging", "climate", 85, 15),
)


@pytest.mark.parametrize(
    ("budget", "minimums", "options", "problems"),
    [
        (
            250,
            [ThemeMinimum("ageing", share=0.25)],
            SlateOptions(share_of=ShareBasis.BUDGET, one_per_organisation=False),
            [
                "The ageing minimum needs at least £62,500 but the ageing proposals request "
                "£45,000 in all."
            ],
        ),
        (
            200,
            [ThemeMinimum("ageing", share=0.25)],
            SlateOptions(share_of=ShareBasis.BUDGET),
            [
                "The ageing minimum needs at least £50,000 but the ageing proposals request "
                "£45,000 in all (£40,000 with one award per organisation)."
            ],
        ),
        (
            100,
            [ThemeMinimum("ageing", awards=3)],
            SlateOptions(),
            [
                "The ageing minimum needs at least 3 awards but only 2 ageing proposals can be "
                "awarded (one per organisation)."
            ],
        ),
        (
            25,
            [ThemeMinimum("ageing", awards=2)],
            SlateOptions(),
            [
                "The ageing minimum needs at least 2 awards; the 2 cheapest ageing proposals "
                "request £30,000 in all, above the £25,000 budget."
            ],
        ),
        (
            100,
            [ThemeMinimum("ageing", awards=2)],
            SlateOptions(max_awards=1),
            ["The ageing minimum needs at least 2 awards but the slate may have at most 1."],
        ),
        (
            100,
            [ThemeMinimum("ageing", awards=2), ThemeMinimum("climate", awards=2)],
            SlateOptions(max_awards=3),
            [
                "Together the theme minimums need at least 4 awards, more than the 3 the slate "
                "may have."
            ],
        ),
        (
            50,
            [ThemeMinimum("ageing", awards=2), ThemeMinimum("climate", awards=2)],
            SlateOptions(theme_names={"ageing": "Ageing population", "climate": "Climate"}),
            [
                "Together the theme minimums need at least £60,000 (Ageing population £30,000, "
                "Climate £30,000), above the £50,000 budget."
            ],
        ),
        (
            100,
            [ThemeMinimum("ageing", share=0.6), ThemeMinimum("climate", share=0.5)],
            SlateOptions(),
            ["The theme minimums add up to 110% of the money awarded, more than all of it."],
        ),
        (
            100,
            [ThemeMinimum("inequality", share=0.125)],
            SlateOptions(),
            [
                "The inequality minimum needs 12.5% of the money awarded but no inequality "
                "proposal can be awarded, so no award can meet it."
            ],
        ),
    ],
    ids=[
        "money-floor-above-requests",
        "money-floor-one-per-organisation",
        "awards-above-organisations",
        "cheapest-awards-above-budget",
        "awards-above-slate-size",
        "awards-together-above-slate-size",
        "money-together-above-budget",
        "shares-above-100-percent",
        "share-without-proposals",
    ],
)
def test_infeasible_slates_are_explained_in_numbers(budget, minimums, options, problems):
    slate = recommend_slate(AGEING, budget_pence=budget * K, minimums=minimums, options=options)
    assert not slate.feasible
    assert list(slate.problems) == problems
    assert slate.recommended.proposal_ids == ()
    assert slate.costs == ()
    assert slate.top_n.proposal_ids  # the comparison is still there


def test_infeasible_only_because_one_organisation_would_win_twice():
    frame = proposals((1, 10, "a", "ageing", 80, 10), (2, 10, "b", "climate", 70, 10))
    minimums = [ThemeMinimum("ageing", awards=1), ThemeMinimum("climate", awards=1)]
    slate = recommend_slate(frame, budget_pence=50 * K, minimums=minimums)
    assert slate.problems == (
        "The theme minimums can only be met by giving an organisation two awards.",
    )


def test_infeasible_together_within_the_budget_otherwise():
    frame = proposals((1, 10, "a", "ageing", 80, 10), (2, 11, "b", "climate", 70, 30))
    minimums = [ThemeMinimum("ageing", share=0.5), ThemeMinimum("climate", share=0.5)]
    slate = recommend_slate(frame, budget_pence=50 * K, minimums=minimums)
    assert slate.problems == (
        "With every other rule met, whatever the budget, the ageing proposals always get less "
        "than the 50% of the money awarded that the ageing minimum needs: the smallest "
        "shortfall is £10,000 (£10,000 of £40,000 awarded).",
    )


@pytest.mark.parametrize(
    ("minimums", "options", "problem"),
    [
        (
            [ThemeMinimum("ageing", awards=1), ThemeMinimum("climate", share=0.5)],
            SlateOptions(max_awards=1, cover_statements=False),
            "With every other rule met, whatever the budget, at most 0 ageing proposals can be "
            "awarded, fewer than the 1 award the ageing minimum needs.",
        ),
        (
            [ThemeMinimum("ageing", share=0.2), ThemeMinimum("climate", awards=1)],
            SlateOptions(max_awards=1, share_of=ShareBasis.BUDGET, cover_statements=False),
            "With every other rule met, whatever the budget, the ageing proposals can receive "
            "at most £0, £10,000 short of the £10,000 the ageing minimum needs.",
        ),
    ],
    ids=["awards-under-slate-size", "budget-share-under-slate-size"],
)
def test_minimums_that_clash_with_the_other_rules_are_shown_short_in_numbers(
    minimums, options, problem
):
    frame = proposals((1, 10, "a", "ageing", 80, 10), (2, 11, "b", "climate", 70, 30))
    slate = recommend_slate(frame, budget_pence=50 * K, minimums=minimums, options=options)
    assert not slate.feasible
    assert slate.problems == (problem,)


def test_nothing_fits_the_budget_is_said_but_not_infeasible():
    slate = recommend_slate(proposals((1, 10, "a", "t", 80, 20)), budget_pence=10 * K)
    assert slate.feasible
    assert slate.problems == (
        "No proposal fits within the £10,000 budget: the cheapest requests £20,000.",
    )


def test_no_proposals_at_all():
    slate = recommend_slate(proposals(), budget_pence=10 * K)
    assert slate.feasible
    assert slate.recommended.proposal_ids == ()
    assert slate.problems == ("No proposal can be considered for the slate.",)


# Statements that could not be covered --------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "budget", "minimums", "options", "reason"),
    [
        (
            proposals((1, 10, "a", "t", 80, 10)),
            50,
            [],
            SlateOptions(statement_keys=("a", "b"), statement_names={"b": "Financial inclusion"}),
            "Financial inclusion: no proposals to choose from.",
        ),
        (
            proposals((1, 10, "a", "t", 80, 10), (2, 11, "b", "t", 80, 20)),
            50,
            [],
            SlateOptions(max_award_pence=15 * K),
            "b: its only proposal cannot be awarded as it stands (see the proposals left out).",
        ),
        (
            proposals((1, 10, "a", "t", 80, 10), (2, 11, "b", "t", 80, 60)),
            50,
            [],
            SlateOptions(),
            "b: its cheapest proposal requests £60,000, above the £50,000 budget.",
        ),
        (
            proposals((1, 10, "a", "ageing", 80, 30), (2, 11, "b", "climate", 80, 30)),
            50,
            [ThemeMinimum("ageing", awards=1)],
            SlateOptions(),
            "b: covering it would break the theme minimums.",
        ),
        (
            proposals((1, 10, "a", "ageing", 80, 10), (2, 10, "b", "climate", 70, 10)),
            50,
            [ThemeMinimum("ageing", awards=1)],
            SlateOptions(),
            "b: covering it would break the theme minimums or the one-award-per-organisation rule.",
        ),
        (
            proposals((1, 10, "a", "ageing", 80, 10), (2, 11, "b", "climate", 70, 10)),
            50,
            [ThemeMinimum("ageing", awards=1)],
            SlateOptions(max_awards=1),
            "b: covering it would break the theme minimums or the limit of 1 award.",
        ),
        (
            proposals((1, 10, "a", "t", 80, 30), (2, 11, "b", "t", 70, 30)),
            50,
            [],
            SlateOptions(),
            "b: covering it would leave another statement without a winner; at most 1 of the 2 "
            "statements can be covered together.",
        ),
    ],
    ids=[
        "no-proposals",
        "all-above-ceiling",
        "above-budget",
        "breaks-minimums",
        "breaks-minimums-or-one-per-organisation",
        "breaks-minimums-or-award-limit",
        "crowds-out-another",
    ],
)
def test_uncovered_statements_say_why(frame, budget, minimums, options, reason):
    slate = recommend_slate(frame, budget_pence=budget * K, minimums=minimums, options=options)
    assert slate.feasible
    assert [u.reason for u in slate.uncovered] == [reason]


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (proposals().drop(columns="score"), "The slate needs the columns score"),
        (proposals((1, 10, "a", "t", 80, 10), (1, 11, "a", "t", 70, 10)), "only once"),
    ],
    ids=["missing-column", "duplicate-id"],
)
def test_malformed_input_is_a_programming_error(frame, message):
    with pytest.raises(ValueError, match=message):
        recommend_slate(frame, budget_pence=10 * K)


def test_when_the_solver_cannot_say_which_minimum_the_minimums_are_named_with_figures(
    monkeypatch,
):
    monkeypatch.setattr(infeasible_module, "closest_to", lambda *args, **kwargs: None)
    frame = proposals((1, 10, "a", "ageing", 80, 10), (2, 11, "b", "climate", 70, 30))
    minimums = [ThemeMinimum("ageing", share=0.5), ThemeMinimum("climate", awards=1, share=0.5)]
    slate = recommend_slate(frame, budget_pence=50 * K, minimums=minimums)
    assert slate.problems == (
        "No slate with an award meets every theme minimum together (ageing at least 50% of the "
        "money awarded; climate at least 1 award and 50% of the money awarded) and the other "
        "rules, whatever the budget.",
    )
