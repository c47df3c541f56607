"""The slate's input: which proposals may be awarded as they stand, and why the others may not."""

from collections.abc import Mapping

import numpy as np
import pandas as pd

from civic_challenge.domain.money import pounds
from civic_challenge.domain.slate.model import Candidates

COLUMNS = ("proposal_id", "organisation_id", "statement_key", "theme_key", "score", "amount_pence")


def award_ceiling(
    statement_key: str | None,
    *,
    max_award_pence: int | None,
    statement_ceilings: Mapping[str, int],
) -> int | None:
    """The statement's own ceiling when it has one, else the challenge's; None means no ceiling."""
    if statement_key is not None and statement_ceilings.get(statement_key) is not None:
        return statement_ceilings[statement_key]
    return max_award_pence


def candidates(
    frame: pd.DataFrame,
    *,
    max_award_pence: int | None,
    statement_ceilings: Mapping[str, int],
    statement_names: Mapping[str, str],
) -> tuple[Candidates, list[tuple[int, str]]]:
    """The proposals that may be awarded as they stand, and (proposal_id, reason) for the rest."""
    missing = [column for column in COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"The slate needs the columns {', '.join(missing)}")
    if frame["proposal_id"].duplicated().any():
        raise ValueError("Each proposal may appear only once in the slate's input")
    rows = frame.sort_values("proposal_id", kind="stable")
    kept: list = []
    excluded: list[tuple[int, str]] = []
    for row in rows.itertuples(index=False):
        statement = None if blank(row.statement_key) else str(row.statement_key)
        ceiling = award_ceiling(
            statement, max_award_pence=max_award_pence, statement_ceilings=statement_ceilings
        )
        own = statement is not None and statement_ceilings.get(statement) is not None
        reason = _exclusion(
            row, ceiling, statement_names.get(statement, statement) if own else None
        )
        if reason:
            excluded.append((int(row.proposal_id), reason))
        else:
            theme = None if blank(row.theme_key) else str(row.theme_key)
            kept.append((row, statement, theme))
    return _arrays(kept), excluded


def _arrays(kept: list) -> Candidates:
    def column(values: list, dtype: object = object) -> np.ndarray:
        return np.array(values, dtype=dtype) if values else np.zeros(0, dtype=dtype)

    return Candidates(
        ids=column([int(row.proposal_id) for row, _, _ in kept], np.int64),
        organisations=column([row.organisation_id for row, _, _ in kept]),
        statements=column([statement for _, statement, _ in kept]),
        themes=column([theme for _, _, theme in kept]),
        units=column([round(float(row.score) * 100) for row, _, _ in kept], np.int64),
        amounts=column([int(row.amount_pence) for row, _, _ in kept], np.int64),
    )


def _exclusion(row: object, ceiling: int | None, ceiling_owner: str | None) -> str | None:
    """Why a proposal cannot be in the slate as it stands, or None when it can."""
    label = getattr(row, "label", None)
    label = f"Proposal {row.proposal_id}" if label is None or pd.isna(label) else str(label)
    if pd.isna(row.score):
        return f"{label} has no score yet."
    if pd.isna(row.amount_pence) or row.amount_pence <= 0:
        return f"{label} has no amount to award."
    if ceiling is not None and row.amount_pence > ceiling:
        whose = f"ceiling for {ceiling_owner}" if ceiling_owner else "ceiling for each award"
        return (
            f"{label} requests {pounds(row.amount_pence)}, above the {pounds(ceiling)} {whose}; "
            "offer a reduced amount to consider it."
        )
    return None


def keys(values: pd.Series) -> set[str]:
    """The distinct keys in a column, ignoring blanks."""
    return {str(value) for value in values if not blank(value)}


def blank(value: object) -> bool:
    return value is None or value == "" or (not isinstance(value, str) and bool(pd.isna(value)))
