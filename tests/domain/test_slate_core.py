"""Large slates go through a core and a bound: the same answer as solving everything."""

import numpy as np
import pandas as pd
import pytest

from civic_challenge.domain.slate import SlateOptions, ThemeMinimum, core, model, recommend_slate


def frame(seed, n=120):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "proposal_id": np.arange(1, n + 1),
            "organisation_id": rng.integers(0, n // 2, n),
            "statement_key": rng.choice(["a", "b", "c"], n),
            "theme_key": rng.choice(["climate", "ageing"], n),
            "score": np.round(rng.uniform(20, 90, n), 2),
            "amount_pence": rng.integers(500_000, 2_250_001, n),
        }
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_core_route_finds_a_slate_as_good_as_solving_everything(seed, monkeypatch):
    proposals = frame(seed)
    case = {
        "budget_pence": 12_000_000 - seed,
        "minimums": [ThemeMinimum("ageing", share=0.3)],
        "options": SlateOptions(time_limit=30.0),
    }
    whole = recommend_slate(proposals, **case)
    monkeypatch.setattr(model, "CORE_ABOVE", 20)
    monkeypatch.setattr(core, "CORE_MIN", 10)
    by_core = recommend_slate(proposals, **case)
    assert whole.gap is None
    assert by_core.recommended.total_pence <= case["budget_pence"]
    if by_core.gap is None:
        assert by_core.recommended.total_score == whole.recommended.total_score
    else:
        assert by_core.recommended.total_score <= whole.recommended.total_score
