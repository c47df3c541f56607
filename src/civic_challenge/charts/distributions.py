"""How the scores fall: proposals per score band and theme, and mean score per criterion."""

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from civic_challenge.charts.layout import lay_out
from civic_challenge.charts.text import chart_text, chart_texts


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
                name=chart_text(rows["theme_name"].iloc[0]),
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
    return lay_out(
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
            x=chart_texts(themes),
            y=chart_texts(criteria),
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
    return lay_out(figure, "Mean score per criterion and theme (0–100)", "Theme", "Criterion")
