"""The slate's input: which proposals may be awarded as they stand, and why the others may not."""

from collections.abc import Mapping

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
    decided = rows["decision"] if "decision" in rows.columns else pd.Series("", index=rows.index)
    unknown = set(decided.dropna()) - {"", AWARDED, DECLINED}
    if unknown:
        raise ValueError(f"Unknown decisions in the slate's input: {sorted(map(str, unknown))}")
    rows = rows.assign(
        decision=decided.fillna("").to_numpy(),
        statement_key=_text(rows["statement_key"]),
        theme_key=_text(rows["theme_key"]),
        units=units(rows["score"]),
    )
    easy = _plainly_open(rows, max_award_pence, statement_ceilings, fund_non_positive)
    kept, excluded = [rows[easy]], []
    for row in rows[~easy].itertuples(index=False):
        if row.decision == DECLINED:
            excluded.append((int(row.proposal_id), f"{_label(row)} is marked “do not award”."))
            continue
        if row.decision == AWARDED:
            if pd.isna(row.amount_pence) or row.amount_pence < 0:
                raise ValueError(f"{_label(row)} is awarded but has no amount")
            kept.append(rows[rows["proposal_id"] == row.proposal_id])
            continue
        statement = row.statement_key
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
            kept.append(rows[rows["proposal_id"] == row.proposal_id])
    return _arrays(pd.concat(kept).sort_values("proposal_id", kind="stable")), excluded


def _text(values: pd.Series) -> np.ndarray:
    """Keys as str, None where blank (None, NaN or "")."""
    out = values.astype(object).to_numpy(copy=True)
    empty = values.isna().to_numpy() | (values.astype(str) == "").to_numpy()
    out[~empty] = [str(v) for v in out[~empty]]
    out[empty] = None
    return out


def _plainly_open(rows, max_award_pence, statement_ceilings, fund_non_positive) -> np.ndarray:
    """Rows with no decision, a score above zero (or allowed), an amount within its ceiling."""
    amount = pd.to_numeric(rows["amount_pence"], errors="coerce")
    own = pd.Series(rows["statement_key"], index=rows.index).map(
        lambda key: statement_ceilings.get(key) if key is not None else None
    )
    ceiling = pd.to_numeric(own, errors="coerce")
    if max_award_pence is not None:
        ceiling = ceiling.fillna(max_award_pence)
    within = ceiling.isna() | (amount <= ceiling)
    scored = rows["score"].notna() & ((rows["units"] > 0) | fund_non_positive)
    return ((rows["decision"] == "") & scored & (amount > 0) & within).to_numpy()


def _arrays(rows: pd.DataFrame) -> Candidates:
    return Candidates(
        ids=rows["proposal_id"].to_numpy(np.int64),
        organisations=rows["organisation_id"].to_numpy(object),
        statements=rows["statement_key"].to_numpy(object),
        themes=rows["theme_key"].to_numpy(object),
        units=rows["units"].to_numpy(np.int64),
        amounts=pd.to_numeric(rows["amount_pence"]).to_numpy(np.int64),
        fixed=(rows["decision"] == AWARDED).to_numpy(bool),
    )


def units(scores: pd.Series) -> np.ndarray:
    """Scores in hundredths of a point, half away from zero (62.125 -> 6213); no score counts 0."""
    values = pd.to_numeric(scores, errors="coerce").to_numpy(float)
    hundredths = np.round(np.abs(values) * 100, 6)
    out = np.sign(values) * np.floor(hundredths + 0.5)
    return np.nan_to_num(out, nan=0.0).astype(np.int64)


def _label(row: object) -> str:
    label = getattr(row, "label", None)
    return f"Proposal {row.proposal_id}" if label is None or pd.isna(label) else str(label)


def _not_positive(row: object, allowed: bool) -> str | None:
    if allowed or row.units > 0:
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
    return {key for key in _text(values) if key is not None}


def blank(value: object) -> bool:
    return value is None or value == "" or (not isinstance(value, str) and bool(pd.isna(value)))
