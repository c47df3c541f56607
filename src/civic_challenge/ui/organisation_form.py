"""My organisation's parts: the eligibility check, the profile form, co-applicants.

The profile's fields keep their values in session state under fixed keys: filled once when the
page is opened (or after a save), never refilled because the stored profile changed, so a save
refused because a co-applicant (or another tab) changed it keeps what was typed; the refusal is
drawn next to the button with both versions side by side (`ui.stale`).
"""

import streamlit as st

from civic_challenge.domain.companies import MAX_NAME, MAX_WEBSITE, OrganisationInput
from civic_challenge.domain.money_input import pounds_text
from civic_challenge.services.organisations import Borough, OrganisationView
from civic_challenge.ui import limited_text, stale
from civic_challenge.ui.feedback import field_problems, problem_summary, show_here
from civic_challenge.ui.text import plain

FORM = "organisation"
LOADED_KEY = "org_loaded"  # (the version the form was drawn from,)
_KEYS = ("org_name", "org_number", "org_employees", "org_turnover", "org_borough", "org_website")
LABELS = {
    "name": "Organisation name",
    "companies_house_number": "Companies House number",
    "employees": "Number of employees",
    "turnover": "Annual turnover (£)",
    "borough_code": "London borough",
    "website": "Website",
}


def eligibility(reasons: list[str] | None) -> None:
    """The self-check, before anyone invests time in a proposal."""
    st.header("Can you apply?")
    if reasons is None:
        st.info("No challenge is open yet, so there is nothing to check against.")
    elif reasons:
        st.warning(
            "Not yet, as your profile stands:\n\n" + "\n".join(f"- {plain(r)}" for r in reasons),
            icon=":material/warning:",
        )
    else:
        st.success(
            "Yes: your organisation meets this challenge's rules. The amount you ask for is "
            "checked when you submit.",
            icon=":material/check_circle:",
        )


def load(current: OrganisationView | None) -> None:
    """Fill the fields from the stored profile when the page is opened or after a save; not
    when the stored version moves (that would replace what the applicant is typing)."""
    loaded = st.session_state.get(LOADED_KEY)
    if loaded is not None and all(key in st.session_state for key in _KEYS):
        return
    stale.clear(FORM)
    version = current.version if current else None
    for key, value in zip(_KEYS, stored_values(current), strict=True):
        st.session_state[key] = value
    st.session_state[LOADED_KEY] = (version,)


def stored_values(current: OrganisationView | None) -> tuple:
    """The profile as the form shows it, in the order of the form's fields."""
    return (
        current.name if current else "",
        (current.companies_house_number or "") if current else "",
        current.employees if current else None,
        pounds_text(current.turnover_pence) if current else "",
        current.borough_code if current else None,
        current.website if current else "",
    )


def loaded_version() -> int | None:
    return (st.session_state.get(LOADED_KEY) or (None,))[0]


def forget_loaded() -> None:
    st.session_state.pop(LOADED_KEY, None)


def profile_form(current: OrganisationView | None, boroughs: tuple[Borough, ...]):  # type: ignore[no-untyped-def]
    """The profile; returns what was typed when saved, else None."""
    names = {b.code: b.name for b in boroughs}
    with st.form(FORM):
        problem_summary(FORM)
        name = limited_text.text_input(
            "Organisation name", key=_KEYS[0], limit=MAX_NAME,
            help="Your registered name, as on Companies House if you are a company.",
        )  # fmt: skip
        field_problems(FORM, "name", name)
        number = st.text_input(
            "Companies House number (if registered)", key=_KEYS[1],
        )  # fmt: skip
        st.caption(
            "8 characters: eight digits (01234567) or two letters and six digits (SC123456)."
        )
        field_problems(FORM, "companies_house_number", number)
        employees = st.number_input(
            "Number of employees", key=_KEYS[2], step=1,
        )  # fmt: skip
        st.caption("Full-time equivalent staff, including directors who are paid: 0 or more.")
        field_problems(FORM, "employees", employees)
        turnover = st.text_input(
            "Annual turnover (£)", key=_KEYS[3],
        )  # fmt: skip
        st.caption("From your last annual accounts, in pounds: for example 450000.")
        field_problems(FORM, "turnover", turnover)
        borough = st.selectbox(
            "London borough", list(names), key=_KEYS[4], index=None, format_func=names.get,
            placeholder="Where your organisation is based",
        )  # fmt: skip
        st.caption("Where your main office is. Leave empty if you are based outside London.")
        field_problems(FORM, "borough_code", borough)
        website = limited_text.text_input(
            "Website (optional)", key=_KEYS[5], limit=MAX_WEBSITE,
            help="For example https://example.co.uk.",
        )  # fmt: skip
        field_problems(FORM, "website", website)
        label = "Save profile" if current else "Create organisation"
        saved = st.form_submit_button(label, type="primary")
    show_here(FORM)
    if not saved:
        return None
    return OrganisationInput(
        name=name,
        companies_house_number=number,
        employees=None if employees is None else int(employees),
        turnover=turnover,
        borough_code=borough,
        website=website,
    )


def typed_values() -> OrganisationInput:
    """What the fields hold now (for "Keep mine", clicked outside the form)."""
    state = st.session_state
    employees = state.get(_KEYS[2])
    return OrganisationInput(
        name=state.get(_KEYS[0]) or "",
        companies_house_number=state.get(_KEYS[1]) or "",
        employees=None if employees is None else int(employees),
        turnover=state.get(_KEYS[3]) or "",
        borough_code=state.get(_KEYS[4]),
        website=state.get(_KEYS[5]) or "",
    )


def members(people: list[tuple[str, str]]) -> None:
    st.header("Co-applicants")
    st.caption("Everyone here can write, submit and withdraw your organisation's proposals.")
    st.markdown("\n".join(f"- {plain(name)} ({plain(email)})" for name, email in people))


def invite_form() -> str | None:
    """The colleague's email, when the invite button is pressed."""
    with st.form("co_applicant", clear_on_submit=True):
        problem_summary("co_applicant")
        email = st.text_input(
            "Colleague's email", max_chars=254,
        )  # fmt: skip
        st.caption("They get a one-time link to join your organisation; send it to them yourself.")
        field_problems("co_applicant", "email")
        asked = st.form_submit_button("Create invite link")
    return email if asked else None
