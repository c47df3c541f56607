"""Drawing the public facts of the challenge: themes, statements, dates, who may apply."""

import pandas as pd
import streamlit as st

from civic_challenge.services.challenges import ChallengeOverview, Winner
from civic_challenge.ui.text import countdown, plain, pounds, when

PHASE_WORDS = {
    "setup": "Being prepared: the call has not opened yet.",
    "open": "Open for proposals.",
    "judging": "Closed for proposals: judges are scoring.",
    "moderation": "Closed for proposals: the panel is reviewing scores.",
    "decided": "Closed: decisions are being prepared.",
    "published": "Closed: the winners have been announced.",
}


def key_facts(overview: ChallengeOverview, now) -> None:  # type: ignore[no-untyped-def]
    st.header("Key dates")
    st.markdown(
        f"- **Opens:** {when(overview.opens_at)}\n"
        f"- **Deadline for proposals:** {when(overview.closes_at)} "
        f"({countdown(overview.closes_at, now)})\n"
        f"- **Judging ends:** {when(overview.judging_closes_at)}\n"
        f"- **Now:** {PHASE_WORDS[overview.phase]}"
    )
    columns = st.columns(3)
    columns[0].metric("Pilot budget", pounds(overview.budget_pence))
    columns[1].metric("Each award up to", pounds(overview.max_award_pence))
    columns[2].metric("Challenge statements", len(overview.statements))


def who_may_apply(overview: ChallengeOverview) -> None:
    st.header("Who may apply")
    where = "based in London" if overview.london_only else "based anywhere in the UK"
    st.markdown(
        f"Small and medium-sized enterprises {where}, with fewer than "
        f"{overview.max_employees + 1} staff and an annual turnover of at most "
        f"{pounds(overview.max_turnover_pence)}."
    )


def themes_and_statements(overview: ChallengeOverview) -> None:
    st.header("Themes and challenges")
    st.caption("Each theme is a priority of the city's strategy; each challenge has a partner.")
    for theme in overview.themes:
        with st.container(border=True):
            share = f"{theme.target_budget_share:.0%} of the budget"
            st.markdown(f"**{plain(theme.name)}** · aiming for {share}")
            st.caption(plain(theme.description))
            for statement in overview.statements:
                if statement.theme_key == theme.key:
                    partner = f" (partner: {plain(statement.partner)})" if statement.partner else ""
                    st.markdown(
                        f"- **{plain(statement.title)}**{partner}"
                        + (f": {plain(statement.description)}" if statement.description else "")
                    )


def winners(found: tuple[Winner, ...]) -> None:
    """The public list of winners, once the awards are released."""
    if not found:
        return
    st.header("Winners", divider="gray")
    total = sum(w.amount_pence for w in found)
    st.markdown(f"{len(found)} proposals won awards worth {pounds(total)} in all.")
    st.dataframe(
        pd.DataFrame(
            {
                "Organisation": [w.organisation for w in found],
                "Proposal": [w.title for w in found],
                "Challenge statement": [w.statement for w in found],
                "Award": [pounds(w.amount_pence) for w in found],
            }
        ),
        hide_index=True,
    )
