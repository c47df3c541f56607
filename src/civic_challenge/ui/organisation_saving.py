"""Saving the organisation's profile: the outcome next to the button; a save refused because a
co-applicant (or another tab) changed the profile keeps the typed values and offers a choice."""

from dataclasses import asdict

import streamlit as st

from civic_challenge.domain.companies import OrganisationInput
from civic_challenge.domain.money_input import pounds_text
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.organisations import (
    Borough,
    OrganisationView,
    ProfileChangedElsewhere,
    save_organisation,
)
from civic_challenge.ui import feedback, organisation_form, stale, unload_guard
from civic_challenge.ui.actions import not_saved
from civic_challenge.ui.database import db_session
from civic_challenge.ui.organisation_form import FORM, LABELS
from civic_challenge.ui.text import plain


def after_form(actor: UserView, typed: OrganisationInput | None, boroughs: tuple[Borough, ...]):  # type: ignore[no-untyped-def]
    """Draw the stale-write choice (if any) under the form, then run what was asked."""
    choice = stale.panel(FORM)
    refused = stale.is_refused(FORM) or bool(st.session_state.get(feedback.problems_key(FORM)))
    unload_guard.guard(FORM, dirty=refused)
    if choice == stale.USE_SAVED:
        stale.clear(FORM)
        feedback.clear_problems(FORM)
        organisation_form.forget_loaded()
        feedback.say_here(FORM, "info", "The saved profile is in the form now.")
        st.rerun()
    if choice == stale.KEEP:
        save(actor, organisation_form.typed_values(), stale.stored_version(FORM), boroughs)
    elif typed is not None:
        save(actor, typed, organisation_form.loaded_version(), boroughs)


def save(
    actor: UserView,
    typed: OrganisationInput,
    version: int | None,
    boroughs: tuple[Borough, ...],
) -> None:
    try:
        with db_session() as session:
            save_organisation(
                session=session, actor=actor, form=typed, expected_version=version, now=now()
            )
    except InvalidInput as invalid:
        feedback.remember_problems(FORM, invalid.problems, asdict(typed))
        feedback.say_here(FORM, "error", not_saved(invalid.problems))
        st.rerun()
    except ProfileChangedElsewhere as changed:
        stale.refuse(FORM, _differences(typed, changed.current, boroughs), changed.current.version)
        st.rerun()
    except ServiceError as refusal:
        feedback.say_here(FORM, "error", plain(str(refusal)))
        st.rerun()
    feedback.clear_problems(FORM)
    stale.clear(FORM)
    organisation_form.forget_loaded()
    feedback.say_here(FORM, "success", "Your organisation's profile is saved.")
    st.rerun()


def _differences(
    typed: OrganisationInput, current: OrganisationView, boroughs: tuple[Borough, ...]
) -> dict[str, tuple[str, str]]:
    names = {b.code: b.name for b in boroughs}
    mine = asdict(typed) | {"borough_code": names.get(typed.borough_code or "")}
    stored = {
        "name": current.name,
        "companies_house_number": current.companies_house_number,
        "employees": current.employees,
        "turnover": pounds_text(current.turnover_pence),
        "borough_code": names.get(current.borough_code or ""),
        "website": current.website,
    }
    return stale.differences(LABELS, mine, stored)
