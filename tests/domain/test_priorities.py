"""Coverage against the strategy's targets: counts, money and shares per theme and stage."""

import math

import pandas as pd
import pytest

from civic_challenge.domain.priorities import (
    COVERAGE_COLUMNS,
    STAGES,
    check_targets,
    gap_lines,
    priority_coverage,
    stage_flags,
)

K = 100_000  # pence in £1,000

THEMES = pd.DataFrame(
    {
        "key": ["climate", "ageing", "inequality"],
        "name": ["Climate change", "Ageing population", "Inequality"],
        "target_budget_share": [0.5, 0.25, 0.25],
        "target_award_share": [0.5, 0.25, 0.25],
    }
)


def proposals(*rows):
    """Rows of (theme, status, amount in £1,000s)."""
    frame = pd.DataFrame(rows, columns=["theme_key", "status", "k"])
    frame["amount_pence"] = frame.pop("k") * K
    return frame


PORTFOLIO = proposals(
    ("climate", "draft", 99),
    ("climate", "withdrawn", 99),
    ("climate", "submitted", 10),
    ("climate", "ineligible", 20),
    ("climate", "eligible", 30),
    ("climate", "shortlisted", 40),
    ("climate", "awarded", 15),
    ("ageing", "eligible", 10),
    ("ageing", "declined", 5),
    ("inequality", "shortlisted", 50),
    ("inequality", "awarded", 15),
    ("unknown", "awarded", 10),
)


def cell(frame, stage, theme, column):
    return frame.set_index(["stage", "theme_key"]).loc[(stage, theme), column]


@pytest.mark.parametrize(
    ("stage", "theme", "count", "pounds"),
    [
        ("submitted", "climate", 5, 115),
        ("submitted", "ageing", 2, 15),
        ("submitted", "inequality", 2, 65),
        ("eligible", "climate", 3, 85),
        ("eligible", "ageing", 2, 15),
        ("shortlisted", "climate", 2, 55),
        ("shortlisted", "ageing", 1, 5),
        ("shortlisted", "inequality", 2, 65),
        ("awarded", "climate", 1, 15),
        ("awarded", "ageing", 0, 0),
        ("awarded", "inequality", 1, 15),
    ],
)
def test_counts_and_money_per_theme_and_stage(stage, theme, count, pounds):
    coverage = priority_coverage(PORTFOLIO, THEMES)
    assert cell(coverage, stage, theme, "proposals") == count
    assert cell(coverage, stage, theme, "pence") == pounds * K


@pytest.mark.parametrize(
    ("stage", "proposals", "pounds"),
    [("submitted", 10, 205), ("eligible", 8, 175), ("shortlisted", 6, 135), ("awarded", 3, 40)],
)
def test_stage_totals_include_proposals_outside_the_themes(stage, proposals, pounds):
    rows = priority_coverage(PORTFOLIO, THEMES).query("stage == @stage")
    assert set(rows["stage_proposals"]) == {proposals}
    assert set(rows["stage_pence"]) == {pounds * K}


def test_shares_and_gaps_against_targets():
    coverage = priority_coverage(PORTFOLIO, THEMES)
    assert list(coverage.columns) == COVERAGE_COLUMNS
    assert list(coverage["stage"].unique()) == list(STAGES)
    assert list(coverage["theme_key"].iloc[:3]) == ["climate", "ageing", "inequality"]
    assert cell(coverage, "shortlisted", "ageing", "money_share") == pytest.approx(5 / 135)
    assert cell(coverage, "shortlisted", "ageing", "money_gap") == pytest.approx(5 / 135 - 0.25)
    assert cell(coverage, "awarded", "climate", "proposal_share") == pytest.approx(1 / 3)
    assert cell(coverage, "awarded", "climate", "award_gap") == pytest.approx(1 / 3 - 0.5)


def test_money_awarded_is_used_for_the_awarded_stage_when_given():
    frame = PORTFOLIO.assign(awarded_pence=[None] * 6 + [12 * K] + [None] * 5)
    coverage = priority_coverage(frame, THEMES)
    assert cell(coverage, "awarded", "climate", "pence") == 12 * K
    assert cell(coverage, "shortlisted", "climate", "pence") == 55 * K


def test_an_empty_stage_has_no_shares():
    coverage = priority_coverage(proposals(("climate", "submitted", 10)), THEMES)
    assert math.isnan(cell(coverage, "awarded", "climate", "money_share"))
    assert math.isnan(cell(coverage, "awarded", "climate", "proposal_share"))
    assert cell(coverage, "awarded", "climate", "proposals") == 0


def test_no_proposals_at_all():
    coverage = priority_coverage(proposals(), THEMES)
    assert len(coverage) == len(STAGES) * len(THEMES)
    assert coverage["proposals"].sum() == 0


def test_missing_amounts_count_as_no_money():
    frame = proposals(("climate", "submitted", 10), ("ageing", "submitted", 0))
    frame.loc[1, "amount_pence"] = None
    coverage = priority_coverage(frame, THEMES)
    assert cell(coverage, "submitted", "ageing", "pence") == 0
    assert cell(coverage, "submitted", "ageing", "proposals") == 1


@pytest.mark.parametrize(
    ("status", "reached"),
    [
        ("draft", []),
        ("withdrawn", []),
        ("submitted", ["submitted"]),
        ("ineligible", ["submitted"]),
        ("eligible", ["submitted", "eligible"]),
        ("shortlisted", ["submitted", "eligible", "shortlisted"]),
        ("declined", ["submitted", "eligible", "shortlisted"]),
        ("awarded", ["submitted", "eligible", "shortlisted", "awarded"]),
    ],
)
def test_stages_reached_from_status(status, reached):
    flags = stage_flags(pd.DataFrame({"status": [status]}))
    assert [stage for stage in STAGES if flags[stage].iloc[0]] == reached


def test_stage_columns_take_precedence_over_status():
    frame = pd.DataFrame({"status": ["eligible"], "shortlisted": [True], "awarded": [None]})
    flags = stage_flags(frame)
    assert flags.iloc[0].to_dict() == {
        "submitted": True,
        "eligible": True,
        "shortlisted": True,
        "awarded": False,
    }


def test_stage_flags_without_status():
    frame = pd.DataFrame({stage: [True] for stage in STAGES})
    assert stage_flags(frame).iloc[0].all()
    with pytest.raises(ValueError, match="status column or a boolean 'eligible' column"):
        stage_flags(pd.DataFrame({"submitted": [True]}))


def test_gap_lines_for_money():
    coverage = priority_coverage(PORTFOLIO, THEMES)
    assert gap_lines(coverage, "shortlisted") == [
        "Climate change: 41% of shortlisted money against a 50% target",
        "Ageing population: 4% of shortlisted money against a 25% target",
        "Inequality: 48% of shortlisted money against a 25% target",
    ]


def test_gap_lines_for_awards():
    coverage = priority_coverage(PORTFOLIO, THEMES)
    assert gap_lines(coverage, "awarded", measure="count") == [
        "Climate change: 1 of 3 awards (33%) against a 50% target",
        "Ageing population: 0 of 3 awards (0%) against a 25% target",
        "Inequality: 1 of 3 awards (33%) against a 25% target",
    ]
    assert gap_lines(coverage, "eligible", measure="count")[1] == (
        "Ageing population: 2 of 8 eligible proposals (25%) against a 25% target"
    )


@pytest.mark.parametrize(
    ("amounts", "line"),
    [
        ((1, 999), "Climate change: under 1% of submitted money against a 12.5% target"),
        ((999, 1), "Climate change: over 99% of submitted money against a 12.5% target"),
        ((1, 0), "Climate change: 100% of submitted money against a 12.5% target"),
        ((0, 1), "Climate change: 0% of submitted money against a 12.5% target"),
    ],
    ids=["tiny-share", "nearly-all", "all", "none"],
)
def test_gap_line_percentages_never_round_to_a_misleading_figure(amounts, line):
    themes = THEMES.assign(target_budget_share=[0.125, 0.5, 0.375])
    frame = proposals(("climate", "submitted", amounts[0]), ("ageing", "submitted", amounts[1]))
    assert gap_lines(priority_coverage(frame, themes), "submitted")[0] == line


def test_gap_line_without_a_target():
    themes = THEMES.assign(target_budget_share=[None, 0.5, 0.5])
    coverage = priority_coverage(proposals(("climate", "submitted", 10)), themes)
    assert gap_lines(coverage, "submitted")[0] == (
        "Climate change: 100% of submitted money with no target set"
    )


@pytest.mark.parametrize(
    ("stage", "line"),
    [
        ("submitted", "No proposals have been submitted yet."),
        ("eligible", "No proposals have been found eligible yet."),
        ("shortlisted", "No proposals have been shortlisted yet."),
        ("awarded", "No awards have been made yet."),
    ],
)
def test_gap_lines_for_an_empty_stage(stage, line):
    coverage = priority_coverage(proposals(("climate", "draft", 10)), THEMES)
    assert gap_lines(coverage, stage) == [line]
    assert gap_lines(coverage, stage, measure="count") == [line]


def test_gap_lines_refuse_an_unknown_measure():
    with pytest.raises(ValueError, match="Unknown measure"):
        gap_lines(priority_coverage(PORTFOLIO, THEMES), "awarded", measure="pounds")


@pytest.mark.parametrize(
    ("budget", "award", "warning"),
    [
        ([0.5, 0.25, 0.25], [0.5, 0.25, 0.25], None),
        ([0.5, 0.25, 0.245], [0.5, 0.25, 0.25], None),
        ([0.5, 0.25, 0.255], [0.5, 0.25, 0.25], None),
        (
            [0.5, 0.25, 0.2],
            [0.5, 0.25, 0.25],
            "The theme targets do not add up to 100%: the budget shares add up to 95%. "
            "The gaps below compare against the targets as they are.",
        ),
        (
            [0.5, 0.25, 0.25],
            [0.5, 0.5, 0.1],
            "The theme targets do not add up to 100%: the award shares add up to 110%. "
            "The gaps below compare against the targets as they are.",
        ),
        (
            [0.5, 0.25, 0.244],
            [0.5, None, 0.25],
            "The theme targets do not add up to 100%: the budget shares add up to 99.4% and "
            "the award shares add up to 75%. The gaps below compare against the targets as "
            "they are.",
        ),
        (
            ["half", 0.25, 0.25],
            [0.5, 0.25, 0.25],
            "The theme targets do not add up to 100%: the budget shares add up to 50%. "
            "The gaps below compare against the targets as they are.",
        ),
    ],
    ids=[
        "exact",
        "half-a-point-short",
        "half-a-point-over",
        "short",
        "over",
        "both-and-missing",
        "not-a-number",
    ],
)
def test_targets_that_do_not_add_up_warn(budget, award, warning):
    themes = THEMES.assign(target_budget_share=budget, target_award_share=award)
    assert check_targets(themes) == warning


def test_targets_check_never_raises():
    assert check_targets(pd.DataFrame()) == (
        "No themes have targets yet: add themes with their target shares."
    )
    assert check_targets(THEMES.drop(columns="target_award_share")).endswith(
        "the award shares add up to 0%. The gaps below compare against the targets as they are."
    )
