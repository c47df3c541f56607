"""The applicant's proposal form while it may change: it saves itself, comes back, and never
loses what was typed.

- Loaded once per proposal (or after a visit to another page cleared its widgets) from the
  applicant's autosaved work if there is one, else from the database.
- A fragment: each change reruns the form only, and is autosaved apart from the proposal
  (`services.proposal_drafts`), so the proposal and its version are untouched and a submitted
  proposal stays as submitted until "Save changes".
- Saving, and a save refused because the proposal changed elsewhere, are in
  `ui.proposal_saving`; the outcome is drawn next to the buttons.
"""

import streamlit as st

from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.proposal_drafts import autosave_proposal, autosaved_proposal
from civic_challenge.services.proposal_views import FormSetup, ProposalView
from civic_challenge.ui import feedback, proposal_form, proposal_saving, stale, unload_guard
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.proposal_form import (
    AUTOSAVED_KEY,
    FORM,
    FROM_DATABASE_KEY,
    KEYS,
    LOADED_KEY,
    NEW,
    STAGE_KEY,
)
from civic_challenge.ui.text import clock_time, plain, when
from civic_challenge.ui.unavailable import autosave_failure, guarded


def load(actor: UserView, setup: FormSetup, view: ProposalView | None, *, editable: bool) -> None:
    """Fill the widgets when a proposal is newly opened or its widgets were cleared: from the
    applicant's autosaved work if any (even after a reload or a new sign-in), else from `view`."""
    proposal_id = view.id if view else NEW
    loaded, state = st.session_state.get(LOADED_KEY), st.session_state
    if loaded and loaded[0] == proposal_id and all(key in state for key in KEYS.values()):
        return
    restored = None
    if editable and not state.pop(FROM_DATABASE_KEY, False):
        with db_reader() as session:
            restored = autosaved_proposal(
                session=session, actor=actor, proposal_id=view.id if view else None
            )
    stored = view.draft if view else ProposalDraft()
    draft = proposal_form.known_choices(setup, restored.draft if restored else stored)
    proposal_form.fill(draft)
    base = restored.base_version if restored else (view.version if view else None)
    state[LOADED_KEY] = (proposal_id, base)
    state[AUTOSAVED_KEY] = (draft, restored.saved_at if restored else None)
    state[STAGE_KEY] = view.stage if view else "draft"
    stale.clear(FORM)
    if restored and view and restored.base_version != view.version:
        proposal_saving.refuse(setup, draft, view)


@st.fragment
@guarded
def editable_form(actor: UserView, setup: FormSetup, view: ProposalView | None) -> None:
    """The form with its buttons; saving happens here, so a change reruns the form only."""
    feedback.problem_summary(FORM)
    upload, remove = proposal_form.fields(setup, view)
    draft = proposal_form.typed_draft()
    unsaved = _autosave(actor, view, draft)
    _indicator(unsaved, view)
    kind = _buttons(setup)
    feedback.show_here(FORM)
    choice = stale.panel(FORM)
    dirty = bool(unsaved) or stale.is_refused(FORM) or proposal_form.refused_file() is not None
    unload_guard.guard(FORM, dirty=dirty)
    if kind:
        version = proposal_form.loaded_version()
        proposal_saving.save(actor, setup, view, kind, draft, upload, remove, version)
    elif choice == stale.KEEP:
        kind = "draft" if st.session_state.get(STAGE_KEY) == "draft" else "submit"
        version = stale.stored_version(FORM)
        proposal_saving.save(actor, setup, view, kind, draft, upload, remove, version)
    elif choice == stale.USE_SAVED:
        proposal_saving.use_saved(actor, view)


def _autosave(actor: UserView, view: ProposalView | None, draft: ProposalDraft) -> str | None:
    """Keep what changed since the last autosave; a message when it could not be kept."""
    last, _ = st.session_state[AUTOSAVED_KEY]
    if last == draft:
        return None
    try:
        with db_session() as session:
            saved_at = autosave_proposal(
                session=session,
                actor=actor,
                proposal_id=view.id if view else None,
                base_version=proposal_form.loaded_version(),
                draft=draft,
                now=now(),
            )
    except ServiceError as refusal:
        return f"Not saved automatically: {refusal}"
    except Exception as error:
        failure = autosave_failure(error)
        if failure is None:
            raise
        return failure
    st.session_state[AUTOSAVED_KEY] = (draft, saved_at)
    return None


def _indicator(unsaved: str | None, view: ProposalView | None) -> None:
    with st.container(key="civic_autosave_status"):
        if unsaved:
            st.warning(plain(unsaved), icon=":material/cloud_off:")
            return
        _, saved_at = st.session_state[AUTOSAVED_KEY]
        if saved_at and st.session_state.get(STAGE_KEY) == "submitted":
            st.caption(
                f":material/cloud_done: Changes saved at {clock_time(saved_at)} as a pending "
                "edit: your submitted proposal stays as it was until you click Save changes."
            )
        elif saved_at:
            st.caption(f":material/cloud_done: Draft saved at {clock_time(saved_at)}.")
        elif view and view.stage == "draft":
            st.caption(f":material/cloud_done: Draft saved at {clock_time(view.updated_at)}.")
        else:
            st.caption("Your work saves itself as a draft while you write.")


def _buttons(setup: FormSetup) -> str | None:
    left, right = st.columns(2)
    if st.session_state.get(STAGE_KEY) == "submitted":
        send = left.button(
            "Save changes",
            key="proposal_save_changes",
            type="primary",
            help="Checked in full, like the first time.",
        )
        return "submit" if send else None
    save = left.button(
        "Save draft",
        key="proposal_save_draft",
        help="Keeps what you typed, even if it is incomplete.",
    )
    send = right.button(
        "Submit proposal",
        key="proposal_submit",
        type="primary",
        help=f"You can still change it until {when(setup.closes_at)}.",
    )
    return "submit" if send else "draft" if save else None
