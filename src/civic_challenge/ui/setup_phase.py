"""The Set-up page's phase form: where the challenge is, and the phase to move it to."""

from typing import Any

import streamlit as st

from civic_challenge.domain.terms import Phase
from civic_challenge.services.setup import SetupView

PHASE_FORM = "phase"
PHASE_WORDS = {
    Phase.SETUP: "Set-up: not open to applicants",
    Phase.OPEN: "Open: applicants write and submit",
    Phase.JUDGING: "Judging: judges score",
    Phase.MODERATION: "Moderation: organisers review the scores",
    Phase.DECIDED: "Decided: awards chosen, not yet published",
    Phase.PUBLISHED: "Published: applicants see outcomes and feedback",
}


def phase_form(view: SetupView) -> dict[str, Any] | None:
    """The phase to move to; the change's arguments (phase, confirm, version) once sent."""
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
            help="Each phase decides what applicants and judges may do.",
        )
        confirm = False
        if view.phase is not Phase.SETUP:
            confirm = st.checkbox(
                "Go ahead despite the warning",
                help="Needed to start judging before the published deadline (drafts are then "
                "locked out), or to publish while reviews are missing.",
            )
        if not st.form_submit_button("Change phase"):
            return None
    return {"phase": Phase(phase), "confirm": bool(confirm), "version": view.version}


def phase_message(moved: dict[str, Any]) -> str:
    return f"The challenge is now in its {moved['phase'].value} phase."
