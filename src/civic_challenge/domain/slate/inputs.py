"""The slate's input: which proposals may be awarded as they stand, and why the others may not."""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from civic_challenge.domain.money import pounds
from civic_challenge.domain.slate.model import Candidates

AWARDED, DECLINED = "awarded", "declined"
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
    fund_non_positive: bool = False,
) -> tuple[Candidates, list[tuple[int, str]]]:
    """The proposals that may be awarded as they stand, and (proposal_id, reason) for the rest.

    An optional `decision` column holds what is already decided: "awarded" (in every slate, with
    its amount, whatever its score or ceiling) or "declined" (never in it); blank for open.
    """
    missing = [column for column in COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"The slate needs the columns {', '.join(missing)}")
    if frame["proposal_id"].duplicated().any():
        raise ValueError("Each proposal may appear only once in the slate's input")
    rows = frame.sort_values("proposal_id", kind="stable")
    kept: list = []
    excluded: list[tuple[int, str]] = []
    decided = rows["decision"] if "decision" in rows.columns else pd.Series("", index=rows.index)
    unknown = set(decided.dropna()) - {"", AWARDED, DECLINED}
    if unknown:
        raise ValueError(f"Unknown decisions in the slate's input: {sorted(map(str, unknown))}")
    rows = rows.assign(decision=decided.fillna("").to_numpy())
    for row in rows.itertuples(index=False):
        statement = None if blank(row.statement_key) else str(row.statement_key)
        if row.decision == DECLINED:
            excluded.append((int(row.proposal_id), f"{_label(row)} is marked “do not award”."))
            continue
        if row.decision == AWARDED:
            if pd.isna(row.amount_pence) or row.amount_pence < 0:
                raise ValueError(f"{_label(row)} is awarded but has no amount")
            kept.append((row, statement, None if blank(row.theme_key) else str(row.theme_key)))
            continue
        ceiling = award_ceiling(
            statement, max_award_pence=max_award_pence, statement_ceilings=statement_ceilings
        )
        own = statement is not None and statement_ceilings.get(statement) is not None
        reason = _exclusion(
            row, ceiling, statement_names.get(statement, statement) if own else None
        ) or _not_positive(row, fund_non_positive)
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
        units=column([_units(row.score) for row, _, _ in kept], np.int64),
        amounts=column([int(row.amount_pence) for row, _, _ in kept], np.int64),
        fixed=column([row.decision == AWARDED for row, _, _ in kept], bool),
    )


def _units(score: object) -> int:
    """Hundredths of a point, half away from zero; an awarded proposal without a score counts 0."""
    if pd.isna(score):
        return 0
    return int(Decimal(repr(float(score))).scaleb(2).quantize(Decimal(1), ROUND_HALF_UP))


def _label(row: object) -> str:
    label = getattr(row, "label", None)
    return f"Proposal {row.proposal_id}" if label is None or pd.isna(label) else str(label)


def _not_positive(row: object, allowed: bool) -> str | None:
    if allowed or _units(row.score) > 0:
        return None
    return (
        f"{_label(row)} has a score of {float(row.score):g}, not above zero, so it is left out "
        "unless you choose to consider proposals without a positive score."
    )


def _exclusion(row: object, ceiling: int | None, ceiling_owner: str | None) -> str | None:
    """Why a proposal cannot be in the slate as it stands, or None when it can."""
    label = _label(row)
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
