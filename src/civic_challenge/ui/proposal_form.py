"""The Proposal page's form fields, with the rubric's help, and where their values come from.

Widget values live in session state under fixed `pf_*` keys (never with a version in them):
filled when a proposal is opened, or when its widgets were cleared by a visit to another page,
from the applicant's autosaved work if there is one, else from the database; left alone
otherwise, so a refused save loses nothing. Text limits are checked by us (`ui.limited_text`),
so a long paste is kept and counted. Loading and saving are in
`ui.proposal_editing`.
"""

from dataclasses import replace

import streamlit as st

from civic_challenge.domain.attachments import MAX_BYTES, Upload, pdf_problems, refused_choice
from civic_challenge.domain.proposals import TEXT_LABELS, TEXT_LIMITS, ProposalDraft
from civic_challenge.services.proposal_views import FormSetup, ProposalView
from civic_challenge.ui import feedback, limited_text, stale, upload_watch
from civic_challenge.ui.text import plain, pounds

FORM = "proposal"
LOADED_KEY = "pf_loaded"  # (proposal id or NEW, the version the form was drawn from)
AUTOSAVED_KEY = "pf_autosaved"  # (the draft last autosaved or loaded, when it was autosaved)
STAGE_KEY = "pf_stage"  # the stored proposal's stage as last known: draft or submitted
REFUSED_FILE_KEY = "pf_refused_file"  # (file name, why the browser refused it)
UPLOAD_ROUND_KEY = "pf_upload_round"  # a fresh uploader after each save
REMOVE_KEY = "pf_remove"
FROM_DATABASE_KEY = "pf_from_database"
NEW = 0
TEXT_KEYS = {name: f"pf_{name}" for name in TEXT_LIMITS}
KEYS = {
    "statement_id": "pf_statement",
    "secondary_theme_ids": "pf_secondary",
    "amount": "pf_amount",
    "pilot_boroughs": "pf_boroughs",
    "consent": "pf_consent",
    **TEXT_KEYS,
}


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
    )
    st.caption("Your organisation's proposals to this challenge. Drafts are kept until you submit.")
    if chosen != current:
        _open(chosen)
    return None if chosen == NEW else chosen


def _open(proposal_id: int) -> None:
    if proposal_id == NEW:
        st.query_params.pop("id", None)
    else:
        st.query_params["id"] = str(proposal_id)
    forget_loaded()
    stale.clear(FORM)
    feedback.clear_problems(FORM)
    st.rerun()


def forget_loaded(*, from_database: bool = False) -> None:
    """Fill the form again on the next run: from the autosave if there is one, or with
    `from_database` (after a save, or "Use the saved version") from the database only."""
    st.session_state.pop(LOADED_KEY, None)
    st.session_state[FROM_DATABASE_KEY] = from_database
    st.session_state.pop(REMOVE_KEY, None)
    st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1


def loaded_version() -> int | None:
    loaded = st.session_state.get(LOADED_KEY)
    return loaded[1] if loaded else None


def known_choices(setup: FormSetup, draft: ProposalDraft) -> ProposalDraft:
    """The draft without choices that no longer exist (a statement removed since it was typed)."""
    statements = {s.id for s in setup.statements}
    boroughs = {b.code for b in setup.boroughs}
    return replace(
        draft,
        statement_id=draft.statement_id if draft.statement_id in statements else None,
        secondary_theme_ids=tuple(t for t in draft.secondary_theme_ids if t in setup.themes),
        pilot_boroughs=tuple(b for b in draft.pilot_boroughs if b in boroughs),
    )


def fields(setup: FormSetup, view: ProposalView | None, *, disabled: bool = False):  # type: ignore[no-untyped-def]
    """Every field, each with its help and its problems under it; returns the upload and
    whether to remove the stored PDF."""
    helps = {name: plain(text) for name, text in setup.help.items()}
    statements = {s.id: s for s in setup.statements}
    st.header("Your challenge")
    st.selectbox(
        "Challenge statement",
        list(statements),
        index=None,
        key=KEYS["statement_id"],
        format_func=lambda sid: f"{statements[sid].title} ({statements[sid].theme_name})",
        placeholder="Choose the challenge your pilot answers",
        disabled=disabled,
    )
    st.caption(helps["statement"])
    _problems("statement", "statement_id")
    st.multiselect(
        "Other themes (optional)",
        list(setup.themes),
        key=KEYS["secondary_theme_ids"],
        format_func=setup.themes.get,
        disabled=disabled,
    )
    st.caption(helps["secondary_themes"])
    _problems("secondary_themes", "secondary_theme_ids")
    st.header("Your proposal")
    for name, key in TEXT_KEYS.items():
        widget = limited_text.text_input if name == "title" else limited_text.text_area
        widget(
            TEXT_LABELS[name],
            limit=TEXT_LIMITS[name],
            key=key,
            help=helps[name],
            disabled=disabled,
        )
        _problems(name, name)
    st.header("Money and place")
    ceilings = ", ".join(f"{plain(s.title)}: {pounds(s.ceiling_pence)}" for s in setup.statements)
    st.text_input(
        "Amount requested (£)",
        key=KEYS["amount"],
        disabled=disabled,
    )
    st.caption(f"{helps['amount']}  \nMost awarded per statement: {ceilings}.")
    _problems("amount", "amount")
    names = {b.code: b.name for b in setup.boroughs}
    st.multiselect(
        "Pilot boroughs",
        list(names),
        key=KEYS["pilot_boroughs"],
        format_func=names.get,
        placeholder="Choose one or more London boroughs",
        disabled=disabled,
    )
    st.caption(helps["pilot_boroughs"])
    _problems("pilot_boroughs", "pilot_boroughs")
    return _attachment(setup, view, disabled)


def _problems(field: str, name: str) -> None:
    """A field's problems from the last refusal, until the applicant changes the field."""
    feedback.field_problems(FORM, field, _comparable(st.session_state.get(KEYS[name])))


def _comparable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def refused_values(draft: ProposalDraft) -> dict[str, object]:
    """The draft's values by the names the rules give their problems (for `remember_problems`)."""
    values: dict[str, object] = {name: getattr(draft, name) for name in TEXT_KEYS}
    return values | {
        "statement": draft.statement_id,
        "secondary_themes": draft.secondary_theme_ids,
        "amount": draft.amount,
        "pilot_boroughs": draft.pilot_boroughs,
        "consent": draft.consent,
    }


def _attachment(setup: FormSetup, view: ProposalView | None, disabled: bool):  # type: ignore[no-untyped-def]
    st.header("Supporting document and consent")
    remove = False
    if view and view.attachment_name:
        size = f"{(view.attachment_size or 0) / 1024:,.0f} KB"
        st.caption(f"Attached: **{plain(view.attachment_name)}** ({size}).")
        remove = st.checkbox(
            "Remove the attached PDF",
            key=REMOVE_KEY,
            disabled=disabled,
        )
        st.caption("Leave unticked to keep it. Uploading a new PDF replaces it.")
    upload = None
    if not disabled:
        upload = _uploader(setup)
    feedback.field_problems(FORM, "attachment")
    st.checkbox(plain(setup.consent_text), key=KEYS["consent"], disabled=disabled)
    st.caption(plain(setup.help["consent"]))
    _problems("consent", "consent")
    feedback.field_problems(FORM, "eligibility")
    return upload, remove


def _uploader(setup: FormSetup) -> Upload | None:
    """The PDF chosen, if the browser sent one; what was wrong with it said next to the field,
    including a file the browser refused before sending it (too big, not a PDF)."""
    key = f"pf_attachment_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}"
    uploaded = st.file_uploader(
        "Supporting PDF (optional)",
        type=["pdf"],
        key=key,
        max_upload_size=MAX_BYTES // (1024 * 1024),
    )
    st.caption(setup.help["attachment"])
    for chosen in upload_watch.chosen(key):
        reason = refused_choice(chosen.name, chosen.size)
        if reason:
            st.session_state[REFUSED_FILE_KEY] = (chosen.name, reason)
        else:
            st.session_state.pop(REFUSED_FILE_KEY, None)
    upload = Upload(uploaded.name, uploaded.getvalue()) if uploaded is not None else None
    problems = pdf_problems(upload) if upload is not None else []
    if upload is not None and problems:
        st.session_state[_BAD_UPLOAD_KEY] = (upload.filename, problems[0])
    else:
        st.session_state.pop(_BAD_UPLOAD_KEY, None)
    refused = refused_file()
    if refused:
        name, reason = refused
        st.error(f"{plain(name)} cannot be attached: {plain(reason)}", icon=":material/error:")
    return upload


_BAD_UPLOAD_KEY = "pf_bad_upload"


def refused_file() -> tuple[str, str] | None:
    """(name, why) of the file chosen last, if it cannot be attached: refused by the browser
    (too big, not a PDF) or received but unusable (empty, unreadable)."""
    return st.session_state.get(REFUSED_FILE_KEY) or st.session_state.get(_BAD_UPLOAD_KEY)


def forget_refused_file() -> None:
    st.session_state.pop(REFUSED_FILE_KEY, None)


def fill(draft: ProposalDraft) -> None:
    """Put `draft` into the widgets (before they are drawn in this run)."""
    for name, key in KEYS.items():
        value = getattr(draft, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value


def typed_draft() -> ProposalDraft:
    state = st.session_state
    return ProposalDraft(
        statement_id=state.get(KEYS["statement_id"]),
        secondary_theme_ids=tuple(state.get(KEYS["secondary_theme_ids"]) or ()),
        amount=state.get(KEYS["amount"]) or "",
        pilot_boroughs=tuple(state.get(KEYS["pilot_boroughs"]) or ()),
        consent=bool(state.get(KEYS["consent"])),
        **{name: state.get(key) or "" for name, key in TEXT_KEYS.items()},
    )
