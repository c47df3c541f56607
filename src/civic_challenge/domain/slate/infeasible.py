"""Why no slate can be recommended: theme minimums against the money, awards and organisations."""

import numpy as np
import pandas as pd

from civic_challenge.domain.money import pounds
from civic_challenge.domain.slate.model import (
    SHARE_STEPS,
    Candidates,
    Rules,
    ShareBasis,
    SolverTime,
    ThemeMinimum,
    cheapest,
    closest_to,
    money_floor,
    solve,
)
from civic_challenge.domain.slate.reasons import Names, awards, budget_words, percent


def infeasible(c: Candidates, rules: Rules, names: Names, *, time: SolverTime) -> list[str]:
    """Why no slate with an award meets the hard rules, in numbers, most specific first."""
    lines = _decided_lines(c, rules)
    lines += [line for m in rules.minimums for line in _theme_lines(c, rules, m, names)]
    lines += _joint_lines(c, rules, names)
    if lines:
        return lines
    least = cheapest(c, rules, time=time)
    if least is not None and least > rules.budget_pence:
        return [
            f"The cheapest slate that meets every other rule awards {pounds(least)}, "
            f"{pounds(least - rules.budget_pence)} more than the {budget_words(rules)}."
        ]
    if rules.one_per_organisation:
        relaxed = solve(c, rules.without("one_per_organisation"), time=time)
        if relaxed is not None and relaxed.chosen.any():
            return ["The theme minimums can only be met by giving an organisation two awards."]
    for minimum in rules.minimums:
        for part in ("awards", "share"):
            if line := _short_of(c, rules, minimum, part, names, time=time):
                return [line]
    wanted = "; ".join(_minimum_words(m, rules, names) for m in rules.minimums)
    return [
        f"No slate with an award meets every theme minimum together ({wanted}) and the other "
        "rules, whatever the budget."
    ]


def _short_of(
    c: Candidates, rules: Rules, m: ThemeMinimum, part: str, names: Names, *, time: SolverTime
) -> str | None:
    """How far the best slate under every other rule (budget aside) falls short of `m`'s part."""
    if not (m.awards if part == "awards" else m.share_steps):
        return None
    chosen = closest_to(c, rules, m, part, time=time)
    if chosen is None:
        return None
    theme, members = names.theme(m.theme_key), chosen & (c.themes == m.theme_key)
    others = "With every other rule met, whatever the budget,"
    if part == "awards":
        most = int(members.sum())
        if most >= m.awards:
            return None
        return (
            f"{others} at most {most} {theme} proposals can be awarded, fewer than the "
            f"{awards(m.awards)} the {theme} minimum needs."
        )
    money, awarded = int(c.amounts[members].sum()), int(c.amounts[chosen].sum())
    if rules.share_of is ShareBasis.BUDGET:
        floor = money_floor(m, rules.budget_pence)
        if money >= floor:
            return None
        return (
            f"{others} the {theme} proposals can receive at most {pounds(money)}, "
            f"{pounds(floor - money)} short of the {pounds(floor)} the {theme} minimum needs."
        )
    needed = -(-m.share_steps * awarded // SHARE_STEPS)
    if money >= needed:
        return None
    return (
        f"{others} the {theme} proposals always get less than the {percent(m.share_steps)} "
        f"of the money awarded that the {theme} minimum needs: the smallest shortfall is "
        f"{pounds(needed - money)} ({pounds(money)} of {pounds(awarded)} awarded)."
    )


def _minimum_words(m: ThemeMinimum, rules: Rules, names: Names) -> str:
    parts = [f"{awards(m.awards)}"] if m.awards else []
    if m.share_steps:
        basis = "the budget" if rules.share_of is ShareBasis.BUDGET else "the money awarded"
        parts.append(f"{percent(m.share_steps)} of {basis}")
    return f"{names.theme(m.theme_key)} at least {' and '.join(parts)}"


def _decided_lines(c: Candidates, rules: Rules) -> list[str]:
    """What the awards already decided break on their own."""
    lines = []
    decided = int(c.amounts[c.fixed].sum())
    if decided > rules.budget_pence:
        lines.append(
            f"The awards already decided come to {pounds(decided)}, "
            f"{pounds(decided - rules.budget_pence)} more than the {budget_words(rules)}."
        )
    count = int(c.fixed.sum())
    if rules.max_awards is not None and count > rules.max_awards:
        lines.append(
            f"{awards(count).capitalize()} are already decided, more than the "
            f"{rules.max_awards} the slate may have."
        )
    organisations = c.organisations[c.fixed]
    if rules.one_per_organisation and len(set(organisations)) < len(organisations):
        lines.append(
            "An organisation already has two awards decided, against one per organisation."
        )
    return lines


def _theme_lines(c: Candidates, rules: Rules, m: ThemeMinimum, names: Names) -> list[str]:
    theme = names.theme(m.theme_key)
    members = c.themes == m.theme_key
    cheapest_each = _per_organisation(c, members, rules, "min")
    lines = []
    if m.awards:
        if rules.max_awards is not None and m.awards > rules.max_awards:
            lines.append(
                f"The {theme} minimum needs at least {awards(m.awards)} but the slate may "
                f"have at most {rules.max_awards}."
            )
        elif len(cheapest_each) < m.awards:
            each = " (one per organisation)" if len(cheapest_each) < members.sum() else ""
            lines.append(
                f"The {theme} minimum needs at least {awards(m.awards)} but only "
                f"{len(cheapest_each)} {theme} proposals can be awarded{each}."
            )
        elif (cost := int(np.sort(cheapest_each)[: m.awards].sum())) > rules.budget_pence:
            lines.append(
                f"The {theme} minimum needs at least {awards(m.awards)}; the {m.awards} "
                f"cheapest {theme} proposals request {pounds(cost)} in all, above the "
                f"{budget_words(rules)}."
            )
    if m.share_steps:
        lines += _share_lines(c, rules, m, theme, members)
    return lines


def _share_lines(
    c: Candidates, rules: Rules, m: ThemeMinimum, theme: str, members: np.ndarray
) -> list[str]:
    if rules.share_of is ShareBasis.AWARDED:
        if members.any():
            return []
        return [
            f"The {theme} minimum needs {percent(m.share_steps)} of the money awarded but no "
            f"{theme} proposal can be awarded, so no award can meet it."
        ]
    floor = money_floor(m, rules.budget_pence)
    everything = int(c.amounts[members].sum())
    reachable = int(_per_organisation(c, members, rules, "max").sum())
    if reachable >= floor:
        return []
    one_each = f" ({pounds(reachable)} with one award per organisation)"
    return [
        f"The {theme} minimum needs at least {pounds(floor)} but the {theme} proposals request "
        f"{pounds(everything)} in all{one_each if reachable < everything else ''}."
    ]


def _joint_lines(c: Candidates, rules: Rules, names: Names) -> list[str]:
    lines = []
    with_awards = [m for m in rules.minimums if m.awards]
    needed = sum(m.awards for m in with_awards)
    if len(with_awards) > 1 and rules.max_awards is not None and needed > rules.max_awards:
        lines.append(
            f"Together the theme minimums need at least {awards(needed)}, more than the "
            f"{rules.max_awards} the slate may have."
        )
    floors = {m.theme_key: _money_needed(c, rules, m) for m in rules.minimums}
    floors = {key: pence for key, pence in floors.items() if pence}
    if len(floors) > 1 and sum(floors.values()) > rules.budget_pence:
        each = ", ".join(f"{names.theme(key)} {pounds(p)}" for key, p in floors.items())
        lines.append(
            f"Together the theme minimums need at least {pounds(sum(floors.values()))} "
            f"({each}), above the {budget_words(rules)}."
        )
    shares = sum(m.share_steps for m in rules.minimums)
    if rules.share_of is ShareBasis.AWARDED and shares > SHARE_STEPS:
        lines.append(
            f"The theme minimums add up to {percent(shares)} of the money awarded, "
            "more than all of it."
        )
    return lines


def _money_needed(c: Candidates, rules: Rules, m: ThemeMinimum) -> int:
    """A lower bound on the pence a theme's minimum takes from the budget."""
    floor = money_floor(m, rules.budget_pence) if rules.share_of is ShareBasis.BUDGET else 0
    cheapest_each = _per_organisation(c, c.themes == m.theme_key, rules, "min")
    if m.awards and len(cheapest_each) >= m.awards:
        floor = max(floor, int(np.sort(cheapest_each)[: m.awards].sum()))
    return floor


def _per_organisation(c: Candidates, members: np.ndarray, rules: Rules, how: str) -> np.ndarray:
    """Members' amounts, keeping one per organisation (its cheapest or dearest) under that rule."""
    amounts = c.amounts[members]
    if not rules.one_per_organisation or not len(amounts):
        return amounts
    frame = pd.DataFrame({"organisation": c.organisations[members], "amount": amounts})
    return frame.groupby("organisation")["amount"].agg(how).to_numpy()
