"""The dashboard's pure aggregates and the boundary parser, on small known frames."""

import math

import pandas as pd
import pytest

from civic_challenge.domain.boundaries import BoundaryProblem, boundary_rings
from civic_challenge.domain.dashboard import (
    DashboardFilters,
    borough_counts,
    headline,
    judge_progress,
    latest_stage,
    money_by_theme,
    review_coverage,
    score_bins,
    submissions_by_day,
)
from civic_challenge.domain.priorities import priority_coverage

THEMES = pd.DataFrame(
    {
        "key": ["climate", "ageing"],
        "name": ["Climate", "Ageing"],
        "target_budget_share": [0.6, 0.4],
        "target_award_share": [0.5, 0.5],
    }
)


def proposals():
    return pd.DataFrame(
        {
            "proposal_id": [1, 2, 3, 4],
            "status": ["eligible", "eligible", "ineligible", "submitted"],
            "submitted_at": pd.to_datetime(
                ["2018-06-01 10:00", "2018-06-01 18:00", "2018-06-03 09:00", None], utc=True
            ),
            "amount_pence": [100, 200, 300, None],
            "statement_key": ["a", "b", "a", None],
            "theme_key": ["climate", "ageing", "climate", "climate"],
            "shortlisted": [True, True, False, False],
            "awarded": [True, False, False, False],
            "awarded_pence": [80, math.nan, math.nan, math.nan],
        }
    )


def test_filters_are_a_stable_cache_key():
    a = DashboardFilters.of(themes=["b", "a", "a"], boroughs=["E09000012"])
    b = DashboardFilters.of(themes=["a", "b"], boroughs=["E09000012"])
    assert a == b and hash(a) == hash(b) and a.themes == ("a", "b") and a.active
    assert not DashboardFilters().active


def test_headline_counts_money_and_awards():
    h = headline(proposals(), reviews_done=5, reviews_expected=8, budget_pence=1000)
    assert (h.proposals, h.eligible, h.requested_pence, h.awarded_pence) == (4, 2, 600, 80)


def test_money_by_theme_uses_awarded_amounts_and_budget_targets():
    money = money_by_theme(proposals(), THEMES, budget_pence=1000).set_index(
        ["theme_key", "measure"]
    )
    assert money.loc[("climate", "Requested"), "pence"] == 400
    assert money.loc[("climate", "Shortlisted"), "pence"] == 100
    assert money.loc[("climate", "Awarded"), "pence"] == 80
    assert money.loc[("ageing", "Shortlisted"), "target_pence"] == 400


@pytest.mark.parametrize(
    ("score", "bin_start"), [(0.0, 0), (9.99, 0), (10.0, 10), (99.5, 90), (100.0, 90)]
)
def test_score_bins_put_each_score_in_one_band(score, bin_start):
    bins = score_bins(pd.DataFrame({"theme_key": ["climate"], "score": [score]}), THEMES)
    hit = bins[bins["proposals"] > 0]
    assert list(hit["bin_start"]) == [bin_start] and list(hit["theme_key"]) == ["climate"]
    assert len(bins) == 20  # every band of both themes, zeros included


def test_borough_counts_cover_the_whole_grid_with_winners():
    grid = pd.DataFrame(
        {
            "code": ["A", "B", "C"],
            "name": ["a", "b", "c"],
            "tile_row": [0, 0, 1],
            "tile_col": [0, 1, 0],
        }
    )
    pilots = pd.DataFrame({"proposal_id": [1, 1, 2, 9], "borough_code": ["A", "B", "A", "C"]})
    counts = borough_counts(proposals(), pilots, grid).set_index("code")
    assert counts["proposals"].to_dict() == {"A": 2, "B": 1, "C": 0}
    assert counts["winners"].to_dict() == {"A": 1, "B": 1, "C": 0}


def test_submissions_by_day_are_cumulative():
    days = submissions_by_day(proposals())
    assert list(days["submitted"]) == [2, 1] and list(days["cumulative"]) == [2, 3]
    assert submissions_by_day(proposals().iloc[3:]).empty


def test_review_coverage_caps_at_the_target():
    coverage = review_coverage(pd.Series([0, 1, 3, 4, None]), wanted=3)
    assert list(coverage["reviews"]) == ["0", "1", "2", "3 or more"]
    assert list(coverage["proposals"]) == [2, 1, 0, 2]
    assert list(coverage["complete"]) == [False, False, False, True]


def test_judge_progress_puts_who_is_behind_first():
    counts = pd.DataFrame(
        {
            "judge_id": [1, 1, 2],
            "judge_name": ["Ann", "Ann", "Bob"],
            "state": ["submitted", "pending", "submitted"],
            "assignments": [1, 3, 4],
        }
    )
    progress = judge_progress(counts)
    assert progress["judge_name"].iloc[0] == "Ann" and len(progress) == 8
    ann = progress[progress["judge_name"] == "Ann"].set_index("state")["assignments"]
    assert ann.to_dict() == {"submitted": 1, "started": 0, "pending": 3, "abstained": 0}


def test_latest_stage_is_the_furthest_reached():
    from civic_challenge.domain.dashboard import stage_columns

    coverage = priority_coverage(stage_columns(proposals()), THEMES)
    assert latest_stage(coverage) == "awarded"
    none = proposals().assign(shortlisted=False, awarded=False, status="submitted")
    assert latest_stage(priority_coverage(stage_columns(none), THEMES)) == "submitted"


def feature(properties, geometry=None):
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry or {"type": "Polygon", "coordinates": [ring]},
    }


def test_rings_are_separated_and_unknown_boroughs_ignored():
    multi = {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 1], [0, 0]]]] * 2}
    document = {
        "features": [
            feature({"code": "A", "name": "a"}),
            feature({"code": "B", "name": "b"}, multi),
            feature({"code": "Z", "name": "z"}),
        ]
    }
    rings = boundary_rings(document, {"A", "B"})
    assert set(rings["code"]) == {"A", "B"}
    assert rings["lon"].isna().sum() == 3  # one separator after each ring


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ([], "not a GeoJSON FeatureCollection"),
        ({"features": [feature({"code": "A"})]}, "no 'code' and 'name' properties"),
        ({"features": [feature({"code": "A", "name": "a"}, {"type": "Point"})]}, "Polygon"),
        (
            {
                "features": [
                    feature(
                        {"code": "A", "name": "a"}, {"type": "Polygon", "coordinates": [[["x", 1]]]}
                    )
                ]
            },
            "not numbers",
        ),
        ({"features": [feature({"code": "Z", "name": "z"})]}, "none of its features"),
    ],
)
def test_unusable_documents_say_why(document, words):
    with pytest.raises(BoundaryProblem, match=words):
        boundary_rings(document, {"A"})
