"""Saving the applicant's proposal form: a draft, a submission or changes to a submitted one,
each outcome said next to the buttons in words that say exactly what was kept; a save refused
because the proposal changed elsewhere shows the applicant's values beside the stored ones."""

import streamlit as st

from civic_challenge.domain.attachments import Upload
from civic_challenge.domain.money_input import read_pounds
from civic_challenge.domain.proposals import AMOUNT, TEXT_LABELS, TEXT_LIMITS, ProposalDraft
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.proposal_access import ChangedElsewhere
from civic_challenge.services.proposal_drafts import discard_proposal_autosave
from civic_challenge.services.proposal_views import FormSetup, ProposalView
from civic_challenge.services.proposals import open_proposal, save_draft, submit_proposal
from civic_challenge.ui import feedback, limited_text, proposal_form, proposal_views, stale
from civic_challenge.ui.actions import not_saved
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.proposal_form import AUTOSAVED_KEY, FORM, STAGE_KEY
from civic_challenge.ui.text import clock_time, plain


def save(
    actor: UserView,
    setup: FormSetup,
    view: ProposalView | None,
    kind: str,
    draft: ProposalDraft,
    upload: Upload | None,
    remove: bool,
    version: int | None,
) -> None:
    """Run the save and rerun with its outcome next to the buttons."""
    refused_file = proposal_form.refused_file()
    if kind == "draft" and _too_long(draft):
        _kept_but_too_long(draft)
    if kind == "draft" and refused_file:
        upload = None  # the draft is saved; the file is not, and the message says so
    service = submit_proposal if kind == "submit" else save_draft
    try:
        with db_session() as session:
            saved = service(
                session=session, actor=actor, proposal_id=view.id if view else None,
                draft=draft, expected_version=version, now=now(), upload=upload,
                remove_attachment=remove,
            )  # fmt: skip
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems, proposal_form.refused_values(draft))
        feedback.say_here(FORM, "error", not_saved(invalid.problems))
        st.rerun()
    except ChangedElsewhere:
        assert view is not None
        with db_reader() as session:
            current = open_proposal(session=session, actor=actor, proposal_id=view.id, now=now())
        refuse(setup, draft, current)
        st.rerun()
    except ServiceError as refusal:
        feedback.say_here(FORM, "error", plain(str(refusal)))
        st.rerun()
    _saved(saved, first=kind == "submit" and not (view and view.reference), file=refused_file)


def _saved(saved: ProposalView, *, first: bool, file: tuple[str, str] | None) -> None:
    feedback.clear_problems(FORM)
    stale.clear(FORM)
    st.query_params["id"] = str(saved.id)
    proposal_form.forget_loaded(from_database=True)
    proposal_form.forget_refused_file()
    note = ""
    if file:
        name, reason = file
        kept = " The PDF attached before is kept." if saved.attachment_name else ""
        note = f"; your new file {plain(name)} was not attached: {_clause(reason)}.{kept}"
    if first:
        st.session_state[proposal_views.CONFIRM_KEY] = saved.id
        if note:
            feedback.flash("warning", "Your proposal was submitted" + note)
    elif saved.stage == "draft":
        words = f"Draft saved at {clock_time(saved.updated_at)}"
        feedback.say_here(FORM, "warning" if note else "success", words + (note or "."))
    else:
        words = f"Your changes are saved and submitted ({plain(saved.reference or '')})"
        feedback.say_here(FORM, "warning" if note else "success", words + (note or "."))
    st.rerun()


def _clause(reason: str) -> str:
    """A reason as words following a colon: "the file is empty" rather than "The file ..."."""
    return (reason[:1].lower() + reason[1:]).rstrip(".")


def _too_long(draft: ProposalDraft) -> bool:
    return any(len(draft.text(name)) > limit for name, limit in TEXT_LIMITS.items())


def _kept_but_too_long(draft: ProposalDraft) -> None:
    """A draft with over-long text: kept by the autosave; the applicant told what to shorten."""
    problems = {
        name: [f"Shorten this before you submit: {limited_text.counter(draft.text(name), limit)}."]
        for name, limit in TEXT_LIMITS.items()
        if len(draft.text(name)) > limit
    }
    feedback.remember_problems(FORM, problems, proposal_form.refused_values(draft))
    _, saved_at = st.session_state[AUTOSAVED_KEY]
    feedback.say_here(
        FORM,
        "warning",
        f"Draft saved at {clock_time(saved_at or now())}. "
        "Shorten the text marked above before you submit.",
    )
    st.rerun()


def refuse(setup: FormSetup, draft: ProposalDraft, current: ProposalView) -> None:
    """Hold the refusal: the applicant's values beside the proposal as stored now."""
    st.session_state[STAGE_KEY] = current.stage
    at = f", saved at {clock_time(current.updated_at)}"
    found = {"Proposal": ("Your form (not saved)", f"{current.status_words}{at}")}
    labels = {
        "statement": "Challenge statement",
        "themes": "Other themes",
        **TEXT_LABELS,
        "amount": "Amount requested (£)",
        "boroughs": "Pilot boroughs",
        "consent": "Consent",
    }
    mine, stored = _shown(setup, draft), _shown(setup, current.draft)
    stale.refuse(FORM, found | stale.differences(labels, mine, stored), current.version)


def _shown(setup: FormSetup, draft: ProposalDraft) -> dict[str, object]:
    """The draft's values as people read them: names for ids, an amount as pence."""
    statements = {s.id: s.title for s in setup.statements}
    boroughs = {b.code: b.name for b in setup.boroughs}
    pence, problem = read_pounds(draft.amount, what=AMOUNT)
    return {name: draft.text(name) for name in TEXT_LIMITS} | {
        "statement": statements.get(draft.statement_id or 0, draft.statement_id),
        "themes": [setup.themes.get(t, t) for t in draft.secondary_theme_ids],
        "amount": draft.amount if problem or pence is None else f"£{pence / 100:,.2f}",
        "boroughs": [boroughs.get(b, b) for b in draft.pilot_boroughs],
        "consent": "Given" if draft.consent else "Not given",
    }


def use_saved(actor: UserView, view: ProposalView | None) -> None:
    """Drop the applicant's values for the stored proposal: forget the autosave, refill."""
    try:
        with db_session() as session:
            discard_proposal_autosave(
                session=session, actor=actor, proposal_id=view.id if view else None
            )
    except ServiceError as refusal:
        feedback.say_here(FORM, "error", plain(str(refusal)))
        st.rerun()
    stale.clear(FORM)
    feedback.clear_problems(FORM)
    proposal_form.forget_loaded(from_database=True)
    feedback.say_here(FORM, "info", "The saved version is in the form now.")
    st.rerun()
