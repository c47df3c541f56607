"""The ranking with its intervals and the shortlist cut line, as a plotly figure."""

import pandas as pd
import plotly.graph_objects as go

RANKING_COLUMNS = ["reference", "score", "score_low", "score_high", "raw_score", "flags"]


def ranking_figure(
    frame: pd.DataFrame, *, k: int, level: float = 0.95, show_raw: bool = True
) -> go.Figure:
    """One point per proposal at its place in the ranking, with its interval as error bars.

    Input: a long frame, one row per proposal, best first, with RANKING_COLUMNS (scores 0-100;
    `flags` is text, empty when there is none). Places 1..k are drawn as filled circles, the
    rest as open ones, and the cut is a dashed line between places k and k+1, so being in or
    out never rests on colour. Flagged proposals get a small triangle above their interval;
    `show_raw` adds the raw score as a cross beside each adjusted point.
    """
    missing = [c for c in RANKING_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"The ranking frame has no column {', '.join(missing)}")
    data = frame.reset_index(drop=True).assign(place=lambda f: f.index + 1)
    figure = go.Figure()
    inside = data.place <= k
    _points(figure, data[inside], f"Top {k} (shortlist by rank)", "circle")
    _points(figure, data[~inside], "Below the cut", "circle-open")
    if show_raw:
        figure.add_trace(
            go.Scatter(
                x=data.place,
                y=data.raw_score,
                mode="markers",
                name="Raw score",
                marker={"symbol": "x-thin-open", "size": 8, "color": "#555555"},
                customdata=data.reference,
                hovertemplate="%{customdata}: raw %{y:.1f}<extra></extra>",
            )
        )
    flagged = data[data["flags"].astype(str) != ""]
    figure.add_trace(
        go.Scatter(
            x=flagged.place,
            y=(flagged.score_high + 3).clip(upper=104),
            mode="markers",
            name="Flagged (see Flags in the table)",
            marker={"symbol": "triangle-down", "size": 7, "color": "#b35c00"},
            customdata=flagged[["reference", "flags"]].to_numpy(),
            hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
        )
    )
    if 0 < k < len(data):
        figure.add_vline(
            x=k + 0.5,
            line={"dash": "dash", "color": "#333333"},
            annotation_text=f"Shortlist cut (top {k})",
            annotation_position="top right",
        )
    figure.update_layout(
        title=f"Ranking with {level:.0%} intervals",
        xaxis_title="Place in the ranking (1 = best)",
        yaxis_title="Score (0-100)",
        yaxis={"range": [0, 106]},  # the scale, and room for the flag marks above 100
        legend={"orientation": "h", "y": -0.2},
        margin={"t": 60},
    )
    return figure


def _points(figure: go.Figure, part: pd.DataFrame, name: str, symbol: str) -> None:
    figure.add_trace(
        go.Scatter(
            x=part.place,
            y=part.score,
            mode="markers",
            name=name,
            marker={"symbol": symbol, "size": 9, "color": "#1f4e79"},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (part.score_high - part.score).clip(lower=0),
                "arrayminus": (part.score - part.score_low).clip(lower=0),
                "thickness": 1,
            },
            customdata=part[["reference", "score_low", "score_high"]].to_numpy(),
            hovertemplate=(
                "%{customdata[0]}: %{y:.1f} (%{customdata[1]:.1f} to %{customdata[2]:.1f})"
                "<extra></extra>"
            ),
        )
    )
