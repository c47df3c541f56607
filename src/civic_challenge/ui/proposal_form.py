"""The Proposal page's form: its fields with the rubric's help, loaded once per version.

Widget values live in session state under `pf_*` keys: filled from the database when a proposal
is opened (or reloaded after a save), left alone otherwise, so a refused save loses nothing.
"""

from dataclasses import dataclass

import streamlit as st

from civic_challenge.domain.attachments import Upload
from civic_challenge.domain.proposals import TEXT_LABELS, TEXT_LIMITS, ProposalDraft
from civic_challenge.services.proposal_views import FormSetup, ProposalView
from civic_challenge.ui import feedback, proposal_views
from civic_challenge.ui.feedback import field_problems, problem_summary
from civic_challenge.ui.text import plain, pounds, when

FORM = "proposal"
LOADED_KEY = "pf_loaded"
NEW = 0
_TEXT_KEYS = {name: f"pf_{name}" for name in TEXT_LIMITS}
_KEYS = {
    "statement_id": "pf_statement",
    "secondary_theme_ids": "pf_secondary",
    "amount": "pf_amount",
    "pilot_boroughs": "pf_boroughs",
    "consent": "pf_consent",
    **_TEXT_KEYS,
}


@dataclass(frozen=True)
class Action:
    kind: str  # "draft" or "submit"
    draft: ProposalDraft
    upload: Upload | None
    remove_attachment: bool


def choose_proposal(setup: FormSetup) -> int | None:
    """Which proposal is open: from the address (?id=), so a reload finds it again."""
    options = [NEW, *setup.proposals]
    asked = st.query_params.get("id", "")
    current = int(asked) if asked.isdigit() else (next(iter(setup.proposals), NEW))
    if current not in options:  # someone else's or unknown: let the service say so
        return current
    chosen = st.selectbox(
        "Proposal to work on",
        options,
        index=options.index(current),
        format_func=lambda pid: "Start a new proposal" if pid == NEW else setup.proposals[pid],
        help="Your organisation's proposals to this challenge. Drafts are kept until you submit.",
    )
    if chosen != current:
        _open(chosen)
    return None if chosen == NEW else chosen


def _open(proposal_id: int) -> None:
    if proposal_id == NEW:
        st.query_params.pop("id", None)
    else:
        st.query_params["id"] = str(proposal_id)
    forget_loaded()
    st.session_state.pop(REFUSED_KEY, None)
    st.rerun()


def forget_loaded() -> None:
    st.session_state.pop(LOADED_KEY, None)


def loaded_version() -> int | None:
    loaded = st.session_state.get(LOADED_KEY)
    return loaded[1] if loaded else None


def load(view: ProposalView | None) -> None:
    """Fill the widgets from `view` when it is newly opened or its widgets were cleared."""
    marker = (view.id if view else NEW, view.version if view else None)
    loaded = st.session_state.get(LOADED_KEY)
    if loaded and loaded[0] == marker[0] and all(key in st.session_state for key in _KEYS.values()):
        return
    draft = view.draft if view else ProposalDraft()
    for name, key in _KEYS.items():
        value = getattr(draft, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state[LOADED_KEY] = marker


def fields(setup: FormSetup, view: ProposalView | None, *, disabled: bool = False):  # type: ignore[no-untyped-def]
    """Every field, each with its help and its problems under it; returns the upload and
    whether to remove the stored PDF."""
    helps = setup.help
    statements = {s.id: s for s in setup.statements}
    st.subheader("Your challenge")
    st.selectbox(
        "Challenge statement",
        list(statements),
        index=None,
        key=_KEYS["statement_id"],
        format_func=lambda sid: f"{statements[sid].title} ({statements[sid].theme_name})",
        placeholder="Choose the challenge your pilot answers",
        help=helps["statement"],
        disabled=disabled,
    )
    field_problems(FORM, "statement")
    st.multiselect(
        "Other themes (optional)",
        list(setup.themes),
        key=_KEYS["secondary_theme_ids"],
        format_func=setup.themes.get,
        help=helps["secondary_themes"],
        disabled=disabled,
    )
    field_problems(FORM, "secondary_themes")
    st.subheader("Your proposal")
    for name, key in _TEXT_KEYS.items():
        widget = st.text_input if name == "title" else st.text_area
        widget(
            TEXT_LABELS[name],
            max_chars=TEXT_LIMITS[name],
            key=key,
            help=helps[name],
            disabled=disabled,
        )
        field_problems(FORM, name)
    st.subheader("Money and place")
    ceilings = ", ".join(f"{plain(s.title)}: {pounds(s.ceiling_pence)}" for s in setup.statements)
    st.text_input(
        "Amount requested (£)",
        key=_KEYS["amount"],
        help=f"{helps['amount']}  \nMost awarded per statement: {ceilings}.",
        disabled=disabled,
    )
    field_problems(FORM, "amount")
    names = {b.code: b.name for b in setup.boroughs}
    st.multiselect(
        "Pilot boroughs",
        list(names),
        key=_KEYS["pilot_boroughs"],
        format_func=names.get,
        placeholder="Choose one or more London boroughs",
        help=helps["pilot_boroughs"],
        disabled=disabled,
    )
    field_problems(FORM, "pilot_boroughs")
    return _attachment(setup, view, disabled)


def _attachment(setup: FormSetup, view: ProposalView | None, disabled: bool):  # type: ignore[no-untyped-def]
    st.subheader("Supporting document and consent")
    remove = False
    if view and view.attachment_name:
        size = f"{(view.attachment_size or 0) / 1024:,.0f} KB"
        st.caption(f"Attached: **{plain(view.attachment_name)}** ({size}).")
        remove = st.checkbox(
            "Remove the attached PDF",
            key=f"pf_remove_{_version_tag()}",
            help="Leave unticked to keep it. Uploading a new PDF replaces it.",
            disabled=disabled,
        )
    uploaded = None
    if not disabled:
        uploaded = st.file_uploader(
            "Supporting PDF (optional)",
            type=["pdf"],
            key=f"pf_attachment_{_version_tag()}",
            help=setup.help["attachment"],
            max_upload_size=10,
        )
    field_problems(FORM, "attachment")
    st.checkbox(
        setup.consent_text, key=_KEYS["consent"], help=setup.help["consent"], disabled=disabled
    )
    field_problems(FORM, "consent")
    field_problems(FORM, "eligibility")
    upload = Upload(uploaded.name, uploaded.getvalue()) if uploaded is not None else None
    return upload, remove


def _version_tag() -> str:
    """A fresh uploader after each save, so a stored PDF is not sent again."""
    loaded = st.session_state.get(LOADED_KEY) or (NEW, None)
    return f"{loaded[0]}_{loaded[1]}"


def typed_draft() -> ProposalDraft:
    state = st.session_state
    return ProposalDraft(
        statement_id=state.get(_KEYS["statement_id"]),
        secondary_theme_ids=tuple(state.get(_KEYS["secondary_theme_ids"]) or ()),
        amount=state.get(_KEYS["amount"]) or "",
        pilot_boroughs=tuple(state.get(_KEYS["pilot_boroughs"]) or ()),
        consent=bool(state.get(_KEYS["consent"])),
        **{name: state.get(key) or "" for name, key in _TEXT_KEYS.items()},
    )


def editable_form(setup: FormSetup, view: ProposalView | None) -> Action | None:
    """The form with its buttons; the action chosen, if any."""
    with st.form(FORM, clear_on_submit=False, enter_to_submit=False):
        problem_summary(FORM)
        upload, remove = fields(setup, view)
        submitted = view is not None and view.stage == "submitted"
        left, right = st.columns(2)
        if submitted:
            save = False
            send = left.form_submit_button(
                "Save changes", type="primary", help="Checked in full, like the first time."
            )
        else:
            save = left.form_submit_button(
                "Save draft", help="Keeps what you typed, even if it is incomplete."
            )
            send = right.form_submit_button(
                "Submit proposal",
                type="primary",
                help=f"You can still change it until {when(setup.closes_at)}.",
            )
    if not (save or send):
        return None
    return Action("submit" if send else "draft", typed_draft(), upload, remove)


REFUSED_KEY = "pf_refused"


def saved(view: ProposalView, *, first_submission: bool) -> None:
    """After a save: reopen the proposal from the database, with a message or the confirmation."""
    feedback.clear_problems(FORM)
    st.session_state.pop(REFUSED_KEY, None)
    st.query_params["id"] = str(view.id)
    forget_loaded()
    if first_submission:
        st.session_state[proposal_views.CONFIRM_KEY] = view.id
    elif view.stage == "draft":
        feedback.flash("success", f"Draft saved at {when(view.updated_at)}.")
    else:
        feedback.flash(
            "success", f"Your changes are saved and submitted ({plain(view.reference or '')})."
        )
    st.rerun()


def refused(message: str) -> None:
    """Keep a refusal (changed elsewhere, deadline) across the rerun that shows it."""
    st.session_state[REFUSED_KEY] = message
    st.rerun()


def show_refusal() -> None:
    message = st.session_state.get(REFUSED_KEY)
    if not message:
        return
    st.error(plain(message), icon=":material/sync_problem:")
    if "changed elsewhere" not in message:
        st.session_state.pop(REFUSED_KEY, None)
    elif st.button(
        "Load the latest version", help="Replaces what is on this screen with what is saved now."
    ):
        forget_loaded()
        st.session_state.pop(REFUSED_KEY, None)
        st.rerun()
