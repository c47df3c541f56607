"""calibrate_judges: each judge's offset with an interval and the reviews behind it."""

import numpy as np
import pandas as pd
import pytest

from civic_challenge.domain.calibration import CALIBRATION_COLUMNS, calibrate_judges


def reviews(*rows):
    """rows: (proposal_id, judge_id, total)."""
    return pd.DataFrame(rows, columns=["proposal_id", "judge_id", "total"])


def noisy_panel(seed=1):
    """Judge 3 is 12 points more generous than the others; each proposal has 3 of 5 judges."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(200):
        quality = rng.uniform(30, 70)
        for j in rng.choice(5, 3, replace=False) + 1:
            lean = 12.0 if j == 3 else -3.0
            rows.append((p, j, quality + lean + rng.normal(0, 4)))
    return reviews(*rows)


def test_a_generous_judge_stands_out_with_a_tight_interval():
    table = calibrate_judges(noisy_panel()).table
    assert list(table.columns) == CALIBRATION_COLUMNS
    assert table.loc[3, "offset"] == pytest.approx(12.0, abs=1.0)
    assert table.loc[1, "offset"] == pytest.approx(-3.0, abs=1.0)
    assert (table["low"] < table["offset"]).all()
    assert (table["offset"] < table["high"]).all()
    assert table.loc[3, "low"] > table.drop(3)["high"].max()


def test_counts_say_how_many_reviews_lie_behind_each_offset():
    frame = reviews((1, 1, 50), (1, 2, 60), (2, 1, 40), (3, 2, 30), (3, 1, 35))
    table = calibrate_judges(frame).table
    assert list(table["n_reviews"]) == [3, 2]
    assert list(table["n_shared"]) == [2, 2]
    assert list(table["mean_total"]) == pytest.approx([125 / 3, 45.0])


def test_fewer_reviews_give_a_wider_interval_not_a_refusal():
    frame = pd.concat([noisy_panel(), reviews((0, 9, 50.0), (1, 9, 50.0))])
    calibration = calibrate_judges(frame)
    assert calibration.refused_reason is None
    width = calibration.table["high"] - calibration.table["low"]
    assert width.loc[9] > 2 * width.drop(9).max()


def test_a_wider_level_gives_a_wider_interval():
    narrow = calibrate_judges(noisy_panel(), level=0.5).table
    wide = calibrate_judges(noisy_panel(), level=0.99).table
    assert ((wide["high"] - wide["low"]) > (narrow["high"] - narrow["low"])).all()


def test_a_disconnected_panel_has_counts_but_no_offsets():
    frame = reviews((1, 1, 50), (1, 2, 60), (2, 3, 40), (2, 4, 30))
    calibration = calibrate_judges(frame)
    assert "fall into 2 groups" in calibration.refused_reason
    assert calibration.table["offset"].isna().all()
    assert list(calibration.table["n_reviews"]) == [1, 1, 1, 1]


def test_a_judge_with_identical_totals_breaks_nothing():
    frame = noisy_panel()
    frame.loc[frame["judge_id"] == 2, "total"] = 50.0
    table = calibrate_judges(frame).table
    assert np.isfinite(table[["offset", "low", "high"]].to_numpy()).all()


def test_no_reviews_give_an_empty_table():
    calibration = calibrate_judges(reviews())
    assert calibration.table.empty
    assert calibration.refused_reason is None


@pytest.mark.parametrize("level", [0, 1, 1.5])
def test_a_level_outside_zero_to_one_is_refused(level):
    with pytest.raises(ValueError, match="level"):
        calibrate_judges(noisy_panel(), level=level)


def test_a_small_panel_uses_the_t_quantile_for_its_few_degrees_of_freedom():
    from scipy import stats

    frame = reviews(
        (1, 1, 60), (1, 2, 66), (2, 1, 50), (2, 2, 58), (3, 1, 70), (3, 3, 71), (4, 2, 40),
        (4, 3, 45),
    )  # fmt: skip
    table = calibrate_judges(frame).table
    freedom = len(frame) - 4 - (3 - 1)
    half = (table["high"] - table["low"]) / 2
    expected = stats.t.ppf(0.975, freedom) * table["standard_error"]
    assert half.to_numpy() == pytest.approx(expected.to_numpy())
    assert (half > 1.96 * table["standard_error"]).all()
