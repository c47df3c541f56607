"""The slate's reasons in plain English, with the numbers: statements left uncovered, rule costs."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from civic_challenge.domain.money import pounds
from civic_challenge.domain.slate.model import Candidates, Rules, Solution, SolverTime, solve


class ConstraintFamily(StrEnum):
    THEME_MINIMUMS = "theme_minimums"
    STATEMENT_COVERAGE = "statement_coverage"
    ONE_PER_ORGANISATION = "one_per_organisation"


RULE_FIELDS = {
    ConstraintFamily.THEME_MINIMUMS: "minimums",
    ConstraintFamily.STATEMENT_COVERAGE: "cover",
    ConstraintFamily.ONE_PER_ORGANISATION: "one_per_organisation",
}
_RULE_NAMES = {
    ConstraintFamily.THEME_MINIMUMS: "the theme minimums",
    ConstraintFamily.ONE_PER_ORGANISATION: "the one-award-per-organisation rule",
}


@dataclass(frozen=True)
class Names:
    themes: Mapping[str, str]
    statements: Mapping[str, str]

    def theme(self, key: str) -> str:
        return self.themes.get(key, key)

    def statement(self, key: str) -> str:
        return self.statements.get(key, key)


def number(value: float) -> str:
    """Scores to 0.01 without trailing zeros: 512.30 -> '512.3'."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def active_families(rules: Rules) -> list[ConstraintFamily]:
    return [family for family, name in RULE_FIELDS.items() if getattr(rules, name)]


def nothing_fits(c: Candidates, rules: Rules) -> list[str]:
    if len(c) == 0:
        return ["No proposal can be considered for the slate."]
    if c.amounts.min() > rules.budget_pence:
        return [
            f"No proposal fits within the {pounds(rules.budget_pence)} budget: "
            f"the cheapest requests {pounds(c.amounts.min())}."
        ]
    return []


def uncovered(
    c: Candidates,
    rules: Rules,
    statement: str,
    counts: tuple[int, int],
    names: Names,
    time: SolverTime,
) -> str:
    """Why the slate has no winner for `statement`; counts: its rows in the input, and how many
    statements the slate covers."""
    given, covered = counts
    name = names.statement(statement)
    members = c.statements == statement
    if not members.any():
        if not given:
            return f"{name}: no proposals to choose from."
        which = (
            "its only proposal cannot be awarded as it stands"
            if given == 1
            else f"none of its {given} proposals can be awarded as they stand"
        )
        return f"{name}: {which} (see the proposals left out)."
    cheapest = c.amounts[members].min()
    if cheapest > rules.budget_pence:
        dearer = f"above the {budget_words(rules)}"
        return f"{name}: its cheapest proposal requests {pounds(cheapest)}, {dearer}."
    forced = replace(rules, cover=(), force=statement)
    if solve(c, forced, time=time, tie_break=False) is not None:
        return (
            f"{name}: covering it would leave another statement without a winner; at most "
            f"{covered} of the {len(rules.cover)} statements can be covered together."
        )
    relaxations = {
        text: forced.without(RULE_FIELDS[family])
        for family, text in _RULE_NAMES.items()
        if getattr(rules, RULE_FIELDS[family])
    }
    if rules.max_awards is not None:
        relaxations[f"the limit of {awards(rules.max_awards)}"] = replace(forced, max_awards=None)
    blamed = [
        text
        for text, relaxed in relaxations.items()
        if solve(c, relaxed, time=time, tie_break=False) is not None
    ]
    if blamed:
        return f"{name}: covering it would break {' or '.join(blamed)}."
    together = "".join(f" and {text}" for text in relaxations)
    return f"{name}: covering it would break the {budget_words(rules)}{together}."


def cost_line(
    family: ConstraintFamily,
    with_it: float,
    without: float,
    c: Candidates,
    rules: Rules,
    best: np.ndarray,
) -> str:
    covered = len({s for s in c.statements[best] if s in rules.cover})
    subject, pronoun = {
        ConstraintFamily.THEME_MINIMUMS: ("The theme minimums", "them"),
        ConstraintFamily.STATEMENT_COVERAGE: (
            f"Covering {covered} of the {len(rules.cover)} challenge statements",
            "it",
        ),
        ConstraintFamily.ONE_PER_ORGANISATION: ("One award per organisation", "that rule"),
    }[family]
    lost = round(without - with_it, 2)
    if lost <= 0:
        return f"{subject} cost nothing: without {pronoun} the best slate scores the same."
    unit = "point" if lost == 1 else "points"
    return (
        f"{subject} cost {number(lost)} {unit} of total score: without {pronoun} the best slate "
        f"would score {number(without)} instead of {number(with_it)}."
    )


def gap_words(solution: Solution, c: Candidates, limit: float) -> str | None:
    """None when the slate is proven the best; otherwise how far from the best it may be."""
    if solution.optimal:
        return None
    found = int(c.units[solution.chosen].sum()) / 100
    bound = solution.bound_units / 100
    return (
        f"The search stopped at its {limit:g}-second time limit before proving this slate "
        f"the best: "
        f"it scores {number(found)} and no slate can score more than {number(bound)}, so at most "
        f"{number(round(bound - found, 2))} points are left on the table."
    )


def budget_words(rules: Rules) -> str:
    return f"{pounds(rules.budget_pence)} budget"


def awards(count: int) -> str:
    return f"{count} award" if count == 1 else f"{count} awards"


def percent(steps: int) -> str:
    return f"{steps / 100:g}%"
