"""Coverage against the strategy's priorities: each theme's share of proposals and money per stage.

Stages are cumulative: a shortlisted proposal was also submitted and eligible. From a status column
(domain.terms.ProposalStatus values) a proposal has reached:

    submitted    submitted, ineligible, eligible, shortlisted, awarded, declined
    eligible     eligible, shortlisted, awarded, declined
    shortlisted  shortlisted, awarded, declined ("declined" = shortlisted, not awarded)
    awarded      awarded

A boolean column named after a stage, when present, is used instead of the status for that stage
(for callers who know more, e.g. from decisions). Drafts and withdrawn proposals reach no stage.
"""

import math

import pandas as pd

from civic_challenge.domain.terms import ProposalStatus as S

STAGES = ("submitted", "eligible", "shortlisted", "awarded")
TARGET_TOLERANCE = 0.005  # targets must add up to 1 within half a percentage point
_REACHED = {
    "submitted": {S.SUBMITTED, S.INELIGIBLE, S.ELIGIBLE, S.SHORTLISTED, S.AWARDED, S.DECLINED},
    "eligible": {S.ELIGIBLE, S.SHORTLISTED, S.AWARDED, S.DECLINED},
    "shortlisted": {S.SHORTLISTED, S.AWARDED, S.DECLINED},
    "awarded": {S.AWARDED},
}
_NOTHING_YET = {
    "submitted": "No proposals have been submitted yet.",
    "eligible": "No proposals have been found eligible yet.",
    "shortlisted": "No proposals have been shortlisted yet.",
    "awarded": "No awards have been made yet.",
}
COVERAGE_COLUMNS = [
    "stage",
    "theme_key",
    "theme_name",
    "proposals",
    "pence",
    "stage_proposals",
    "stage_pence",
    "proposal_share",
    "money_share",
    "target_budget_share",
    "target_award_share",
    "money_gap",
    "award_gap",
]


def priority_coverage(proposals: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """One row per stage and theme (stages in order, themes in the order given).

    proposals: theme_key (primary theme), amount_pence (requested; NaN counts as 0), and a status
    column and/or boolean stage columns (see the module docstring); optional awarded_pence, the
    money actually awarded, used for the awarded stage where present (else amount_pence).
    themes: key, name, target_budget_share, target_award_share (fractions, 0-1).

    Columns: COVERAGE_COLUMNS. proposals/pence count the theme's proposals at that stage, and
    stage_proposals/stage_pence all of them; proposal_share and money_share are the fractions
    (NaN when the stage is empty). Proposals whose theme is not in `themes` count in the totals
    only. Missing targets are NaN.
    money_gap = money_share - target_budget_share; award_gap = proposal_share - target_award_share.
    """
    reached = stage_flags(proposals)
    targets = themes.assign(
        target_budget_share=pd.to_numeric(themes["target_budget_share"], errors="coerce"),
        target_award_share=pd.to_numeric(themes["target_award_share"], errors="coerce"),
    )
    rows = []
    for stage in STAGES:
        at_stage = proposals[reached[stage]]
        money = _money(at_stage, stage)
        counts = at_stage.groupby("theme_key").size()
        pence = money.groupby(at_stage["theme_key"]).sum()
        total_count, total_pence = len(at_stage), int(money.sum())
        for theme in targets.itertuples(index=False):
            count, theme_pence = int(counts.get(theme.key, 0)), int(pence.get(theme.key, 0))
            rows.append(
                {
                    "stage": stage,
                    "theme_key": theme.key,
                    "theme_name": theme.name,
                    "proposals": count,
                    "pence": theme_pence,
                    "stage_proposals": total_count,
                    "stage_pence": total_pence,
                    "proposal_share": count / total_count if total_count else math.nan,
                    "money_share": theme_pence / total_pence if total_pence else math.nan,
                    "target_budget_share": theme.target_budget_share,
                    "target_award_share": theme.target_award_share,
                }
            )
    frame = pd.DataFrame(rows, columns=COVERAGE_COLUMNS[:-2])
    frame["money_gap"] = frame["money_share"] - frame["target_budget_share"]
    frame["award_gap"] = frame["proposal_share"] - frame["target_award_share"]
    return frame


def stage_flags(proposals: pd.DataFrame) -> pd.DataFrame:
    """A boolean column per stage: whether each proposal has reached it."""
    flags = {}
    for stage in STAGES:
        if stage in proposals.columns:
            flags[stage] = proposals[stage].fillna(False).astype(bool)
        elif "status" in proposals.columns:
            flags[stage] = proposals["status"].isin([status.value for status in _REACHED[stage]])
        else:
            raise ValueError(f"Coverage needs a status column or a boolean '{stage}' column")
    return pd.DataFrame(flags, index=proposals.index)


def check_targets(themes: pd.DataFrame) -> str | None:
    """A warning when budget or award targets do not add up to 100% (within 0.5%); never raises."""
    if themes is None or len(themes) == 0:
        return "No themes have targets yet: add themes with their target shares."
    problems = []
    for column, what in (("target_budget_share", "budget"), ("target_award_share", "award")):
        shares = pd.to_numeric(themes.get(column, pd.Series(dtype=float)), errors="coerce")
        total = float(shares.fillna(0).sum())
        if abs(total - 1) > TARGET_TOLERANCE + 1e-9:
            problems.append(f"the {what} shares add up to {_target(total)}")
    if not problems:
        return None
    return (
        f"The theme targets do not add up to 100%: {' and '.join(problems)}. "
        "The gaps below compare against the targets as they are."
    )


def gap_lines(coverage: pd.DataFrame, stage: str, measure: str = "money") -> list[str]:
    """Plain-English lines for one stage, one per theme, from priority_coverage's frame.

    measure "money": "Ageing population: 9% of shortlisted money against a 25% target" (budget
    target). measure "count": "Ageing population: 1 of 8 awards (13%) against a 25% target"
    (award target). A single "nothing yet" line when the stage is empty.
    """
    if measure not in {"money", "count"}:
        raise ValueError(f"Unknown measure {measure!r}: use 'money' or 'count'")
    rows = coverage[coverage["stage"] == stage]
    share_column = "money_share" if measure == "money" else "proposal_share"
    if rows.empty or rows[share_column].isna().all():
        return [_NOTHING_YET[stage]]
    lines = []
    for row in rows.itertuples(index=False):
        if measure == "money":
            what = f"{_share(row.money_share)} of {stage} money"
            target = row.target_budget_share
        else:
            noun = "awards" if stage == "awarded" else f"{stage} proposals"
            what = f"{row.proposals} of {row.stage_proposals} {noun} ({_share(row.proposal_share)})"
            target = row.target_award_share
        against = "with no target set" if pd.isna(target) else f"against a {_target(target)} target"
        lines.append(f"{row.theme_name}: {what} {against}")
    return lines


def _money(at_stage: pd.DataFrame, stage: str) -> pd.Series:
    money = pd.to_numeric(at_stage["amount_pence"], errors="coerce")
    if stage == "awarded" and "awarded_pence" in at_stage.columns:
        money = pd.to_numeric(at_stage["awarded_pence"], errors="coerce").fillna(money)
    return money.fillna(0).astype("int64")


def _share(share: float) -> str:
    """Whole percentages, never rounding a small share to nothing or a near-total one to all."""
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def _target(share: float) -> str:
    """Targets as set, to a tenth of a percent: 0.125 -> '12.5%'."""
    return f"{share * 100:.1f}".removesuffix(".0") + "%"
