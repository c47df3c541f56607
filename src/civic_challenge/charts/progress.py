"""Submissions and judging under way: submissions over time, each judge's progress, coverage."""

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from civic_challenge.charts.layout import lay_out
from civic_challenge.charts.text import chart_texts

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
JUDGE_STATE_STYLE = {
    "submitted": ("#009E73", ""),
    "started": ("#56B4E9", "/"),
    "pending": ("#E69F00", "x"),
    "abstained": ("#999999", "."),
}


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
    return lay_out(
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
                y=chart_texts(rows["judge_name"]),
                x=rows["assignments"],
                orientation="h",
                text=[str(n) if n else "" for n in rows["assignments"]],
                textposition="inside",
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"%{{y}}: %{{x}} {name.lower()}<extra></extra>",
            )
        )
    figure.update_yaxes(
        categoryorder="array", categoryarray=chart_texts(judges), autorange="reversed"
    )
    return lay_out(
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
    return lay_out(
        figure,
        f"Review coverage per proposal (target: {wanted} reviews each)",
        "Submitted reviews",
        "Proposals",
    )
