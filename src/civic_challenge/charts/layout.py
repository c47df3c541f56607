"""What every dashboard figure shares: the font, the target marker, titles, legend and margins.

Each figure has a title and axis titles, and never relies on colour alone: bars carry their
numbers as text, series differ by pattern as well as colour, and the legend names them.
"""

import plotly.graph_objects as go

TARGET_MARKER = {
    "symbol": "line-ew-open",
    "size": 40,
    "color": "#000000",
    "line": {"width": 3, "color": "#000000"},
}
FONT = {"family": "sans-serif", "size": 13}


def lay_out(figure: go.Figure, title: str, x: str, y: str, **more: object) -> go.Figure:
    """Title, axis titles, font, a legend below the plot and margins; `more` overrides any."""
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
