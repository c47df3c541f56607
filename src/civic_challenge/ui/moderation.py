"""The Results page's moderation part: the queue, one proposal's notes, asking one more judge
for a review and adding a note."""

from typing import Any

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.moderation import (
    NOTE_MAX,
    add_moderation_note,
    extra_review_judges,
    moderation_notes,
    request_extra_review,
)
from civic_challenge.services.moderation_snapshot import moderation_snapshot
from civic_challenge.services.results import ResultsState
from civic_challenge.services.snapshots import age_words
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.actions import attempt
from civic_challenge.ui.database import db_reader, get_engine
from civic_challenge.ui.text import plain, when

SHOWN = 200
EXTRA_FORM = "extra_review"
NOTE_FORM = "moderation_note"


def queue_and_actions(actor: UserView, state: ResultsState) -> None:
    with db_reader() as session:
        found = moderation_snapshot(
            get_engine(), session=session, actor=actor, state=state, rows=SHOWN
        )
    queue, total = found.value
    if not found.current:
        st.caption(
            f"The queue as it was {age_words(found.computed_at, now())} ago; recalculating it "
            "with the latest reviews."
        )
    if queue.empty:
        st.success(
            "No proposal needs moderation: judges agree and every proposal has its reviews.",
            icon=":material/check_circle:",
        )
        return
    shown = f"the {len(queue)} most pressing of " if total > len(queue) else ""
    st.caption(f"Showing {shown}{total:,} proposals whose judges disagree or that lack reviews.")
    st.dataframe(
        queue.rename(
            columns={
                "reference": "Reference",
                "title": "Title",
                "n": "Reviews in",
                "assigned": "Judges assigned",
                "spread": "Spread",
                "reason": "Why it is here",
            }
        )[["Reference", "Why it is here", "Reviews in", "Judges assigned", "Spread", "Title"]],
        hide_index=True,
        column_config={"Spread": st.column_config.NumberColumn(format="%.1f")},
    )
    labels = dict(
        zip(queue.proposal_id.astype(int), queue.reference + " · " + queue.title, strict=True)
    )
    proposal = st.selectbox(
        "Proposal to moderate",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Choose a proposal from the queue",
        key="moderation_proposal",
    )
    st.caption("Its notes and the judges who could review it appear below.")
    if proposal is not None:
        _actions(actor, proposal)


def _actions(actor: UserView, proposal: int) -> None:
    with db_reader() as session:
        judges = extra_review_judges(session=session, actor=actor, proposal_id=proposal)
        notes = moderation_notes(session=session, actor=actor, proposal_id=proposal)
    left, right = st.columns(2)
    with left:
        _extra_review_form(actor, proposal, judges)
    with right:
        _note_form(actor, proposal)
    for note in notes.itertuples():
        st.caption(f"{plain(note.author)}, {when(note.created_at)}")
        st.text(note.text)


def _extra_review_form(actor: UserView, proposal: int, judges) -> None:  # type: ignore[no-untyped-def]
    names = {j.judge_id: f"{j.name} ({j.load} assigned)" for j in judges}
    with st.form(EXTRA_FORM):
        st.markdown("**Ask for one more review**")
        feedback.problem_summary(EXTRA_FORM)
        judge = st.selectbox(
            "Judge",
            list(names),
            format_func=names.get,
            index=None,
            placeholder="Choose a judge" if names else "No judge is free to review it",
        )
        st.caption(
            "Only active judges without a conflict, who do not hold it and are under the "
            "load cap. They see it in My queue at once, due when judging closes."
        )
        feedback.field_problems(EXTRA_FORM, "judge")
        ask = st.form_submit_button("Ask for one more review")
    if ask and judge is None:
        feedback.remember_problems(EXTRA_FORM, {"judge": ["Choose a judge first."]})
        st.rerun()
    if ask:
        attempt(
            EXTRA_FORM,
            lambda s: request_extra_review(
                session=s, actor=actor, proposal_id=proposal, judge_id=judge, now=now()
            ),
            f"Asked {names[judge].split(' (')[0]} for one more review.",
        )


def _note_form(actor: UserView, proposal: int) -> None:
    """Notes are only added, never overwritten, so there is no version to check; a refused
    note keeps its text, and the box empties once the note is added."""
    with st.form(NOTE_FORM):
        st.markdown("**Add a moderation note**")
        feedback.problem_summary(NOTE_FORM)
        text = limited_text.text_area(
            "Note for the panel",
            limit=NOTE_MAX,
            help="Seen by organisers only, with your name and the time.",
            key=versions.key(NOTE_FORM, f"{proposal}_text"),
        )
        feedback.field_problems(NOTE_FORM, "text", text)
        add = st.form_submit_button("Add a moderation note")
    if add:

        def note(session: Any) -> None:
            add_moderation_note(
                session=session, actor=actor, proposal_id=proposal, text=text, now=now()
            )
            versions.redraw(NOTE_FORM)  # an empty box for the next note

        attempt(NOTE_FORM, note, "Note added.", here=True, values={"text": text})
    feedback.show_here(NOTE_FORM)
