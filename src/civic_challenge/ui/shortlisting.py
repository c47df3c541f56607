"""The Results page's shortlist form: the proposals to shortlist, confirmed, and what was done."""

import streamlit as st

from civic_challenge.services.results import Ranking

SHORTLIST_FORM = "shortlist"


def shortlist_form(result: Ranking) -> list[int] | None:
    """The proposals ticked and confirmed, or None."""
    table = result.table
    choices = dict(
        zip(table.proposal_id.astype(int), table.reference + " · " + table.title, strict=True)
    )
    placed = table.proposal_id[~table.low_coverage.fillna(False).astype(bool)]
    top = [int(p) for p in placed[: result.k] if p in choices]
    with st.form(SHORTLIST_FORM):
        chosen = st.multiselect(
            "Proposals to shortlist",
            list(choices),
            default=top,
            format_func=choices.get,
        )
        st.caption(
            f"Starts with the top {result.k} placed by rank (not those with too few reviews "
            "to place); add or remove any."
        )
        sure = st.checkbox(
            "Record these as shortlisted. Applicants see nothing until decisions are released.",
        )
        st.caption("Each becomes a pending shortlist decision, recorded in the audit log.")
        go = st.form_submit_button("Shortlist the chosen proposals", type="primary")
    if go and not (chosen and sure):
        st.error(
            "Choose at least one proposal and tick the box to confirm.", icon=":material/error:"
        )
        return None
    return chosen if go else None


def shortlisted_message(changed: int) -> str:
    if changed == 0:
        return "Those proposals were already shortlisted; nothing changed."
    noun = "proposal" if changed == 1 else "proposals"
    return (
        f"Shortlisted {changed} {noun}. The decisions are pending: applicants see nothing "
        "until decisions are released."
    )
