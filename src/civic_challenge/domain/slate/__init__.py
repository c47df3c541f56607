"""The recommended winner slate: the best awards within the budget, ceilings and priorities.

`recommend.py` builds it, `model.py` holds the integer programme, `inputs.py` reads the
proposals frame, `reasons.py` and `infeasible.py` say why, in numbers.
"""

from civic_challenge.domain.slate.recommend import (
    ConstraintCost,
    ConstraintFamily,
    Exclusion,
    Selection,
    ShareBasis,
    Slate,
    SlateOptions,
    ThemeMinimum,
    Uncovered,
    award_ceiling,
    recommend_slate,
)

__all__ = [
    "ConstraintCost",
    "ConstraintFamily",
    "Exclusion",
    "Selection",
    "ShareBasis",
    "Slate",
    "SlateOptions",
    "ThemeMinimum",
    "Uncovered",
    "award_ceiling",
    "recommend_slate",
]
