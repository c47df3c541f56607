"""The ranking and calibration charts: traces, values, titles and the cut line from known frames."""

import math

import pandas as pd
import pytest

from civic_challenge.charts.calibration import calibration_figure
from civic_challenge.charts.ranking import ranking_figure

RANKING = pd.DataFrame(
    {
        "reference": ["CIC-1", "CIC-2", "CIC-3", "CIC-4"],
        "score": [80.0, 70.0, 65.0, 40.0],
        "score_low": [75.0, 60.0, 55.0, 35.0],
        "score_high": [85.0, 78.0, 72.0, 44.0],
        "raw_score": [82.0, 66.0, 70.0, 41.0],
        "flags": ["", "Judges disagree", "", ""],
    }
)
CALIBRATION = pd.DataFrame(
    {
        "judge": ["Ann", "Ben", "Cat"],
        "n_reviews": [10, 12, 2],
        "offset": [5.0, -5.0, math.nan],
        "low": [1.0, -8.0, math.nan],
        "high": [9.0, -2.0, math.nan],
    }
)


def _trace(figure, name):
    return next(t for t in figure.data if t.name == name)


def test_ranking_splits_the_points_at_the_cut_with_different_symbols():
    figure = ranking_figure(RANKING, k=2)
    top, below = _trace(figure, "Top 2 (shortlist by rank)"), _trace(figure, "Below the cut")
    assert list(top.x) == [1, 2] and list(top.y) == [80.0, 70.0]
    assert list(below.x) == [3, 4]
    assert top.marker.symbol == "circle" and below.marker.symbol == "circle-open"


def test_ranking_error_bars_reach_the_interval_ends():
    top = _trace(ranking_figure(RANKING, k=2), "Top 2 (shortlist by rank)")
    assert list(top.error_y.array) == [5.0, 8.0]
    assert list(top.error_y.arrayminus) == [5.0, 10.0]


def test_ranking_draws_the_cut_line_between_k_and_k_plus_one():
    figure = ranking_figure(RANKING, k=2)
    [line] = figure.layout.shapes
    assert line.x0 == line.x1 == 2.5 and line.line.dash == "dash"
    assert figure.layout.annotations[0].text == "Shortlist cut (top 2)"


def test_no_cut_line_when_everyone_is_in():
    assert ranking_figure(RANKING, k=4).layout.shapes == ()


def test_ranking_marks_flagged_proposals_and_shows_raw_scores():
    figure = ranking_figure(RANKING, k=2)
    flagged = _trace(figure, "Flagged (see Flags in the table)")
    assert list(flagged.x) == [2] and list(flagged.y) == [81.0]
    assert flagged.marker.symbol == "triangle-down"
    assert list(_trace(figure, "Raw score").y) == [82.0, 66.0, 70.0, 41.0]
    assert "Raw score" not in {t.name for t in ranking_figure(RANKING, k=2, show_raw=False).data}


def test_ranking_titles_say_what_is_drawn():
    figure = ranking_figure(RANKING, k=2, level=0.9)
    assert figure.layout.title.text == "Ranking with 90% intervals"
    assert figure.layout.xaxis.title.text == "Place in the ranking (1 = best)"
    assert figure.layout.yaxis.title.text == "Score (0-100)"


def test_a_frame_without_its_columns_is_refused_by_name():
    with pytest.raises(ValueError, match="score_low"):
        ranking_figure(RANKING.drop(columns="score_low"), k=1)
    with pytest.raises(ValueError, match="offset"):
        calibration_figure(CALIBRATION.drop(columns="offset"))


def test_calibration_shows_offsets_with_intervals_and_labels():
    figure = calibration_figure(CALIBRATION)
    [trace] = figure.data
    assert list(trace.y) == ["Ann", "Ben", "Cat"]
    assert list(trace.x[:2]) == [5.0, -5.0]
    assert list(trace.error_x.array[:2]) == [4.0, 3.0]
    assert list(trace.error_x.arrayminus[:2]) == [4.0, 3.0]
    assert list(trace.text) == ["+5.0 (10 reviews)", "-5.0 (12 reviews)", "unknown (2 reviews)"]


def test_calibration_has_a_zero_line_and_titles():
    figure = calibration_figure(CALIBRATION)
    [line] = figure.layout.shapes
    assert line.x0 == line.x1 == 0
    assert figure.layout.title.text.startswith("Judge calibration")
    assert "more generous" in figure.layout.xaxis.title.text
    assert figure.layout.yaxis.title.text == "Judge"
