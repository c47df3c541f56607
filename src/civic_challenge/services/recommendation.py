"""The recommended slate (organisers): the best set of awards among the shortlist within the
budget, theme minimums and the organiser's rules, beside the plain top-N by score."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.domain.slate import Slate, SlateOptions, ThemeMinimum, recommend_slate
from civic_challenge.domain.slate.inputs import AWARDED, DECLINED
from civic_challenge.domain.terms import DecisionOutcome, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import AwardsOverview, awards_overview
from civic_challenge.services.judging_settings import current_challenge
from civic_challenge.services.permissions import acting

if TYPE_CHECKING:
    from sqlmodel import Session

YES, NO = DecisionOutcome.YES.value, DecisionOutcome.NO.value


@dataclass(frozen=True)
class SlateChoice:
    """The organiser's settings for the recommendation."""

    priority_factor: float = 0.5  # each theme's minimum = factor x its target share of money
    max_awards: int | None = None
    cover_statements: bool = True
    one_per_organisation: bool = True
    fund_non_positive: bool = False  # consider proposals scoring 0 or less


@dataclass(frozen=True)
class SlateView:
    slate: Slate
    labels: dict[int, str]  # proposal id -> "CIC-2018-0042 · title"
    minimums: tuple[str, ...]  # the minimums in words
    amounts: pd.Series  # proposal id -> the pence the slate counted for it


@dataclass(frozen=True)
class SlateInputs:
    """Everything the solver reads, and `digest`, a hash of all of it: the slate is re-solved
    only when the digest changes (a review that moves no shortlisted score changes nothing)."""

    proposals: pd.DataFrame  # recommend_slate's input frame
    budget_pence: int
    minimums: tuple[ThemeMinimum, ...]
    options: SlateOptions
    labels: dict[int, str]
    words: tuple[str, ...]
    amounts: pd.Series
    digest: str


def slate_inputs(
    *, session: Session, actor: UserView, choice: SlateChoice, overview: AwardsOverview
) -> SlateInputs:
    """The slate's inputs from the awards overview (scores, money, recorded decisions), the
    challenge's budget and rules, and the organiser's choice.

    Award decisions already recorded are fixed: an award is in every slate with the money it
    commits (counted against the budget, the theme minimums and one award per organisation), a
    "do not award" is left out.
    """
    acting(session, actor, Role.ORGANISER)
    challenge = current_challenge(session)
    frame = overview.candidates
    statements = db_challenges.statements_of(session, challenge.id)  # type: ignore[arg-type]
    score = frame["adjusted_score"].fillna(frame["raw_score"])
    reduced = frame["award_pence"].where(frame["award_outcome"] == YES)
    amount = pd.to_numeric(reduced).fillna(pd.to_numeric(frame["requested_pence"]))
    decision = frame["award_outcome"].map({YES: AWARDED, NO: DECLINED}).fillna("")
    proposals = pd.DataFrame(
        {
            "proposal_id": frame["proposal_id"],
            "organisation_id": frame["organisation_id"],
            "statement_key": frame["statement_key"],
            "theme_key": frame["theme_key"],
            "score": pd.to_numeric(score),
            "amount_pence": amount,
            "label": frame["reference"].fillna(frame["proposal_id"].astype(str)),
            "decision": decision,
        }
    )
    factor = min(max(float(choice.priority_factor), 0.0), 1.0)
    themes = db_challenges.themes_of(session, challenge.id)  # type: ignore[arg-type]
    minimums = tuple(
        ThemeMinimum(t.key, share=round(t.target_budget_share * factor, 4))
        for t in themes
        if t.target_budget_share * factor > 0
    )
    options = SlateOptions(
        max_award_pence=challenge.max_award_pence,
        statement_ceilings={
            s.key: s.max_award_pence for s in statements if s.max_award_pence is not None
        },
        max_awards=choice.max_awards or None,
        cover_statements=choice.cover_statements,
        statement_keys=tuple(s.key for s in statements),
        one_per_organisation=choice.one_per_organisation,
        fund_non_positive=choice.fund_non_positive,
        theme_names=overview.theme_names,
        statement_names=overview.statement_names,
    )
    labels = {
        int(r.proposal_id): f"{r.reference or r.proposal_id} · {r.title}"
        for r in frame.itertuples()
    }
    words = tuple(
        f"{overview.theme_names.get(m.theme_key, m.theme_key)}: at least {m.share:.1%} of the "
        "money awarded"
        for m in minimums
    )
    amounts = pd.Series(amount.to_numpy(), index=frame["proposal_id"].to_numpy())
    digest = _digest(proposals, challenge.budget_pence, minimums, options, labels)
    return SlateInputs(
        proposals, challenge.budget_pence, minimums, options, labels, words, amounts, digest
    )


def _digest(proposals: pd.DataFrame, budget: int, *rest: object) -> str:
    """Every row and value the solver (and the slate's words) depend on, hashed in full: no
    sampling of large frames, unlike Streamlit's own hashing of arguments."""
    rows = pd.util.hash_pandas_object(proposals, index=False).to_numpy().tobytes()
    columns = repr(list(proposals.columns)).encode()
    return hashlib.sha256(rows + columns + repr((budget, rest)).encode()).hexdigest()


def solve_slate(inputs: SlateInputs) -> SlateView:
    """The best slate among the shortlist by adjusted score (raw where not adjusted)."""
    slate = recommend_slate(
        inputs.proposals,
        budget_pence=inputs.budget_pence,
        minimums=list(inputs.minimums),
        options=inputs.options,
    )
    return SlateView(slate, inputs.labels, inputs.words, inputs.amounts)


def recommended_slate(*, session: Session, actor: UserView, choice: SlateChoice) -> SlateView:
    """The slate for `choice`, computed afresh (the Decisions page caches on the digest)."""
    overview = awards_overview(session=session, actor=actor)
    return solve_slate(slate_inputs(session=session, actor=actor, choice=choice, overview=overview))
