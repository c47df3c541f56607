"""The Decisions page's recommended slate: the organiser's rules for it, and the slate beside
the plain top-N by score, with what each rule cost."""

import pandas as pd
import streamlit as st

from civic_challenge.domain.money import rounded
from civic_challenge.services.accounts import UserView
from civic_challenge.services.award_overview import AwardsOverview
from civic_challenge.services.recommendation import SlateChoice, SlateView
from civic_challenge.ui.decisions_data import DecisionsData, recommended
from civic_challenge.ui.text import plain, pounds


def slate_options() -> SlateChoice:
    with st.expander("Rules for the recommendation", expanded=False):
        factor = st.slider(
            "Priority minimums, as a share of each theme's target",
            0,
            100,
            50,
            step=5,
            format="%d%%",
        )
        st.caption("50% means each theme gets at least half its target share of the money awarded.")
        max_awards = st.number_input(
            "At most this many awards (0: no limit)",
            min_value=0,
            max_value=200,
            value=0,
        )
        st.caption("Leave at 0 to let the budget decide.")
        cover = st.checkbox(
            "At least one award per challenge statement where possible",
            value=True,
        )
        st.caption("Statements that cannot be covered are named below, with why.")
        one_each = st.checkbox(
            "At most one award per organisation",
            value=True,
        )
        st.caption("An organisation with two shortlisted proposals wins at most once.")
        non_positive = st.checkbox(
            "Consider proposals whose score is not above zero",
            value=False,
        )
        st.caption("Off: a proposal scoring 0 or less after adjustment is never recommended.")
    return SlateChoice(factor / 100, int(max_awards) or None, cover, one_each, non_positive)


def _selection_table(ids: tuple[int, ...], frame: pd.DataFrame, amounts: pd.Series) -> None:
    if not ids:
        st.caption("No proposal.")
        return
    rows = frame.set_index("proposal_id").loc[list(ids)]
    st.dataframe(
        pd.DataFrame(
            {
                "Reference": rows["reference"].to_numpy(),
                "Theme": rows["theme_name"].to_numpy(),
                "Amount": [pounds(int(amounts.get(i, 0))) for i in ids],
                "Score": [
                    rounded(x, 1) if pd.notna(x) else "not scored"
                    for x in rows["adjusted_score"].fillna(rows["raw_score"])
                ],
                "Title": rows["title"].to_numpy(),
            }
        ),
        hide_index=True,
    )


def slate(view: SlateView, overview: AwardsOverview) -> None:
    result = view.slate
    if view.minimums:
        st.caption("Minimums in force: " + plain("; ".join(view.minimums)) + ".")
    st.caption(
        "Awards already recorded are in every slate, with their money counted; proposals "
        "marked “Do not award” are left out."
    )
    if not result.feasible:
        st.error(
            "No slate meets every rule:\n" + "\n".join(f"- {plain(p)}" for p in result.problems),
            icon=":material/error:",
        )
    elif result.problems:
        st.warning("\n".join(plain(p) for p in result.problems), icon=":material/warning:")
    if result.gap:
        st.info(plain(result.gap), icon=":material/timer:")
    left, right = st.columns(2)
    for column, title, selection in (
        (left, "Recommended slate", result.recommended),
        (right, "Plain top-N by score", result.top_n),
    ):
        with column:
            st.markdown(f"**{title}**")
            count = len(selection.proposal_ids)
            st.caption(
                f"{count} award{'' if count == 1 else 's'}, {pounds(selection.total_pence)}, "
                f"total score {rounded(selection.total_score, 2)}"
            )
            _selection_table(selection.proposal_ids, overview.candidates, view.amounts)
    if result.costs:
        st.markdown("**What each rule cost**")
        st.markdown("\n".join(f"- {plain(c.line)}" for c in result.costs))
    if result.uncovered:
        st.markdown("**Statements without a winner**")
        st.markdown("\n".join(f"- {plain(u.reason)}" for u in result.uncovered))
    if result.excluded:
        with st.expander(f"Left out of both lists ({len(result.excluded)})"):
            st.markdown("\n".join(f"- {plain(e.reason)}" for e in result.excluded))


def recommendation(actor: UserView, data: DecisionsData) -> SlateView:
    """The rules, then the slate they give (returned, for applying it)."""
    view = recommended(actor, data, slate_options())
    slate(view, data.overview)
    return view
