"""The organisers' dashboard: filters, and the small aggregate frames its charts draw.

Everything here is pure: long frames from the database in, small long frames out (one row per
theme and stage, per score bin, per borough, per day...), so only aggregates reach a browser.

The proposal frame (one row per entered proposal, i.e. not a draft and not withdrawn) has:
    proposal_id, status, submitted_at, amount_pence (requested), statement_key, theme_key
    (primary theme), shortlisted (bool), awarded (bool), awarded_pence (NaN when not awarded)
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from civic_challenge.domain.priorities import STAGES
from civic_challenge.domain.terms import FOUND_ELIGIBLE
from civic_challenge.domain.terms import ProposalStatus as S

SCORE_BIN_WIDTH = 10
STAGE_NAMES = {
    "submitted": "Submitted",
    "eligible": "Eligible",
    "shortlisted": "Shortlisted",
    "awarded": "Awarded",
}
_REACHED_ELIGIBLE = FOUND_ELIGIBLE
_SHORTLISTED = {S.SHORTLISTED, S.AWARDED, S.DECLINED}
UNKNOWN_THEME = "No theme"


@dataclass(frozen=True)
class DashboardFilters:
    """What the organiser narrowed the dashboard to; an empty tuple means "all". Hashable, so it
    can key a cache. Values are keys: theme and statement keys, status values, GSS codes."""

    themes: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    boroughs: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        themes: Iterable[str] = (),
        statements: Iterable[str] = (),
        statuses: Iterable[str] = (),
        boroughs: Iterable[str] = (),
    ) -> "DashboardFilters":
        """Sorted and de-duplicated, so the same choice always makes the same cache key."""
        return cls(
            tuple(sorted(set(themes))),
            tuple(sorted(set(statements))),
            tuple(sorted(set(statuses))),
            tuple(sorted(set(boroughs))),
        )

    @property
    def active(self) -> bool:
        return bool(self.themes or self.statements or self.statuses or self.boroughs)


@dataclass(frozen=True)
class Headline:
    proposals: int
    eligible: int
    reviews_done: int
    reviews_expected: int
    requested_pence: int
    budget_pence: int
    awarded_pence: int


def stage_columns(proposals: pd.DataFrame) -> pd.DataFrame:
    """The proposal frame with boolean submitted/eligible/shortlisted/awarded columns, for
    `priorities.priority_coverage`: decisions decide shortlisted and awarded, the status the
    rest."""
    status = proposals["status"]
    return proposals.assign(
        submitted=True,
        eligible=status.isin([s.value for s in _REACHED_ELIGIBLE]) | proposals["shortlisted"],
        shortlisted=proposals["shortlisted"].astype(bool)
        | status.isin([s.value for s in _SHORTLISTED])
        | proposals["awarded"].astype(bool),
        awarded=proposals["awarded"].astype(bool),
    )


def headline(
    proposals: pd.DataFrame, *, reviews_done: int, reviews_expected: int, budget_pence: int
) -> Headline:
    staged = stage_columns(proposals)
    awarded = pd.to_numeric(staged.loc[staged["awarded"], "awarded_pence"], errors="coerce")
    return Headline(
        proposals=len(staged),
        eligible=int(staged["eligible"].sum()),
        reviews_done=int(reviews_done),
        reviews_expected=int(reviews_expected),
        requested_pence=int(pd.to_numeric(staged["amount_pence"], errors="coerce").fillna(0).sum()),
        budget_pence=int(budget_pence),
        awarded_pence=int(awarded.fillna(0).sum()),
    )


def money_by_theme(
    proposals: pd.DataFrame, themes: pd.DataFrame, *, budget_pence: int
) -> pd.DataFrame:
    """One row per theme and measure (requested, shortlisted, awarded): theme_key, theme_name,
    measure, pence; plus target_pence (the theme's target share of the budget) on every row."""
    staged = stage_columns(proposals)
    requested = pd.to_numeric(staged["amount_pence"], errors="coerce").fillna(0)
    awarded = pd.to_numeric(staged["awarded_pence"], errors="coerce").fillna(requested)
    measures = {
        "Requested": requested,
        "Shortlisted": requested.where(staged["shortlisted"], 0),
        "Awarded": awarded.where(staged["awarded"], 0),
    }
    rows = []
    for theme in themes.itertuples(index=False):
        in_theme = staged["theme_key"] == theme.key
        target = float(theme.target_budget_share or 0) * budget_pence
        for measure, values in measures.items():
            rows.append(
                {
                    "theme_key": theme.key,
                    "theme_name": theme.name,
                    "measure": measure,
                    "pence": int(values[in_theme].sum()),
                    "target_pence": round(target),
                }
            )
    return pd.DataFrame(
        rows, columns=["theme_key", "theme_name", "measure", "pence", "target_pence"]
    )


def score_bins(scores: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Pre-binned histogram of proposal scores (0-100) per theme, bins of SCORE_BIN_WIDTH:
    theme_key, theme_name, bin_start, bin_end, proposals. 100 falls in the last bin. Every bin
    of every theme is present (zero when empty), so bars line up."""
    edges = np.arange(0, 100 + SCORE_BIN_WIDTH, SCORE_BIN_WIDTH)
    starts = edges[:-1]
    values = pd.to_numeric(scores["score"], errors="coerce")
    index = np.clip((values // SCORE_BIN_WIDTH).fillna(-1).astype(int), -1, len(starts) - 1)
    rows = []
    for theme in themes.itertuples(index=False):
        mine = index[(scores["theme_key"] == theme.key) & values.notna()]
        counts = np.bincount(mine.to_numpy(dtype=int), minlength=len(starts))
        for start, count in zip(starts, counts, strict=True):
            rows.append(
                {
                    "theme_key": theme.key,
                    "theme_name": theme.name,
                    "bin_start": int(start),
                    "bin_end": int(start + SCORE_BIN_WIDTH),
                    "proposals": int(count),
                }
            )
    return pd.DataFrame(
        rows, columns=["theme_key", "theme_name", "bin_start", "bin_end", "proposals"]
    )


def borough_counts(
    proposals: pd.DataFrame, pilots: pd.DataFrame, boroughs: pd.DataFrame
) -> pd.DataFrame:
    """Every borough of the grid with its proposals and winners (pilots planned there).

    pilots: proposal_id, borough_code. boroughs: code, name, tile_row, tile_col.
    Out: code, name, tile_row, tile_col, proposals, winners.
    """
    winners = set(proposals.loc[proposals["awarded"].astype(bool), "proposal_id"])
    entered = pilots[pilots["proposal_id"].isin(proposals["proposal_id"])]
    counts = entered.groupby("borough_code")["proposal_id"].nunique()
    won = entered[entered["proposal_id"].isin(winners)].groupby("borough_code")["proposal_id"]
    won_counts = won.nunique()
    out = boroughs[["code", "name", "tile_row", "tile_col"]].copy()
    out["proposals"] = out["code"].map(counts).fillna(0).astype(int)
    out["winners"] = out["code"].map(won_counts).fillna(0).astype(int)
    return out.reset_index(drop=True)


def submissions_by_day(proposals: pd.DataFrame) -> pd.DataFrame:
    """day (UTC date as a timestamp), submitted that day, cumulative."""
    moments = pd.to_datetime(proposals["submitted_at"], utc=True).dropna()
    if moments.empty:
        return pd.DataFrame(
            {
                "day": pd.Series(dtype="datetime64[ns, UTC]"),
                "submitted": pd.Series(dtype=int),
                "cumulative": pd.Series(dtype=int),
            }
        )
    days = moments.dt.floor("D").value_counts().sort_index()
    frame = pd.DataFrame({"day": days.index, "submitted": days.to_numpy(dtype=int)})
    frame["cumulative"] = frame["submitted"].cumsum()
    return frame.reset_index(drop=True)


def review_coverage(done: pd.Series, *, wanted: int) -> pd.DataFrame:
    """How many proposals have 0, 1, ... `wanted` (or more) submitted reviews.

    done: reviews done per proposal (one value per proposal in scope). Out: reviews (a label:
    '0', '1', ..., 'k or more'), proposals, complete (bool: reached `wanted`).
    """
    wanted = max(int(wanted), 1)
    clipped = done.fillna(0).astype(int).clip(upper=wanted)
    counts = clipped.value_counts()
    labels = [str(n) for n in range(wanted)] + [f"{wanted} or more"]
    return pd.DataFrame(
        {
            "reviews": labels,
            "proposals": [int(counts.get(n, 0)) for n in range(wanted + 1)],
            "complete": [n >= wanted for n in range(wanted + 1)],
        }
    )


JUDGE_STATES = ("submitted", "started", "pending", "abstained")
JUDGE_STATE_NAMES = {
    "submitted": "Submitted",
    "started": "Started",
    "pending": "Not started",
    "abstained": "Abstained",
}


def judge_progress(assignments: pd.DataFrame) -> pd.DataFrame:
    """judge_name, state, assignments (every state present per judge), plus done and total.

    assignments: judge_id, judge_name, state, assignments (counts per judge and state).
    Judges are ordered by the share done, least first, so who is behind shows at the top.
    """
    columns = ["judge_id", "judge_name", "state", "state_name", "assignments", "done", "total"]
    if assignments.empty:
        return pd.DataFrame(columns=columns)
    wide = assignments.pivot_table(
        index=["judge_id", "judge_name"], columns="state", values="assignments", aggfunc="sum"
    ).reindex(columns=list(JUDGE_STATES), fill_value=0)
    wide = wide.fillna(0).astype(int)
    wide["total"] = wide[list(JUDGE_STATES)].sum(axis=1)
    wide["done"] = wide["submitted"] + wide["abstained"]
    wide = wide.assign(_share=wide["done"] / wide["total"].where(wide["total"] > 0, 1))
    wide = wide.sort_values(["_share", "total"], ascending=[True, False]).drop(columns="_share")
    long = wide.reset_index().melt(
        id_vars=["judge_id", "judge_name", "done", "total"],
        value_vars=list(JUDGE_STATES),
        var_name="state",
        value_name="assignments",
    )
    order = {judge: i for i, judge in enumerate(wide.index.get_level_values("judge_id"))}
    long["_order"] = long["judge_id"].map(order)
    long["_state"] = long["state"].map({s: i for i, s in enumerate(JUDGE_STATES)})
    long = long.sort_values(["_order", "_state"]).drop(columns=["_order", "_state"])
    long["state_name"] = long["state"].map(JUDGE_STATE_NAMES)
    return long[columns].reset_index(drop=True)


def latest_stage(coverage: pd.DataFrame) -> str:
    """The furthest stage any proposal has reached, for the gap lines ("submitted" when none)."""
    reached = coverage.groupby("stage")["stage_proposals"].max()
    for stage in reversed(STAGES):
        if int(reached.get(stage, 0)) > 0:
            return stage
    return "submitted"


def name_lookup(frame: pd.DataFrame, key: str = "key", name: str = "name") -> Mapping[str, str]:
    return dict(zip(frame[key], frame[name], strict=True))


def keys_for_names(names: Sequence[str], lookup: Mapping[str, str]) -> list[str]:
    """Map clicked labels (names) back to keys; labels not found are ignored."""
    by_name = {value: key for key, value in lookup.items()}
    return [by_name[n] for n in names if n in by_name]
