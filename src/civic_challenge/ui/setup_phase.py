"""The Set-up page's phase form: where the challenge is, and the phase to move it to, drawn from
the challenge's version (ui.form_versions)."""

from typing import Any

import streamlit as st

from civic_challenge.domain.terms import Phase
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.phase import change_phase
from civic_challenge.services.setup import SetupView
from civic_challenge.ui import form_versions as versions

PHASE_FORM = "phase"
LABELS = {"phase": "Phase"}
PHASE_WORDS = {
    Phase.SETUP: "Set-up: not open to applicants",
    Phase.OPEN: "Open: applicants write and submit",
    Phase.JUDGING: "Judging: judges score",
    Phase.MODERATION: "Moderation: organisers review the scores",
    Phase.DECIDED: "Decided: awards chosen, not yet published",
    Phase.PUBLISHED: "Published: applicants see outcomes and feedback",
}


def phase_section(actor: UserView, view: SetupView) -> None:
    """The phase form; a move is made from the phase the form was drawn in (refused beside the
    button, with both phases, if the challenge moved elsewhere meanwhile)."""
    stored = versions.Drawn(view.version, {"phase": view.phase.value})
    versions.remember(PHASE_FORM, stored)
    submitted, phase, confirm = phase_form(view)

    def move(session: Any, version: int) -> None:
        change_phase(
            session=session, actor=actor, phase=phase, confirm=confirm, version=version, now=now()
        )

    message = f"The challenge is now in its {phase.value} phase."
    state = versions.FormState(stored, {"phase": phase.value}, LABELS, move, message, _shown)
    versions.finish(PHASE_FORM, submitted, state)


def _shown(_field: str, value: Any) -> str:
    return PHASE_WORDS[Phase(value)]


def phase_form(view: SetupView) -> tuple[bool, Phase, bool]:
    """(submitted?, the phase to move to, publish even though reviews are missing?)."""
    key = lambda field: versions.key(PHASE_FORM, field)  # noqa: E731
    st.markdown(f"Now: **{PHASE_WORDS[view.phase]}**")
    if view.phase is Phase.SETUP and (view.themes.empty or view.statements.empty):
        missing = " and ".join(
            what
            for what, frame in (
                ("a theme", view.themes),
                ("a challenge statement", view.statements),
            )
            if frame.empty
        )
        st.info(
            f"Before you open the call, add at least {missing} below: applicants choose a "
            "statement for each proposal.",
            icon=":material/checklist:",
        )
    with st.form(PHASE_FORM):
        phases = [p for p in Phase if p is not view.phase]
        later = [p for p in phases if list(Phase).index(p) > list(Phase).index(view.phase)]
        phase = st.selectbox(
            "Move to",
            phases,
            index=phases.index(later[0]) if later else 0,
            format_func=PHASE_WORDS.get,
            key=key("to"),
        )
        st.caption("Each phase decides what applicants and judges may do.")
        confirm = False
        if view.phase is not Phase.SETUP:
            confirm = st.checkbox(
                "Go ahead despite the warning",
                key=key("confirm"),
            )
            st.caption(
                "Needed to start judging before the published deadline (drafts are then "
                "locked out), or to publish while reviews are missing."
            )
        submitted = st.form_submit_button("Change phase")
    return submitted, Phase(phase), bool(confirm)
