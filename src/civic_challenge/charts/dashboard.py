"""The dashboard's charts: long aggregate frames in, plotly figures out; no streamlit, no I/O.

Each figure has a title and axis titles, and never relies on colour alone: bars carry their
numbers as text, series differ by pattern as well as colour, and the legend names them.
"""

from collections.abc import Mapping
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from civic_challenge.domain.money import pounds

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
STAGE_STYLE = {
    "submitted": ("Submitted", "#999999", ""),
    "eligible": ("Eligible", "#56B4E9", "/"),
    "shortlisted": ("Shortlisted", "#0072B2", "x"),
    "awarded": ("Awarded", "#009E73", "."),
}
MEASURE_STYLE = {
    "Requested": ("#999999", ""),
    "Shortlisted": ("#0072B2", "x"),
    "Awarded": ("#009E73", "."),
}
JUDGE_STATE_STYLE = {
    "submitted": ("#009E73", ""),
    "started": ("#56B4E9", "/"),
    "pending": ("#E69F00", "x"),
    "abstained": ("#999999", "."),
}
TARGET_MARKER = {
    "symbol": "line-ew-open",
    "size": 40,
    "color": "#000000",
    "line": {"width": 3, "color": "#000000"},
}
FONT = {"family": "sans-serif", "size": 13}


def _layout(figure: go.Figure, title: str, x: str, y: str, **more: object) -> go.Figure:
    layout: dict[str, object] = {
        "title": {"text": title},
        "xaxis_title": x,
        "yaxis_title": y,
        "font": FONT,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
        "margin": {"t": 60, "l": 60, "r": 20, "b": 40},
        "height": 460,
    }
    figure.update_layout(**(layout | more))
    return figure


def _short_pounds(pence: int) -> str:
    """£476k, £1.2m: short enough to sit above a bar; nothing for zero."""
    pounds_ = pence / 100
    if not pounds_:
        return ""
    if pounds_ >= 1_000_000:
        return f"£{pounds_ / 1_000_000:.1f}m"
    if pounds_ >= 10_000:
        return f"£{pounds_ / 1000:.0f}k"
    return pounds(pence)


def _percent(value: float) -> str:
    return "none" if pd.isna(value) else f"{value:.0%}"


def pipeline_chart(coverage: pd.DataFrame) -> go.Figure:
    """Each theme's share of the proposals at each stage, beside its target share of awards.

    coverage: priorities.priority_coverage's frame (stage, theme_name, proposals,
    proposal_share, target_award_share...). Bars are grouped by theme: x is the theme's name.
    """
    figure = go.Figure()
    for stage, (label, colour, pattern) in STAGE_STYLE.items():
        rows = coverage[coverage["stage"] == stage]
        figure.add_trace(
            go.Bar(
                name=label,
                x=rows["theme_name"],
                y=rows["proposal_share"].fillna(0) * 100,
                text=[str(n) if n else "" for n in rows["proposals"]],
                textposition="outside",
                marker={"color": colour, "pattern": {"shape": pattern}},
                customdata=rows[["proposals", "stage_proposals"]].to_numpy(),
                hovertemplate=(
                    f"{label}: %{{customdata[0]}} of %{{customdata[1]}} proposals "
                    "(%{y:.0f}%)<extra>%{x}</extra>"
                ),
            )
        )
    targets = coverage.drop_duplicates("theme_name")
    figure.add_trace(
        go.Scatter(
            name="Target share of awards",
            x=targets["theme_name"],
            y=targets["target_award_share"] * 100,
            mode="markers",
            marker=TARGET_MARKER,
            hovertemplate="Target: %{y:.1f}% of awards<extra>%{x}</extra>",
        )
    )
    return _layout(
        figure,
        "Pipeline per theme against the target share",
        "Theme (strategy priority)",
        "Share of the stage's proposals (%)",
        barmode="group",
        yaxis_range=[0, 110],
    )


def money_chart(money: pd.DataFrame) -> go.Figure:
    """Money requested, shortlisted and awarded per theme (pounds) against its budget split.

    money: domain.dashboard.money_by_theme's frame (theme_name, measure, pence, target_pence).
    """
    figure = go.Figure()
    for measure, (colour, pattern) in MEASURE_STYLE.items():
        rows = money[money["measure"] == measure]
        figure.add_trace(
            go.Bar(
                name=measure,
                x=rows["theme_name"],
                y=rows["pence"] / 100,
                text=[_short_pounds(p) for p in rows["pence"]],
                textposition="outside",
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"{measure}: £%{{y:,.0f}}<extra>%{{x}}</extra>",
            )
        )
    targets = money.drop_duplicates("theme_name")
    figure.add_trace(
        go.Scatter(
            name="Budget split (target)",
            x=targets["theme_name"],
            y=targets["target_pence"] / 100,
            mode="markers",
            marker=TARGET_MARKER,
            hovertemplate="Target: £%{y:,.0f} of the budget<extra>%{x}</extra>",
        )
    )
    return _layout(
        figure,
        "Money per theme against the budget split",
        "Theme (strategy priority)",
        "Pounds (£)",
        barmode="group",
        yaxis_tickprefix="£",
        yaxis_tickformat=",.0f",
    )


def score_histogram(bins: pd.DataFrame, colours: Mapping[str, str]) -> go.Figure:
    """Proposals per score band and theme, from pre-binned counts (domain.dashboard.score_bins).

    colours: theme_key -> colour; each theme also has its own bar pattern.
    """
    figure = go.Figure()
    patterns = ["", "/", "x", ".", "\\", "+", "-", "|"]
    for number, (key, rows) in enumerate(bins.groupby("theme_key", sort=False)):
        labels = [f"{a}–{b}" for a, b in zip(rows["bin_start"], rows["bin_end"], strict=True)]
        figure.add_trace(
            go.Bar(
                name=str(rows["theme_name"].iloc[0]),
                x=labels,
                y=rows["proposals"],
                text=[str(n) if n else "" for n in rows["proposals"]],
                textposition="outside",
                marker={
                    "color": colours.get(str(key), "#777777"),
                    "pattern": {"shape": patterns[number % len(patterns)]},
                },
                hovertemplate="%{y} proposals scored %{x}<extra>%{fullData.name}</extra>",
            )
        )
    return _layout(
        figure,
        "Score distribution per theme",
        "Score band (mean of submitted reviews, 0–100)",
        "Proposals",
        barmode="group",
    )


def criterion_heatmap(means: pd.DataFrame) -> go.Figure:
    """Mean score (0-100) per criterion and theme, each cell labelled with its number.

    means: criterion_name, theme_name, mean_score, scores (criteria in the order given).
    """
    criteria = list(dict.fromkeys(means["criterion_name"]))
    themes = list(dict.fromkeys(means["theme_name"]))
    grid = means.pivot_table(
        index="criterion_name", columns="theme_name", values="mean_score", aggfunc="mean"
    ).reindex(index=criteria, columns=themes)
    counts = means.pivot_table(
        index="criterion_name", columns="theme_name", values="scores", aggfunc="sum"
    ).reindex(index=criteria, columns=themes)
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=themes,
            y=criteria,
            customdata=counts.fillna(0).to_numpy(),
            colorscale="Blues",
            zmin=0,
            zmax=100,
            texttemplate="%{z:.0f}",
            hovertemplate=(
                "%{y}, %{x}: mean %{z:.1f} of 100 from %{customdata:.0f} scores<extra></extra>"
            ),
            colorbar={"title": {"text": "Mean score"}},
        )
    )
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, "Mean score per criterion and theme (0–100)", "Theme", "Criterion")


def submissions_chart(days: pd.DataFrame, *, opens_at: datetime, deadline: datetime) -> go.Figure:
    """Cumulative submissions per day, with the deadline as a labelled vertical line.

    days: day, submitted, cumulative (domain.dashboard.submissions_by_day).
    """
    figure = go.Figure(
        go.Scatter(
            name="Submitted so far",
            x=days["day"],
            y=days["cumulative"],
            mode="lines+markers",
            line={"shape": "hv", "color": "#0072B2"},
            customdata=days["submitted"],
            hovertemplate="%{x|%d %b %Y}: %{customdata} submitted, %{y} in all<extra></extra>",
        )
    )
    figure.add_shape(
        type="line",
        x0=deadline,
        x1=deadline,
        y0=0,
        y1=1,
        yref="paper",
        line={"color": "#D55E00", "width": 2, "dash": "dash"},
    )
    figure.add_annotation(
        x=deadline,
        y=1,
        yref="paper",
        text=f"Deadline {deadline:%d %b %Y %H:%M} UTC",
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        font={"color": "#A0400A"},
    )
    last = days["day"].max() if len(days) else deadline
    end = max(pd.Timestamp(deadline), pd.Timestamp(last)) + pd.Timedelta(days=2)
    figure.update_xaxes(range=[pd.Timestamp(opens_at), end])
    return _layout(
        figure, "Submissions over time against the deadline", "Date", "Proposals submitted"
    )


def judge_progress_chart(progress: pd.DataFrame, *, limit: int = 30) -> go.Figure:
    """Each judge's assignments by state, stacked; judges furthest behind at the top, at most
    `limit` of them (the title says how many there are in all).

    progress: domain.dashboard.judge_progress's frame (already ordered furthest behind first).
    """
    figure = go.Figure()
    everyone = list(dict.fromkeys(progress["judge_id"]))
    shown = set(everyone[:limit])
    progress = progress[progress["judge_id"].isin(shown)]
    judges = list(dict.fromkeys(progress["judge_name"]))
    title = "Judging progress per judge"
    if len(everyone) > limit:
        title += f" (the {limit} furthest behind of {len(everyone):,})"
    for state, (colour, pattern) in JUDGE_STATE_STYLE.items():
        rows = progress[progress["state"] == state]
        name = rows["state_name"].iloc[0] if len(rows) else state.capitalize()
        figure.add_trace(
            go.Bar(
                name=name,
                y=rows["judge_name"],
                x=rows["assignments"],
                orientation="h",
                text=[str(n) if n else "" for n in rows["assignments"]],
                textposition="inside",
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"%{{y}}: %{{x}} {name.lower()}<extra></extra>",
            )
        )
    figure.update_yaxes(categoryorder="array", categoryarray=judges, autorange="reversed")
    return _layout(
        figure,
        title,
        "Assignments",
        "Judge",
        barmode="stack",
        height=max(320, 90 + 28 * len(judges)),
    )


def coverage_chart(coverage: pd.DataFrame, *, wanted: int) -> go.Figure:
    """How many proposals have 0, 1, ... reviews done; those with enough are marked "complete".

    coverage: domain.dashboard.review_coverage's frame.
    """
    figure = go.Figure()
    for complete, (name, colour, pattern) in {
        False: ("Still needs reviews", "#E69F00", "/"),
        True: (f"Complete ({wanted} or more)", "#009E73", ""),
    }.items():
        rows = coverage[coverage["complete"] == complete]
        figure.add_trace(
            go.Bar(
                name=name,
                x=rows["reviews"],
                y=rows["proposals"],
                text=[str(n) for n in rows["proposals"]],
                textposition="outside",
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate="%{y} proposals with %{x} reviews done<extra></extra>",
            )
        )
    figure.update_xaxes(
        type="category", categoryorder="array", categoryarray=list(coverage["reviews"])
    )
    return _layout(
        figure,
        f"Review coverage per proposal (target: {wanted} reviews each)",
        "Submitted reviews",
        "Proposals",
    )
