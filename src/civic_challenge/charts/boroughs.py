"""London's boroughs: an equal-square tile grid, and a map from boundary rings; no geo traces.

Geographic traces (choropleth, scattergeo) fetch a world map from a CDN even with the base map
hidden, so both charts are plain scatters: squares for the grid, filled polygons for the map.
"""

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from civic_challenge.charts.layout import FONT

COLOURSCALE = "Blues"
# Three-letter codes as on the usual London tile maps.
ABBREVIATIONS = {
    "E09000001": "CTY",
    "E09000002": "BAR",
    "E09000003": "BRN",
    "E09000004": "BXL",
    "E09000005": "BRT",
    "E09000006": "BRM",
    "E09000007": "CMD",
    "E09000008": "CRD",
    "E09000009": "EAL",
    "E09000010": "ENF",
    "E09000011": "GRN",
    "E09000012": "HCK",
    "E09000013": "HMS",
    "E09000014": "HGY",
    "E09000015": "HRW",
    "E09000016": "HAV",
    "E09000017": "HDN",
    "E09000018": "HNS",
    "E09000019": "ISL",
    "E09000020": "KNS",
    "E09000021": "KTN",
    "E09000022": "LAM",
    "E09000023": "LEW",
    "E09000024": "MRT",
    "E09000025": "NWM",
    "E09000026": "RDB",
    "E09000027": "RCH",
    "E09000028": "SWK",
    "E09000029": "STN",
    "E09000030": "TOW",
    "E09000031": "WTH",
    "E09000032": "WND",
    "E09000033": "WST",
}


def abbreviation(code: str, name: str) -> str:
    return ABBREVIATIONS.get(code, name[:3].upper())


def _text_colour(value: float, top: float) -> str:
    return "#FFFFFF" if top and value / top > 0.55 else "#000000"


def tile_grid(boroughs: pd.DataFrame, *, selected: tuple[str, ...] = ()) -> go.Figure:
    """One equal square per borough, shaded and labelled by its proposals; winners as a count.

    boroughs: code, name, tile_row, tile_col, proposals, winners (domain.dashboard.borough_counts).
    Point i of the first trace is row i of `boroughs`; its customdata[0] is the GSS code, which
    is how a click is read back. Boroughs in `selected` get a thick outline.
    """
    top = float(boroughs["proposals"].max() or 0)
    labels = [
        f"<b>{abbreviation(c, n)}</b><br>{p}" + (f"<br>{w} won" if w else "")
        for c, n, p, w in zip(
            boroughs["code"],
            boroughs["name"],
            boroughs["proposals"],
            boroughs["winners"],
            strict=True,
        )
    ]
    figure = go.Figure(
        go.Scatter(
            name="Proposals piloting in the borough",
            x=boroughs["tile_col"],
            y=boroughs["tile_row"],
            mode="markers+text",
            text=labels,
            textfont={
                "size": 11,
                "color": [_text_colour(v, top) for v in boroughs["proposals"]],
            },
            customdata=boroughs[["code", "name", "proposals", "winners"]].to_numpy(),
            marker={
                "symbol": "square",
                "size": 50,
                "color": boroughs["proposals"],
                "colorscale": COLOURSCALE,
                "cmin": 0,
                "cmax": max(top, 1),
                "line": {
                    "color": "#000000",
                    "width": [4 if c in selected else 1 for c in boroughs["code"]],
                },
                "colorbar": {"title": {"text": "Proposals"}},
            },
            hovertemplate=(
                "%{customdata[1]}: %{customdata[2]} proposals, %{customdata[3]} winners"
                "<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(
        showgrid=False, zeroline=False, showticklabels=False, range=[-0.6, 7.6], title=None
    )
    figure.update_yaxes(
        showgrid=False,
        zeroline=False,
        showticklabels=False,
        range=[6.6, -0.6],
        scaleanchor="x",
        scaleratio=1,
        title=None,
    )
    figure.update_layout(
        title={"text": "Proposals and winners per borough (pilot boroughs; one square each)"},
        xaxis_title="Tile grid of London's boroughs, west to east",
        yaxis_title="North to south",
        font=FONT,
        height=520,
        margin={"t": 60, "l": 40, "r": 20, "b": 40},
        plot_bgcolor="#FFFFFF",
    )
    return figure


def borough_map(rings: pd.DataFrame, boroughs: pd.DataFrame) -> go.Figure:
    """Boroughs as filled polygons shaded by proposals, each labelled with its count.

    rings: code, name, lon, lat with NaN rows between rings (domain.boundaries.boundary_rings);
    boroughs: code, proposals, winners.
    """
    counts = boroughs.set_index("code")
    top = float(counts["proposals"].max() or 0)
    figure = go.Figure()
    labels = []
    for code, points in rings.groupby("code", sort=True):
        proposals = int(counts["proposals"].get(code, 0))
        winners = int(counts["winners"].get(code, 0))
        name = str(points["name"].iloc[0])
        colour = sample_colorscale(COLOURSCALE, [proposals / top if top else 0])[0]
        figure.add_trace(
            go.Scatter(
                x=points["lon"],
                y=points["lat"],
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": "#333333", "width": 1},
                name=name,
                showlegend=False,
                hoverinfo="text",
                text=f"{name}: {proposals} proposals, {winners} winners",
            )
        )
        labels.append(
            (points["lon"].mean(), points["lat"].mean(), abbreviation(str(code), name), proposals)
        )
    if labels:
        frame = pd.DataFrame(labels, columns=["lon", "lat", "abbreviation", "proposals"])
        figure.add_trace(
            go.Scatter(
                x=frame["lon"],
                y=frame["lat"],
                mode="text",
                text=[
                    f"{a}<br>{p}" for a, p in zip(frame.abbreviation, frame.proposals, strict=True)
                ],
                textfont={
                    "size": 10,
                    "color": [_text_colour(v, top) for v in frame["proposals"]],
                },
                showlegend=False,
                hoverinfo="skip",
            )
        )
    figure.update_xaxes(showgrid=False, zeroline=False, showticklabels=False)
    # At London's latitude a degree of longitude is about 0.62 of a degree of latitude.
    figure.update_yaxes(
        showgrid=False, zeroline=False, showticklabels=False, scaleanchor="x", scaleratio=1.6
    )
    figure.update_layout(
        title={"text": "Proposals per borough (map)"},
        xaxis_title="West to east",
        yaxis_title="South to north",
        font=FONT,
        height=560,
        margin={"t": 60, "l": 40, "r": 20, "b": 40},
        plot_bgcolor="#FFFFFF",
    )
    return figure
