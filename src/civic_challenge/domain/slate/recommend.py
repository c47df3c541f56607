"""The recommended winner slate: the best-scoring awards within the budget, ceilings and priorities.

`recommend_slate(proposals, budget_pence=..., minimums=..., options=...)` takes one row per
proposal that may be awarded (typically the shortlist), with these columns:

    proposal_id      int    unique
    organisation_id  int    the SME; at most one award each unless the option is turned off
    statement_key    str    its challenge statement (None/NaN/"" when it has none)
    theme_key        str    its primary theme (strategy priority)
    score            float  adjusted score, 0-100; NaN = not scored yet (left out)
    amount_pence     int    what would be awarded: the amount requested, or a reduced amount the
                            organiser offers (NaN or <= 0: left out)
    label            str    optional, e.g. the reference "CIC-2018-0042"; used in messages

Award ceilings: a proposal's ceiling is its statement's own ceiling when it has one
(`options.statement_ceilings`), otherwise the challenge's (`options.max_award_pence`; None = none).
A proposal whose amount is above its ceiling is never cut down silently: it is left out (listed in
`Slate.excluded` with the numbers) unless the caller passes the reduced amount in `amount_pence`.

Optional column `decision`: "awarded" (already decided: in every slate with its amount, counted
against the budget, theme minimums and one award per organisation) or "declined" (never in it).
Proposals whose score is not above zero are left out unless `options.fund_non_positive`.

The hard rules: the budget, `options.max_awards`, the theme minimums and one award per
organisation. Every slate returned has been checked against each of them in whole pence.
Statement coverage is soft: the slate covers as many statements as the hard rules allow (coverage
comes before score), and names the ones it could not cover, with why. Among slates with the same
coverage it takes the highest total score, scores counted to 0.01; among those, the one favouring
lower proposal ids (see slate.model); the same input always gives the same slate.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from civic_challenge.domain.slate import reasons
from civic_challenge.domain.slate.infeasible import infeasible
from civic_challenge.domain.slate.inputs import award_ceiling, candidates, keys
from civic_challenge.domain.slate.model import (
    Candidates,
    Rules,
    ShareBasis,
    Solution,
    SolverTime,
    ThemeMinimum,
    covered,
    solve,
    time_limit,
)

__all__ = [
    "ConstraintCost",
    "ConstraintFamily",
    "Exclusion",
    "Selection",
    "ShareBasis",
    "Slate",
    "SlateOptions",
    "ThemeMinimum",
    "Uncovered",
    "award_ceiling",
    "recommend_slate",
]

ConstraintFamily = reasons.ConstraintFamily


@dataclass(frozen=True)
class SlateOptions:
    max_award_pence: int | None = None  # the challenge's ceiling per award
    statement_ceilings: Mapping[str, int] = field(default_factory=dict)  # statement -> pence
    max_awards: int | None = None  # at most this many winners (None: as many as the money allows)
    share_of: ShareBasis = ShareBasis.AWARDED  # what ThemeMinimum.share is a share of
    cover_statements: bool = True
    statement_keys: Sequence[str] = ()  # every statement to cover, even those without proposals
    one_per_organisation: bool = True
    theme_names: Mapping[str, str] = field(default_factory=dict)  # key -> name, for messages
    statement_names: Mapping[str, str] = field(default_factory=dict)
    fund_non_positive: bool = False  # consider proposals whose score is not above zero
    time_limit: float | None = None  # solver seconds in all (None: model.time_limit's rule)


@dataclass(frozen=True)
class Selection:
    """A set of winners. Ids run best score first (ties: lower id first)."""

    proposal_ids: tuple[int, ...]
    total_score: float  # sum of scores, each to 0.01
    total_pence: int
    pence_by_theme: Mapping[str, int]  # every theme in the input or the minimums, 0 when none
    awards_by_theme: Mapping[str, int]


@dataclass(frozen=True)
class ConstraintCost:
    """Score lost to one family of rules: the best slate without it minus the slate with it.

    Only the other rules stay in force when one family is dropped. score_lost is in score points
    (>= 0); line says it in words with both totals.
    """

    family: reasons.ConstraintFamily
    score_lost: float
    line: str


@dataclass(frozen=True)
class Exclusion:
    proposal_id: int
    reason: str  # a sentence, e.g. "CIC-7 requests £20,000, above the £15,000 ceiling for ..."


@dataclass(frozen=True)
class Uncovered:
    statement_key: str
    reason: str  # a sentence naming the statement and why no winner covers it


@dataclass(frozen=True)
class Slate:
    """The recommendation beside the plain top-N, with what each family of rules cost.

    `feasible` is False when no slate with any award meets the hard rules; then `recommended` is
    empty, `costs` is empty and `problems` says why, in numbers. `problems` may also hold a line
    when feasible (nothing fits the budget at all). `top_n` is the plain comparison: proposals by
    score (ties: lower id), each taken when it still fits the money left, within max_awards and
    one per organisation (when that option is on); proposals left out of the slate are left out
    of top-N too.
    """

    feasible: bool
    recommended: Selection
    top_n: Selection
    costs: tuple[ConstraintCost, ...]
    uncovered: tuple[Uncovered, ...]
    problems: tuple[str, ...]
    excluded: tuple[Exclusion, ...]
    gap: str | None = None  # when a time limit stopped the search: how far from the best it may be


def recommend_slate(
    proposals: pd.DataFrame,
    *,
    budget_pence: int,
    minimums: Sequence[ThemeMinimum] = (),
    options: SlateOptions | None = None,
) -> Slate:
    """The best slate for the frame described in the module docstring; never raises on rules
    that cannot be met (the Slate says why), only on a malformed frame (ValueError).

    minimums: at most one ThemeMinimum per theme; share is a fraction (0-1, read to the basis
    point) of the money awarded, or of the budget with options.share_of=ShareBasis.BUDGET;
    awards is a number of winners. A theme may have both. costs come in the order theme
    minimums, statement coverage, one per organisation, for the families in force only.
    """
    options = options or SlateOptions()
    kept, left_out = candidates(
        proposals,
        max_award_pence=options.max_award_pence,
        statement_ceilings=options.statement_ceilings,
        statement_names=options.statement_names,
        fund_non_positive=options.fund_non_positive,
    )
    excluded = tuple(Exclusion(proposal_id, reason) for proposal_id, reason in left_out)
    rules = _rules(proposals, budget_pence, minimums, options)
    names = reasons.Names(options.theme_names, options.statement_names)
    themes = sorted({*keys(proposals["theme_key"]), *(m.theme_key for m in minimums)})
    top = _top_n(kept, rules)
    limit = options.time_limit or time_limit(len(kept))
    time = SolverTime(limit)
    solution = solve(kept, rules, time=time, parts=2, start=top)
    problems = reasons.nothing_fits(kept, rules)
    if solution is None or (not solution.chosen.any() and top.any()):
        problems += infeasible(kept, rules, names, time=time)
        empty = np.zeros(len(kept), dtype=bool)
        return Slate(
            feasible=False,
            recommended=_selection(kept, empty, themes),
            top_n=_selection(kept, top, themes),
            costs=(),
            uncovered=(),
            problems=tuple(problems),
            excluded=excluded,
        )
    best = solution.chosen
    return Slate(
        feasible=True,
        recommended=_selection(kept, best, themes),
        top_n=_selection(kept, top, themes),
        costs=_costs(kept, rules, solution, time),
        uncovered=_uncovered(kept, rules, best, proposals, names, time),
        problems=tuple(problems),
        excluded=excluded,
        gap=reasons.gap_words(solution, kept, limit),
    )


def _rules(frame: pd.DataFrame, budget: int, minimums: Sequence, options: SlateOptions) -> Rules:
    cover: tuple[str, ...] = ()
    if options.cover_statements:
        cover = tuple(sorted({*options.statement_keys, *keys(frame["statement_key"])}))
    return Rules(
        budget_pence=int(budget),
        max_awards=options.max_awards,
        minimums=tuple(m for m in minimums if m.awards or m.share_steps),
        share_of=ShareBasis(options.share_of),
        one_per_organisation=options.one_per_organisation,
        cover=cover,
    )


def _top_n(c: Candidates, rules: Rules) -> np.ndarray:
    """Awards already decided first, then by score while the money lasts."""
    taken = c.fixed.copy()
    left = rules.budget_pence - int(c.amounts[taken].sum())
    winners = set(c.organisations[taken])
    for i in np.lexsort((c.ids, -c.units)):
        if taken[i]:
            continue
        if rules.max_awards is not None and taken.sum() >= rules.max_awards:
            break
        if c.amounts[i] > left or (rules.one_per_organisation and c.organisations[i] in winners):
            continue
        taken[i], left = True, left - c.amounts[i]
        winners.add(c.organisations[i])
    return taken


def _selection(c: Candidates, chosen: np.ndarray, themes: list[str]) -> Selection:
    order = [i for i in np.lexsort((c.ids, -c.units)) if chosen[i]]
    return Selection(
        proposal_ids=tuple(int(c.ids[i]) for i in order),
        total_score=round(int(c.units[chosen].sum()) / 100, 2),
        total_pence=int(c.amounts[chosen].sum()),
        pence_by_theme={t: int(c.amounts[chosen & (c.themes == t)].sum()) for t in themes},
        awards_by_theme={t: int((chosen & (c.themes == t)).sum()) for t in themes},
    )


def _costs(
    c: Candidates, rules: Rules, solution: Solution, time: SolverTime
) -> tuple[ConstraintCost, ...]:
    """Dropping a family other than coverage keeps coverage at least where it is, so the slate
    itself stays allowed and the cost is never negative (a timed-out solve is read as no cost)."""
    costs, best = [], solution.chosen
    families = reasons.active_families(rules)
    held = replace(rules, cover_at_least=covered(c, rules, best)) if rules.cover else rules
    for left, family in enumerate(families):
        field_name = reasons.RULE_FIELDS[family]
        relaxed = solve(
            c,
            (rules if field_name == "cover" else held).without(field_name),
            time=time,
            parts=len(families) - left,
            tie_break=False,
            start=best,
        )
        with_it = int(c.units[best].sum())
        without = with_it if relaxed is None else max(with_it, int(c.units[relaxed.chosen].sum()))
        lost = round((without - with_it) / 100, 2)
        line = reasons.cost_line(family, with_it / 100, without / 100, c, rules, best)
        if not (solution.optimal and relaxed is not None and relaxed.optimal):
            line += " This is an estimate: the search stopped at its time limit."
        costs.append(ConstraintCost(family, lost, line))
    return tuple(costs)


def _uncovered(
    c: Candidates,
    rules: Rules,
    best: np.ndarray,
    frame: pd.DataFrame,
    names: reasons.Names,
    time: SolverTime,
) -> tuple[Uncovered, ...]:
    done = {s for s in c.statements[best] if s in rules.cover}
    given = frame["statement_key"].value_counts().to_dict()
    return tuple(
        Uncovered(s, reasons.uncovered(c, rules, s, (int(given.get(s, 0)), len(done)), names, time))
        for s in rules.cover
        if s not in done
    )
