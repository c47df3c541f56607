"""The dashboard's charts: traces, values and titles from known frames; no geo traces."""

import pandas as pd
import pytest

from civic_challenge.charts import boroughs, dashboard

COVERAGE = pd.DataFrame(
    {
        "stage": ["submitted", "submitted", "eligible", "eligible"],
        "theme_key": ["climate", "ageing"] * 2,
        "theme_name": ["Climate", "Ageing"] * 2,
        "proposals": [3, 1, 2, 0],
        "stage_proposals": [4, 4, 2, 2],
        "proposal_share": [0.75, 0.25, 1.0, 0.0],
        "target_award_share": [0.5, 0.5, 0.5, 0.5],
    }
)
MONEY = pd.DataFrame(
    {
        "theme_key": ["climate"] * 3,
        "theme_name": ["Climate"] * 3,
        "measure": ["Requested", "Shortlisted", "Awarded"],
        "pence": [3_000_000, 1_500_000, 0],
        "target_pence": [10_000_000] * 3,
    }
)
GRID = pd.DataFrame(
    {
        "code": ["E09000012", "E09000033"],
        "name": ["Hackney", "Westminster"],
        "tile_row": [2, 3],
        "tile_col": [5, 3],
        "proposals": [4, 1],
        "winners": [1, 0],
    }
)


def titled(figure):
    layout = figure.layout
    assert layout.title.text and layout.xaxis.title.text and layout.yaxis.title.text
    return layout.title.text


def test_pipeline_has_a_bar_per_stage_and_a_target_marker():
    figure = dashboard.pipeline_chart(COVERAGE)
    assert "target" in titled(figure).lower()
    names = [trace.name for trace in figure.data]
    assert names == ["Submitted", "Eligible", "Shortlisted", "Awarded", "Target share of awards"]
    submitted = figure.data[0]
    assert list(submitted.x) == ["Climate", "Ageing"] and list(submitted.y) == [75.0, 25.0]
    assert list(submitted.text) == ["3", "1"]
    assert list(figure.data[-1].y) == [50.0, 50.0]
    assert figure.data[1].marker.pattern.shape == "/"  # not colour alone


def test_money_chart_is_in_pounds_against_the_budget_split():
    figure = dashboard.money_chart(MONEY)
    titled(figure)
    requested = figure.data[0]
    assert requested.name == "Requested" and list(requested.y) == [30_000.0]
    assert list(requested.text) == ["£30k"]
    assert figure.data[-1].name == "Budget split (target)" and list(figure.data[-1].y) == [
        100_000.0
    ]


def test_score_histogram_draws_pre_binned_counts():
    bins = pd.DataFrame(
        {
            "theme_key": ["climate", "climate"],
            "theme_name": ["Climate", "Climate"],
            "bin_start": [0, 10],
            "bin_end": [10, 20],
            "proposals": [2, 0],
        }
    )
    figure = dashboard.score_histogram(bins, {"climate": "#009E73"})
    titled(figure)
    (bar,) = figure.data
    assert list(bar.x) == ["0–10", "10–20"] and list(bar.y) == [2, 0]
    assert bar.marker.color == "#009E73"


def test_heatmap_labels_every_cell():
    means = pd.DataFrame(
        {
            "criterion_name": ["Impact", "Impact", "Value"],
            "theme_name": ["Climate", "Ageing", "Climate"],
            "mean_score": [60.0, 40.0, 55.0],
            "scores": [3, 2, 3],
        }
    )
    figure = dashboard.criterion_heatmap(means)
    titled(figure)
    (heat,) = figure.data
    assert list(heat.x) == ["Climate", "Ageing"] and list(heat.y) == ["Impact", "Value"]
    assert heat.z[0][0] == 60.0 and pd.isna(heat.z[1][1])
    assert heat.texttemplate == "%{z:.0f}"


def test_submissions_chart_marks_the_deadline():
    days = pd.DataFrame(
        {
            "day": pd.to_datetime(["2018-06-01", "2018-06-02"], utc=True),
            "submitted": [2, 1],
            "cumulative": [2, 3],
        }
    )
    deadline = pd.Timestamp("2018-06-30 16:00", tz="UTC").to_pydatetime()
    opens = pd.Timestamp("2018-06-01", tz="UTC").to_pydatetime()
    figure = dashboard.submissions_chart(days, opens_at=opens, deadline=deadline)
    titled(figure)
    assert list(figure.data[0].y) == [2, 3]
    (line,) = figure.layout.shapes
    assert line.type == "line" and pd.Timestamp(line.x0) == pd.Timestamp(deadline)
    assert "Deadline" in figure.layout.annotations[0].text


def test_judge_progress_and_coverage_charts():
    progress = pd.DataFrame(
        {
            "judge_id": [1] * 4,
            "judge_name": ["Ann"] * 4,
            "state": ["submitted", "started", "pending", "abstained"],
            "state_name": ["Submitted", "Started", "Not started", "Abstained"],
            "assignments": [3, 0, 1, 0],
            "done": [3] * 4,
            "total": [4] * 4,
        }
    )
    figure = dashboard.judge_progress_chart(progress)
    titled(figure)
    assert [t.name for t in figure.data] == ["Submitted", "Started", "Not started", "Abstained"]
    assert list(figure.data[0].x) == [3]
    coverage = pd.DataFrame(
        {
            "reviews": ["0", "1", "2 or more"],
            "proposals": [1, 0, 5],
            "complete": [False, False, True],
        }
    )
    many = pd.concat([progress.assign(judge_id=i, judge_name=f"J{i}") for i in range(40)])
    assert "30 furthest behind of 40" in dashboard.judge_progress_chart(many).layout.title.text
    figure = dashboard.coverage_chart(coverage, wanted=2)
    assert "2 reviews" in titled(figure)
    assert figure.layout.xaxis.type == "category"
    assert list(figure.data[1].x) == ["2 or more"] and list(figure.data[1].y) == [5]


def test_tile_grid_is_equal_squares_with_codes_to_click():
    figure = boroughs.tile_grid(GRID, selected=("E09000033",))
    titled(figure)
    (tiles,) = figure.data
    assert tiles.type == "scatter" and tiles.marker.symbol == "square"
    assert [row[0] for row in tiles.customdata] == ["E09000012", "E09000033"]
    assert tiles.text[0] == "<b>HCK</b><br>4<br>1 won" and tiles.text[1] == "<b>WST</b><br>1"
    assert list(tiles.marker.line.width) == [1, 4]
    assert figure.layout.yaxis.scaleanchor == "x"


def test_borough_map_is_filled_scatter_polygons_not_geo():
    rings = pd.DataFrame(
        {
            "code": ["E09000012"] * 4,
            "name": ["Hackney"] * 4,
            "lon": [0.0, 1.0, 1.0, float("nan")],
            "lat": [0.0, 0.0, 1.0, float("nan")],
        }
    )
    figure = boroughs.borough_map(rings, GRID)
    titled(figure)
    assert all(trace.type == "scatter" for trace in figure.data)
    assert figure.data[0].fill == "toself" and "4 proposals" in figure.data[0].text


@pytest.mark.parametrize(
    "build",
    [
        lambda: dashboard.pipeline_chart(COVERAGE),
        lambda: dashboard.money_chart(MONEY),
        lambda: boroughs.tile_grid(GRID),
    ],
)
def test_no_chart_uses_a_geographic_trace(build):
    assert not any(trace.type.startswith(("choropleth", "scattergeo")) for trace in build().data)
