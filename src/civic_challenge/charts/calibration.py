"""Judge calibration: each judge's offset from the panel with its interval, as a plotly figure."""

import pandas as pd
import plotly.graph_objects as go

from civic_challenge.charts.text import chart_texts

CALIBRATION_COLUMNS = ["judge", "n_reviews", "offset", "low", "high"]


def calibration_figure(frame: pd.DataFrame, *, level: float = 0.95) -> go.Figure:
    """One row per judge: the offset (points on the 0-100 scale, positive = more generous than
    the panel) with its interval as error bars, a zero line, and a text label with the number
    of reviews behind the estimate, so the reading never rests on colour.

    Input: a long frame, one row per judge, with CALIBRATION_COLUMNS. Judges whose offset is
    unknown (NaN) are listed with no point. Judges are drawn in the frame's order, top down.
    """
    missing = [c for c in CALIBRATION_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"The calibration frame has no column {', '.join(missing)}")
    data = frame.reset_index(drop=True)
    labels = [
        f"{offset:+.1f} ({n} reviews)" if pd.notna(offset) else f"unknown ({n} reviews)"
        for offset, n in zip(data.offset, data.n_reviews, strict=True)
    ]
    figure = go.Figure(
        go.Scatter(
            x=data.offset,
            y=chart_texts(data.judge),
            mode="markers+text",
            name="Offset",
            text=labels,
            textposition="top center",
            marker={"symbol": "square", "size": 9, "color": "#1f4e79"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": data.high - data.offset,
                "arrayminus": data.offset - data.low,
                "thickness": 1,
            },
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.add_vline(
        x=0,
        line={"color": "#333333"},
        annotation_text="Panel average",
        annotation_position="bottom right",
    )
    figure.update_layout(
        title=f"Judge calibration: offset from the panel with {level:.0%} intervals",
        xaxis_title="Offset in points (positive = more generous than the panel)",
        yaxis_title="Judge",
        yaxis={"autorange": "reversed", "type": "category"},
        height=max(300, 40 * len(data) + 120),
        showlegend=False,
    )
    return figure
