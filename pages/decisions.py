"""Decisions (organisers): awards within the budget, the recommended slate, feedback, publishing."""

import streamlit as st

from civic_challenge.services.awards import (
    awards_overview,
    decide_award,
    feedback_for_moderation,
    moderate_comment,
    publish_check,
    publish_decisions,
    recommended_slate,
)
from civic_challenge.services.clock import now
from civic_challenge.services.errors import NotFound
from civic_challenge.ui import decisions, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Decisions", signed_in=True, needs_challenge=True)
try:
    with db_reader() as session:
        overview = awards_overview(session=session, actor=actor)
        check = publish_check(session=session, actor=actor)
        comments = feedback_for_moderation(session=session, actor=actor)
except NotFound as missing:
    st.info(str(missing), icon=":material/info:")
    st.stop()

st.header("Budget", divider="gray")
decisions.budget(overview)
st.header("Shortlist and awards", divider="gray")
decisions.shortlist(overview)
if not overview.candidates.empty:
    form = decisions.award_form(overview)
    if form.submitted and form.proposal_id is None:
        st.error("Choose a proposal first.", icon=":material/error:")
    elif form.submitted:
        attempt(
            decisions.AWARD_FORM,
            lambda s: decide_award(
                session=s,
                actor=actor,
                proposal_id=form.proposal_id,
                award=form.award,
                amount_pence=form.amount_pence if form.award else None,
                rationale=form.rationale,
                now=now(),
            ),
            "Decision recorded. It stays pending until you publish.",
        )
    st.header("Recommended slate", divider="gray")
    choice = decisions.slate_options()
    with db_reader() as session:
        view = recommended_slate(session=session, actor=actor, choice=choice)
    decisions.slate(view, overview)

st.header("Feedback for applicants", divider="gray")
moderation = decisions.moderation(comments)
if moderation is not None:
    attempt(
        decisions.MODERATE_FORM,
        lambda s: moderate_comment(
            session=s,
            actor=actor,
            review_id=moderation.review_id,
            text=moderation.text,
            version=moderation.version,
            now=now(),
        ),
        "Feedback wording saved.",
    )

st.header("Publish", divider="gray")
clicked, confirmed = decisions.publish(check)
if clicked:
    attempt(
        "publish",
        lambda s: publish_decisions(session=s, actor=actor, confirm=confirmed, now=now()),
        lambda n: f"Published {n} decisions. Applicants can now see their outcome.",
    )
