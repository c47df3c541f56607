"""The recommended slate (organisers): the best set of awards among the shortlist within the
budget, theme minimums and the organiser's rules, beside the plain top-N by score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import challenges as db_challenges
from civic_challenge.domain.slate import Slate, SlateOptions, ThemeMinimum, recommend_slate
from civic_challenge.domain.slate.inputs import AWARDED, DECLINED
from civic_challenge.domain.terms import DecisionOutcome
from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import awards_overview
from civic_challenge.services.judging_settings import current_challenge

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


def recommended_slate(*, session: Session, actor: UserView, choice: SlateChoice) -> SlateView:
    """The best slate among the shortlist by adjusted score (raw where not adjusted).

    Award decisions already recorded are fixed: an award is in every slate with the money it
    commits (counted against the budget, the theme minimums and one award per organisation), a
    "do not award" is left out.
    """
    overview = awards_overview(session=session, actor=actor)
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
    minimums = [
        ThemeMinimum(t.key, share=round(t.target_budget_share * factor, 4))
        for t in themes
        if t.target_budget_share * factor > 0
    ]
    slate = recommend_slate(
        proposals,
        budget_pence=challenge.budget_pence,
        minimums=minimums,
        options=SlateOptions(
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
        ),
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
    return SlateView(slate, labels, words, amounts)
