"""The Assignments page parts: the plan's figures, the plan, loads, and hand edits."""

import pandas as pd
import streamlit as st

from civic_challenge.services.assignment_overview import AssignmentOverview
from civic_challenge.ui.text import plain

ADD_FORM = "add_assignment"


def figures(overview: AssignmentOverview) -> None:
    columns = st.columns(4)
    columns[0].metric("Eligible proposals", overview.eligible)
    columns[1].metric("Reviews per proposal", overview.reviews_per_proposal)
    columns[2].metric("Load cap", overview.load_cap)
    columns[3].metric("Not yet published", overview.unpublished)
    if overview.pending_suggestions:
        st.warning(
            f"{overview.pending_suggestions} suggested conflicts await a decision on the Judging "
            "page; until confirmed they do not block an assignment.",
            icon=":material/warning:",
        )
    if overview.short and len(overview.plan):
        listed = "\n".join(f"- {plain(line)}" for line in overview.short[:10])
        more = f"\n- and {len(overview.short) - 10} more" if len(overview.short) > 10 else ""
        st.warning(f"Proposals short of judges:\n{listed}{more}", icon=":material/warning:")


def plan_table(overview: AssignmentOverview) -> None:
    plan = overview.plan
    if plan.empty:
        st.info("No plan yet. Generate one.", icon=":material/info:")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Reference": plan.reference,
                "Title": plan.title,
                "Judge": plan.judge,
                "Status": plan.status,
                "Expertise": plan.expertise.map({True: "Matches", False: "-"}),
                "Conflict": plan.conflicted.map({True: "CONFLICT", False: ""}),
            }
        ),
        hide_index=True,
    )


def loads_table(overview: AssignmentOverview) -> None:
    loads = overview.loads.assign(cap=overview.load_cap)
    st.dataframe(
        loads.drop(columns=["judge_id"]).rename(
            columns={"judge": "Judge", "load": "Proposals", "cap": "Cap"}
        ),
        hide_index=True,
    )


def add_form(overview: AssignmentOverview) -> tuple[int | None, int | None]:
    judges = dict(zip(overview.loads.judge_id.astype(int), overview.loads.judge, strict=True))
    with st.form(ADD_FORM):
        judge = st.selectbox(
            "Judge",
            list(judges),
            format_func=judges.get,
            index=None,
        )
        st.caption("Conflicts and the load cap are checked again.")
        proposal = st.selectbox(
            "Proposal",
            list(overview.proposals),
            format_func=overview.proposals.get,
            index=None,
        )
        st.caption("Only eligible proposals.")
        add = st.form_submit_button("Add this pair")
    if add and (judge is None or proposal is None):
        st.error("Choose a judge and a proposal.", icon=":material/error:")
        return None, None
    return (judge, proposal) if add else (None, None)


def remove_form(overview: AssignmentOverview) -> int | None:
    plan = overview.plan
    removable = plan[plan.status != "Review submitted"]
    choices = {int(r.id): f"{r.reference} · {r.judge} ({r.status})" for r in removable.itertuples()}
    if not choices:
        return None
    with st.form("remove_assignment"):
        chosen = st.selectbox(
            "Assignment",
            list(choices),
            format_func=choices.get,
            index=None,
        )
        st.caption("Pairs with a submitted review stay.")
        remove = st.form_submit_button("Remove this pair")
    return chosen if remove else None
