"""The judge's Conflicts page parts: the declaration form, what is declared, confirming."""

import streamlit as st

from civic_challenge.services.conflicts import Declaration
from civic_challenge.ui import feedback
from civic_challenge.ui.text import plain

FORM = "declare_conflict"


def declared_list(declaration: Declaration) -> None:
    st.header(f"Your declared conflicts ({len(declaration.conflicts)})")
    if not declaration.conflicts:
        st.caption("None declared yet.")
    for conflict in declaration.conflicts:
        st.markdown(f"- **{plain(conflict.organisation_name)}**: {plain(conflict.reason)}")


def declaration_form(declaration: Declaration) -> tuple[bool, int | None, str]:
    """(submitted, organisation id, reason)."""
    choices = declaration.organisations
    with st.form(FORM, clear_on_submit=True):
        feedback.problem_summary(FORM)
        organisation = st.selectbox(
            "Organisation",
            list(choices),
            format_func=choices.get,
            index=None,
            placeholder="Choose an organisation that applied",
        )
        st.caption("Every organisation with a submitted proposal. Choose one you have a link with.")
        feedback.field_problems(FORM, "organisation")
        reason = st.text_input(
            "Why you are conflicted",
            max_chars=500,
        )
        st.caption("For example: 'I advised the founders in 2017' or 'My partner works there'.")
        feedback.field_problems(FORM, "reason")
        submitted = st.form_submit_button("Declare this conflict", icon=":material/block:")
    return submitted, organisation, reason


def confirmation_prompt(confirmed: bool) -> bool:
    """True when the judge confirms now; a note when they already have."""
    if confirmed:
        st.success(
            "You have confirmed your declaration. You can still declare a conflict at any time.",
            icon=":material/check_circle:",
        )
        st.page_link("pages/queue.py", label="Go to My queue", icon=":material/list:")
        return False
    st.info(
        "Before you see any proposal: declare every organisation you have a link with, then "
        "confirm that your list is complete (it may be empty).",
        icon=":material/info:",
    )
    sure = st.checkbox(
        "I have declared every conflict of interest I have with these organisations.",
    )
    st.caption("Your proposals open after you confirm. Declare a new conflict whenever one arises.")
    confirm = st.button("Confirm and see my proposals", type="primary", key="confirm_declaration")
    if confirm and not sure:
        st.error("Tick the box to confirm your list is complete.", icon=":material/error:")
        return False
    return confirm
