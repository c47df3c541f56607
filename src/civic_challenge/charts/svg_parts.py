"""The pieces every chart of the printable report is drawn with (charts.report_svg): the plot
area, text read back from plotly and escaped once for the page, axes, legends and wrapping."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

WIDTH, HEIGHT = 1000, 460
LEFT, RIGHT, TOP, BOTTOM = 90, 20, 50, 120  # the plot area's margins; the legend is below it
FONT = 'font-family="sans-serif"'
# Bar patterns as in the dashboard (never colour alone): plotly's shape -> SVG strokes in a tile.
PATTERN_STROKES = {
    "/": ["M0,8 L8,0"],
    "\\": ["M0,0 L8,8"],
    "x": ["M0,8 L8,0", "M0,0 L8,8"],
    "+": ["M4,0 L4,8", "M0,4 L8,4"],
    "-": ["M0,4 L8,4"],
    "|": ["M4,0 L4,8"],
}


def svg_text(value: object) -> str:
    """Chart text for SVG. plotly.js reads `&lt;`, `&gt;` and `&amp;` in a figure's text back
    into the characters (charts.text escapes people's words so), so they are read back here
    too, then escaped once for the page: a name shows exactly as typed, as on the dashboard."""
    return html.escape(html.unescape(str(value)), quote=True)


def label_lines(label: object) -> list[str]:
    """A plotly label's lines without its own markup (<b>, <br>); escaped words stay text."""
    return [re.sub(r"<[^>]+>", "", part) for part in re.split(r"<br\s*/?>", str(label))]


def nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if value <= m * power)


def axis_number(value: float, prefix: str = "") -> str:
    return f"{prefix}{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"


def frame(index: int, title: str, alternative: str, body: str) -> str:
    return (
        f'<svg role="img" aria-labelledby="chart{index}-title" '
        f'aria-describedby="chart{index}-desc" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" {FONT} font-size="13">'
        f'<title id="chart{index}-title">{svg_text(title)}</title>'
        f'<desc id="chart{index}-desc">{svg_text(alternative)}</desc>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>'
        f'<text x="{LEFT}" y="28" font-size="17">{svg_text(title)}</text>{body}</svg>'
    )


def axis_titles(figure: go.Figure) -> str:
    x_title = figure.layout.xaxis.title.text or ""
    y_title = figure.layout.yaxis.title.text or ""
    middle = TOP + (HEIGHT - TOP - BOTTOM) / 2
    return (
        f'<text x="{LEFT + (WIDTH - LEFT - RIGHT) / 2}" y="{HEIGHT - BOTTOM + 48}" '
        f'text-anchor="middle">{svg_text(x_title)}</text>'
        f'<text transform="translate(18,{middle}) rotate(-90)" text-anchor="middle">'
        f"{svg_text(y_title)}</text>"
    )


def legend_svg(entries: Sequence[tuple[str, str]], fills: dict[str, str]) -> str:
    """One row below the plot: a swatch (the series' fill) and its name."""
    parts, x = [], LEFT
    y = HEIGHT - 36
    for name, kind in entries:
        if kind == "target":
            parts.append(
                f'<line x1="{x}" y1="{y + 6}" x2="{x + 22}" y2="{y + 6}" stroke="#000" '
                'stroke-width="3"/>'
            )
        else:
            parts.append(
                f'<rect x="{x}" y="{y}" width="22" height="12" fill="{fills[name]}" stroke="#333"/>'
            )
        parts.append(f'<text x="{x + 28}" y="{y + 11}">{svg_text(name)}</text>')
        x += 40 + 7.5 * len(name)
    return "".join(parts)


def y_axis(top: float, prefix: str) -> tuple[str, float, float]:
    bottom_y, top_y = HEIGHT - BOTTOM, TOP
    parts = []
    for step in range(6):
        value = top * step / 5
        y = bottom_y - (bottom_y - top_y) * step / 5
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#DDDDDD"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{axis_number(value, prefix)}'
            "</text>"
        )
    return "".join(parts), bottom_y, top_y


def wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3] or [""]
