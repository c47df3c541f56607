"""The pipeline and money charts: each theme's proposals and pounds against its targets."""

import pandas as pd
import plotly.graph_objects as go

from civic_challenge.charts.layout import TARGET_MARKER, lay_out
from civic_challenge.charts.text import chart_texts
from civic_challenge.domain.money import short_pounds

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
                x=chart_texts(rows["theme_name"]),
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
            x=chart_texts(targets["theme_name"]),
            y=targets["target_award_share"] * 100,
            mode="markers",
            marker=TARGET_MARKER,
            hovertemplate="Target: %{y:.1f}% of awards<extra>%{x}</extra>",
        )
    )
    return lay_out(
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
                x=chart_texts(rows["theme_name"]),
                y=rows["pence"] / 100,
                text=[short_pounds(p) for p in rows["pence"]],  # £9k, £476k, £1.2m
                textposition="outside",
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"{measure}: £%{{y:,.0f}}<extra>%{{x}}</extra>",
            )
        )
    targets = money.drop_duplicates("theme_name")
    figure.add_trace(
        go.Scatter(
            name="Budget split (target)",
            x=chart_texts(targets["theme_name"]),
            y=targets["target_pence"] / 100,
            mode="markers",
            marker=TARGET_MARKER,
            hovertemplate="Target: £%{y:,.0f} of the budget<extra>%{x}</extra>",
        )
    )
    return lay_out(
        figure,
        "Money per theme against the budget split",
        "Theme (strategy priority)",
        "Pounds (£)",
        barmode="group",
        yaxis_tickprefix="£",
        yaxis_tickformat=",.0f",
    )
