"""The printable report's charts as inline SVG, drawn in Python from the dashboard's own plotly
figures (their traces' numbers, names, labels and colours, and the layout's titles).

No browser and nothing fetched: a chart takes milliseconds, and the page stays one
self-contained file that prints as it shows. Each chart is an <svg role="img"> with a <title>
and a <desc> that states its numbers as text. Three shapes cover the report's figures: grouped
bars with an optional target marker (pipeline, money, scores), the borough tile grid, and a
step line with a deadline (submissions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from plotly.colors import sample_colorscale

from civic_challenge.charts.svg_parts import (
    HEIGHT,
    LEFT,
    PATTERN_STROKES,
    RIGHT,
    TOP,
    WIDTH,
    axis_number,
    axis_titles,
    frame,
    label_lines,
    legend_svg,
    nice_top,
    svg_text,
    wrap,
    y_axis,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go


def grouped_bars(figure: go.Figure, index: int) -> tuple[str, str]:
    """Bars grouped by category (each bar labelled with its text), targets as black dashes."""
    bars = [t for t in figure.data if t.type == "bar"]
    targets = [t for t in figure.data if t.type == "scatter"]
    categories: list[str] = []
    for trace in bars + targets:
        categories += [str(c) for c in trace.x if str(c) not in categories]
    prefix = figure.layout.yaxis.tickprefix or ""
    unit = "%" if "(%)" in (figure.layout.yaxis.title.text or "") else ""
    values = [float(v) for t in bars + targets for v in t.y if v is not None and not pd.isna(v)]
    top = nice_top(max(values, default=0) * 1.12)
    grid, bottom_y, top_y = y_axis(top, prefix)
    slot = (WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    bar_width = slot * 0.8 / max(len(bars), 1)

    def y_of(value: float) -> float:
        return bottom_y - (bottom_y - top_y) * min(value, top) / top

    defs, body, fills, facts = [], [], {}, []
    for number, trace in enumerate(bars):
        colour = trace.marker.color or "#777777"
        shape = trace.marker.pattern.shape if trace.marker.pattern else ""
        fill = colour
        if shape in PATTERN_STROKES or shape == ".":
            marks = (
                '<circle cx="4" cy="4" r="1.4" fill="#000"/>'
                if shape == "."
                else "".join(
                    f'<path d="{d}" stroke="#000" stroke-width="1"/>'
                    for d in PATTERN_STROKES[shape]
                )
            )
            pattern_id = f"chart{index}-pattern{number}"
            defs.append(
                f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">'
                f'<rect width="8" height="8" fill="{colour}"/>{marks}</pattern>'
            )
            fill = f"url(#{pattern_id})"
        fills[trace.name] = fill
        texts = list(trace.text) if trace.text is not None else [""] * len(trace.x)
        for category, value, text in zip(trace.x, trace.y, texts, strict=True):
            value = 0.0 if value is None or pd.isna(value) else float(value)
            x = LEFT + slot * categories.index(str(category)) + slot * 0.1 + bar_width * number
            y = y_of(value)
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
                f'height="{bottom_y - y:.1f}" fill="{fill}" stroke="#333" stroke-width="0.5"/>'
            )
            if text:
                body.append(
                    f'<text x="{x + bar_width / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                    f'font-size="11">{svg_text(text)}</text>'
                )
            amount = f"{axis_number(value, prefix)}{unit}"
            shown = amount if not text or text == amount else f"{text} ({amount})" if unit else text
            facts.append(f"{category}, {trace.name}: {shown}")
    for trace in targets:
        for category, value in zip(trace.x, trace.y, strict=True):
            if value is None or pd.isna(value):
                continue
            x = LEFT + slot * categories.index(str(category))
            y = y_of(float(value))
            body.append(
                f'<line x1="{x + slot * 0.05:.1f}" y1="{y:.1f}" x2="{x + slot * 0.95:.1f}" '
                f'y2="{y:.1f}" stroke="#000" stroke-width="3"/>'
            )
            facts.append(f"{category}, {trace.name}: {axis_number(float(value), prefix)}{unit}")
    for number, category in enumerate(categories):
        centre = LEFT + slot * (number + 0.5)
        for line, words in enumerate(wrap(category, max(int(slot / 7.5), 8))):
            body.append(
                f'<text x="{centre:.1f}" y="{bottom_y + 16 + 14 * line}" text-anchor="middle" '
                f'font-size="12">{svg_text(words)}</text>'
            )
    body.append(
        f'<line x1="{LEFT}" y1="{bottom_y}" x2="{WIDTH - RIGHT}" y2="{bottom_y}" stroke="#000"/>'
    )
    legend = legend_svg(
        [(t.name, "bar") for t in bars] + [(t.name, "target") for t in targets], fills
    )
    svg = f"<defs>{''.join(defs)}</defs>{grid}{''.join(body)}{axis_titles(figure)}{legend}"
    return svg, "; ".join(facts) + "."


def tile_grid(figure: go.Figure, index: int) -> tuple[str, str]:
    """One square per borough at its tile position, shaded by its proposals, with its label."""
    trace = figure.data[0]
    counts = [float(v) for v in trace.marker.color]
    top = max(max(counts, default=0), 1.0)
    scale = [list(pair) for pair in trace.marker.colorscale]
    shades = sample_colorscale(scale, [c / top for c in counts])
    text_colours = trace.textfont.color
    side = min((WIDTH - LEFT - RIGHT) / 8.2, (HEIGHT - TOP - 60) / 7.2)
    left = LEFT + ((WIDTH - LEFT - RIGHT) - side * 8.2) / 2
    body, facts = [], []
    for number, (col, row, label) in enumerate(zip(trace.x, trace.y, trace.text, strict=True)):
        x = left + (float(col) + 0.6) * side - side * 0.47
        y = TOP + (float(row) + 0.6) * side - side * 0.47
        lines = label_lines(label)
        colour = text_colours[number] if isinstance(text_colours, Sequence) else "#000000"
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{side * 0.94:.1f}" height="{side * 0.94:.1f}" '
            f'fill="{shades[number]}" stroke="#000"/>'
        )
        for line, words in enumerate(lines):
            baseline = y + side * 0.47 + 13 * (line - (len(lines) - 1) / 2) + 4
            body.append(
                f'<text x="{x + side * 0.47:.1f}" y="{baseline:.1f}" text-anchor="middle" '
                f'font-size="11" fill="{colour}">{svg_text(words)}</text>'
            )
        _code, name, proposals, winners = trace.customdata[number]
        facts.append(f"{name}: {proposals} proposals" + (f", {winners} won" if winners else ""))
    note = (
        f'<text x="{LEFT}" y="{HEIGHT - 12}">Darker squares: more proposals (most: '
        f"{top:,.0f}). {svg_text(figure.layout.xaxis.title.text or '')}.</text>"
    )
    return "".join(body) + note, "Proposals per borough. " + "; ".join(facts) + "."


def step_line(figure: go.Figure, index: int) -> tuple[str, str]:
    """The cumulative line (steps), and the deadline as a labelled dashed vertical line."""
    trace = figure.data[0]
    days = [pd.Timestamp(d) for d in trace.x]
    counts = [float(v) for v in trace.y]
    start, end = (pd.Timestamp(v) for v in figure.layout.xaxis.range)
    if start.tzinfo is None and days and days[0].tzinfo is not None:
        start, end = start.tz_localize(days[0].tzinfo), end.tz_localize(days[0].tzinfo)
    top = nice_top(max(counts, default=0) * 1.1)
    grid, bottom_y, top_y = y_axis(top, "")
    span = max((end - start).total_seconds(), 1.0)

    def x_of(moment: pd.Timestamp) -> float:
        if moment.tzinfo is None and start.tzinfo is not None:
            moment = moment.tz_localize(start.tzinfo)
        share = (moment - start).total_seconds() / span
        return LEFT + (WIDTH - LEFT - RIGHT) * min(max(share, 0.0), 1.0)

    def y_of(value: float) -> float:
        return bottom_y - (bottom_y - top_y) * value / top

    points: list[str] = []
    for number, (day, count) in enumerate(zip(days, counts, strict=True)):
        if number:
            points.append(f"{x_of(day):.1f},{y_of(counts[number - 1]):.1f}")
        points.append(f"{x_of(day):.1f},{y_of(count):.1f}")
    colour = trace.line.color or "#0072B2"
    body = [
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"/>'
    ]
    body += [
        f'<circle cx="{x_of(d):.1f}" cy="{y_of(c):.1f}" r="3" fill="{colour}"/>'
        for d, c in zip(days, counts, strict=True)
    ]
    for step in range(6):
        moment = start + (end - start) * step / 5
        anchor = "end" if step == 5 else "middle"
        body.append(
            f'<text x="{x_of(moment):.1f}" y="{bottom_y + 18}" text-anchor="{anchor}">'
            f"{moment:%d %b %Y}</text>"
        )
    deadline_text = ""
    for shape, annotation in zip(figure.layout.shapes, figure.layout.annotations, strict=False):
        x = x_of(pd.Timestamp(shape.x0))
        body.append(
            f'<line x1="{x:.1f}" y1="{top_y}" x2="{x:.1f}" y2="{bottom_y}" stroke="#D55E00" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{x - 4:.1f}" y="{top_y - 4}" text-anchor="end" fill="#A0400A">'
            f"{svg_text(annotation.text)}</text>"
        )
        deadline_text = f" {annotation.text}."
    body.append(
        f'<line x1="{LEFT}" y1="{bottom_y}" x2="{WIDTH - RIGHT}" y2="{bottom_y}" stroke="#000"/>'
    )
    if days:
        facts = (
            f"{counts[-1]:,.0f} proposals submitted by {days[-1]:%d %B %Y}, from "
            f"{counts[0]:,.0f} on {days[0]:%d %B %Y}, over {len(days)} days with submissions."
        )
    else:
        facts = "No proposals submitted yet."
    svg = f"{grid}{''.join(body)}{axis_titles(figure)}"
    return svg, facts + deadline_text


def chart_svg(figure: go.Figure, index: int, title: str) -> str:
    """The figure as one inline <svg> titled as the figure (else `title`), with a text
    alternative of its numbers."""
    if not figure.data:
        raise ValueError(f"The chart {title!r} has no data to draw.")
    kinds = {t.type for t in figure.data}
    first = figure.data[0]
    if "bar" in kinds and kinds <= {"bar", "scatter"}:
        body, alternative = grouped_bars(figure, index)
    elif kinds == {"scatter"} and first.marker.symbol == "square":
        body, alternative = tile_grid(figure, index)
    elif kinds == {"scatter"} and "lines" in (first.mode or ""):
        body, alternative = step_line(figure, index)
    else:
        shown = ", ".join(sorted(kinds))
        raise ValueError(f"The report cannot draw the chart {title!r} (a {shown} figure).")
    return frame(index, figure.layout.title.text or title, alternative, body)
