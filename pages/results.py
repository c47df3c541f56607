"""Results (organisers): raw and adjusted ranking with intervals, agreement, judge calibration,
the moderation queue and the shortlist."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.shortlist import shortlist
from civic_challenge.ui import (
    judge_agreement,
    moderation,
    ranking_view,
    results,
    review_flags,
    shell,
    shortlisting,
)
from civic_challenge.ui.actions import attempt

actor = shell.begin_page("Results", signed_in=True, needs_challenge=True)
state = results.results_state(actor)
chosen = results.controls(state)
shown = results.computed(actor, state, chosen)
ranking_view.notices(shown)
review_flags.notices(results.review_flags(actor, state))

st.header("Ranking")
ranking_view.ranking_chart_and_table(shown)

if not shown.ranking.table.empty:
    st.header("Shortlist")
    picked = shortlisting.shortlist_form(shown.ranking)
    if picked:
        attempt(
            shortlisting.SHORTLIST_FORM,
            lambda s: shortlist(session=s, actor=actor, proposal_ids=picked, now=now()),
            shortlisting.shortlisted_message,
        )

st.header("Agreement between judges")
judge_agreement.agreement(shown.ranking)

st.header("Judge calibration")
judge_agreement.calibration(shown)

st.header("Moderation queue")
moderation.queue_and_actions(actor, state)
