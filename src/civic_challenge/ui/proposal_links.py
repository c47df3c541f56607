"""Links to an organiser's page for one proposal, for tables on other pages."""

import streamlit as st

QUERY_KEY = "proposal"
OPEN_COLUMN = st.column_config.LinkColumn(
    "Open",
    display_text="Open",
    help="The proposal in full, with its attachment, reviews and audit trail (opens a new tab)",
)


def proposal_link(proposal_id: object) -> str:
    return f"proposal_detail?{QUERY_KEY}={int(proposal_id)}"  # type: ignore[call-overload]


def open_one(choices: dict[int, str], *, key: str) -> None:
    """Pick one proposal of a table and open its page here (the table's links open a new tab)."""
    if not choices:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    picked = left.selectbox(
        "Read a proposal in full",
        list(choices),
        index=None,
        format_func=lambda i: choices[i],
        placeholder="Choose a proposal",
        key=key,
    )
    left.caption("Opens the proposal with its attachment, reviews side by side and audit trail.")
    if picked is not None:
        right.page_link(
            "pages/proposal_detail.py",
            label="Open the proposal",
            icon=":material/description:",
            query_params={QUERY_KEY: str(picked)},
        )
