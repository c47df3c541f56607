"""Assignments (organisers): generate the plan, preview it, adjust it by hand, publish it."""

import streamlit as st

from civic_challenge.services.assignment_overview import assignment_overview
from civic_challenge.services.assignments import (
    add_assignment,
    generate_assignments,
    publish_assignments,
    remove_assignment,
)
from civic_challenge.services.clock import now
from civic_challenge.ui import assignments, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Assignments", signed_in=True, needs_challenge=True)
with db_reader() as session:
    overview = assignment_overview(session=session, actor=actor)
assignments.figures(overview)

left, right = st.columns(2)
if left.button("Generate the plan", type="primary", help="Keeps pairs with submitted reviews."):
    attempt("generate", lambda s: generate_assignments(session=s, actor=actor, now=now()), str)
if overview.unpublished and right.button(f"Publish {overview.unpublished} to judges"):
    attempt(
        "publish",
        lambda s: publish_assignments(session=s, actor=actor, now=now()),
        lambda n: f"Published {n} assignments; judges see them in My queue.",
    )

st.header("The plan")
assignments.plan_table(overview)
st.header("Load per judge")
assignments.loads_table(overview)

st.header("Adjust by hand")
judge, proposal = assignments.add_form(overview)
if judge is not None and proposal is not None:
    attempt(
        assignments.ADD_FORM,
        lambda s: add_assignment(
            session=s, actor=actor, judge_id=judge, proposal_id=proposal, now=now()
        ),
        "Pair added (not yet published).",
    )
removed = assignments.remove_form(overview)
if removed is not None:
    attempt(
        "remove_assignment",
        lambda s: remove_assignment(session=s, actor=actor, assignment_id=removed),
        "Pair removed.",
    )
