"""fit_additive_model: total = proposal quality + judge offset, offsets summing to zero."""

import numpy as np
import pandas as pd
import pytest

from civic_challenge.domain.additive_model import fit_additive_model


def synthetic_panel(seed=4, proposals=400, judges=12, per_proposal=4, noise=3.0):
    """Known qualities and offsets; each proposal reviewed by `per_proposal` distinct judges."""
    rng = np.random.default_rng(seed)
    offsets = rng.normal(0, 6, judges)
    offsets -= offsets.mean()
    quality = rng.uniform(20, 80, proposals)
    panel = np.array([rng.choice(judges, per_proposal, replace=False) for _ in range(proposals)])
    proposal = np.repeat(np.arange(proposals), per_proposal)
    judge = panel.ravel()
    total = quality[proposal] + offsets[judge] + rng.normal(0, noise, len(judge))
    frame = pd.DataFrame({"proposal_id": proposal + 1000, "judge_id": judge + 1, "total": total})
    return frame, pd.Series(offsets, index=np.arange(judges) + 1), quality


def test_recovers_known_offsets_within_tolerance():
    frame, offsets, _ = synthetic_panel()
    fit = fit_additive_model(frame)
    assert np.abs(fit.offsets - offsets).max() < 1.0
    assert fit.offsets.sum() == pytest.approx(0.0, abs=1e-9)


def test_recovers_qualities_and_noise():
    frame, _, quality = synthetic_panel()
    fit = fit_additive_model(frame)
    assert np.abs(fit.quality.to_numpy() - quality).max() < 6.0
    assert fit.residual_variance == pytest.approx(9.0, rel=0.15)


def test_standard_errors_match_the_actual_errors():
    errors = []
    for seed in range(8):
        frame, offsets, _ = synthetic_panel(seed=seed, proposals=150)
        fit = fit_additive_model(frame)
        errors.append((fit.offsets - offsets) / fit.offset_standard_errors())
    z = pd.concat(errors)
    assert 0.7 < z.std() < 1.3


def test_a_noiseless_panel_is_fitted_exactly():
    frame, offsets, quality = synthetic_panel(noise=0.0, proposals=30)
    fit = fit_additive_model(frame)
    assert np.allclose(fit.offsets, offsets, atol=1e-9)
    assert np.allclose(fit.quality.to_numpy(), quality, atol=1e-9)


def test_a_disconnected_panel_raises():
    frame = pd.DataFrame(
        {"proposal_id": [1, 1, 2, 2], "judge_id": [1, 2, 3, 4], "total": [1.0, 2, 3, 4]}
    )
    with pytest.raises(ValueError, match="not connected"):
        fit_additive_model(frame)


def test_a_single_judge_has_offset_zero():
    frame = pd.DataFrame({"proposal_id": [1, 2], "judge_id": [5, 5], "total": [40.0, 60.0]})
    fit = fit_additive_model(frame)
    assert list(fit.offsets) == [0.0]
    assert list(fit.quality) == [40.0, 60.0]
    assert list(fit.offset_standard_errors()) == [0.0]


def test_one_review_per_proposal_leaves_no_freedom_for_the_noise():
    frame = pd.DataFrame({"proposal_id": [1, 2], "judge_id": [1, 1], "total": [40.0, 60.0]})
    assert np.isnan(fit_additive_model(frame).residual_variance)
