"""The organiser's proposal page: one proposal in full, as the service reads it."""

import pandas as pd
import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.proposal_dossier import ProposalDossier
from civic_challenge.ui.attachment_viewer import attachment_viewer
from civic_challenge.ui.proposal_links import QUERY_KEY
from civic_challenge.ui.text import plain, pounds, when

SECTION_TITLES = {
    "summary": "Summary",
    "problem": "The problem",
    "solution": "The solution",
    "impact": "Impact",
    "milestones": "Milestones",
}


def chosen_id(choices: dict[int, str]) -> int | None:
    """The proposal named in the address (?proposal=ID), or the one picked here."""
    wanted = st.query_params.get(QUERY_KEY)
    current = int(wanted) if wanted and wanted.isdigit() and int(wanted) in choices else None
    ids = list(choices)
    picked = st.selectbox(
        "Proposal",
        ids,
        index=ids.index(current) if current is not None else None,
        format_func=lambda i: choices[i],
        placeholder="Choose a proposal",
    )
    st.caption("Every submitted proposal, by reference. Links on other pages open one directly.")
    if picked is not None and picked != current:
        st.query_params[QUERY_KEY] = str(picked)
    return picked


def heading(dossier: ProposalDossier) -> None:
    st.header(f"{dossier.reference} · {plain(dossier.title or 'Untitled')}", anchor=False)
    amount = (
        "not given"
        if dossier.amount_requested_pence is None
        else pounds(dossier.amount_requested_pence)
    )
    submitted = when(dossier.submitted_at) if dossier.submitted_at else "not submitted"
    st.markdown(
        f"**Status:** {plain(dossier.status.capitalize())} · **Requested:** {amount} · "
        f"**Submitted:** {submitted}\n\n"
        f"**Statement:** {plain(dossier.statement or 'none')}"
        f" ({plain(dossier.partner or 'no partner')}) · **Theme:** {plain(dossier.theme or 'none')}"
        f"\n\n**Pilot boroughs:** {plain(', '.join(dossier.pilot_boroughs) or 'none given')}"
    )
    with st.expander(f"Organisation: {plain(dossier.organisation)}", icon=":material/domain:"):
        st.table(pd.DataFrame({"": list(dossier.organisation_facts.values())},
                              index=list(dossier.organisation_facts)))  # fmt: skip


def sections(dossier: ProposalDossier) -> None:
    for key, title in SECTION_TITLES.items():
        st.markdown(f"**{title}**")
        st.markdown(plain(dossier.sections[key]) or "_Left empty._")


def attachment(actor: UserView, dossier: ProposalDossier) -> None:
    attachment_viewer(actor, dossier.id, dossier.attachment_name)


def screening(dossier: ProposalDossier) -> None:
    if dossier.check_reasons:
        st.warning(
            "The eligibility check finds:\n\n"
            + "\n".join(f"- {plain(r)}" for r in dossier.check_reasons),
            icon=":material/rule:",
        )
    else:
        st.success("The eligibility check finds no problem.", icon=":material/rule:")
    if dossier.screened_at:
        st.markdown(
            f"Screened at {when(dossier.screened_at)}: "
            f"**{plain(dossier.status)}**. "
            f"Reason: {plain(dossier.screening_reason or 'none given')}"
        )
    else:
        st.markdown("Not screened yet.")


def history(dossier: ProposalDossier) -> None:
    st.dataframe(
        dossier.versions,
        hide_index=True,
        column_config={
            "version": "Version",
            "submitted_at": st.column_config.DatetimeColumn("Saved", format="D MMM YYYY, HH:mm"),
            "changed": "What changed",
        },
    )


def judges(dossier: ProposalDossier) -> None:
    st.markdown("**Assignments**")
    if dossier.assignments.empty:
        st.caption("No judge is assigned.")
    else:
        st.dataframe(dossier.assignments, hide_index=True, column_config={
            "judge": "Judge", "state": "State", "published": "Published to the judge",
            "due_at": st.column_config.DatetimeColumn("Due", format="D MMM YYYY"),
            "abstain_reason": "Why they abstained",
        })  # fmt: skip
    st.markdown("**Conflicts with the organisation**")
    if dossier.conflicts.empty:
        st.caption("No conflict is recorded.")
    else:
        st.dataframe(dossier.conflicts, hide_index=True, column_config={
            "judge": "Judge", "source": "How it arose", "status": "Status", "reason": "Reason",
            "created_at": st.column_config.DatetimeColumn("Recorded", format="D MMM YYYY"),
            "blocking": st.column_config.CheckboxColumn("Keeps the judge away"),
        })  # fmt: skip


TEXT_ROWS = ("Comment for the applicant", "Moderated wording", "Note for the panel", "Flags")


def reviews(dossier: ProposalDossier) -> None:
    for notice in dossier.review_notices:
        st.warning(plain(notice), icon=":material/flag:")
    if dossier.reviews.empty:
        st.caption("No review yet.")
        return
    scores = dossier.reviews.drop(index=list(TEXT_ROWS))
    st.dataframe(scores, width="stretch")
    for column, judge in zip(
        st.columns(len(dossier.reviews.columns)), dossier.reviews.columns, strict=True
    ):
        with column:
            st.markdown(f"**{plain(judge)}**")
            for row in TEXT_ROWS:
                text = dossier.reviews.loc[row, judge]
                if text:
                    st.markdown(f"_{row}_\n\n{plain(text)}")


def decisions_and_audit(dossier: ProposalDossier) -> None:
    st.markdown("**Decisions**")
    if dossier.decisions.empty:
        st.caption("No decision yet.")
    else:
        frame = dossier.decisions.assign(
            amount=dossier.decisions["amount_pence"].map(
                lambda p: "" if pd.isna(p) else pounds(int(p))
            ),
            released=dossier.decisions["released_at"].map(
                lambda t: "not yet" if pd.isna(t) else when(t)
            ),
        ).drop(columns=["amount_pence", "released_at"])
        st.dataframe(frame, hide_index=True, column_config={
            "stage": "Stage", "outcome": "Outcome", "rationale": "Rationale", "by": "Decided by",
            "decided_at": st.column_config.DatetimeColumn("Decided", format="D MMM YYYY, HH:mm"),
            "amount": "Amount", "released": "Released to the applicant",
        })  # fmt: skip
    st.markdown("**Audit trail**")
    st.dataframe(dossier.audit, hide_index=True, column_config={
        "at": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm"),
        "who": "Who", "action": "What", "object_type": "On", "object_id": "Number",
        "before": "Before", "after": "After",
    })  # fmt: skip
