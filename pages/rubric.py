"""Rubric (organisers): criteria with weights, scales and level descriptors."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.rubric import (
    get_rubric,
    remove_criterion,
    reset_criterion,
    save_criterion,
)
from civic_challenge.ui import rubric, shell
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Rubric", signed_in=True, needs_challenge=True)
with db_reader() as session:
    current = get_rubric(session=session, actor=actor)
rubric.show(current)

st.subheader("Reset a criterion" if current.locked else "Add or change a criterion")
chosen = rubric.choose(current)
form = rubric.criterion_form(current, chosen)
if form.submitted and current.locked and form.criterion_id:
    attempt(
        rubric.FORM,
        lambda s: reset_criterion(
            session=s,
            actor=actor,
            criterion_id=form.criterion_id,
            draft=form.draft,
            reason=form.reason,
            now=now(),
        ),
        lambda n: f"Criterion reset; {n} review totals recomputed.",
    )
elif form.submitted:
    attempt(
        rubric.FORM,
        lambda s: save_criterion(
            session=s, actor=actor, draft=form.draft, criterion_id=form.criterion_id, now=now()
        ),
        "Criterion saved.",
    )
if form.criterion_id and not current.locked and st.button("Remove this criterion"):
    attempt(
        rubric.FORM,
        lambda s: remove_criterion(
            session=s, actor=actor, criterion_id=form.criterion_id, now=now()
        ),
        "Criterion removed.",
    )
