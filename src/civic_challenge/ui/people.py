"""The People page's parts: the invite form, the list of users, deactivation."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from civic_challenge.config import get_settings
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.mail.links import page_link
from civic_challenge.ui.links import base_url
from civic_challenge.ui.text import plain

ROLE_CHOICES = {Role.JUDGE: "Judge", Role.ORGANISER: "Organiser"}
LINK_KEY = "civic_invite_link"


def invite_link(token: str) -> str:
    """The Accept an invite address on this server (or on CIVIC_PUBLIC_URL behind a proxy)."""
    return page_link(base_url(), "accept_invite", token=token) or (
        "accept_invite?" + urlencode({"token": token})
    )


def show_new_link() -> None:
    link = st.session_state.get(LINK_KEY)
    if link:
        email, url = link
        days = get_settings().invite_days
        if get_settings().sends_mail:
            words = (
                f"Invite emailed to {plain(email)}. The link works once, for {days} days. "
                "If the message does not arrive, you can pass the link on yourself:"
            )
        else:
            words = (
                f"Invite created for {plain(email)}. No email leaves this installation, so "
                f"send them this link yourself; it works once, for {days} days:"
            )
        st.success(words, icon=":material/check_circle:")
        st.code(url, language=None)


def people_table(people: pd.DataFrame) -> None:
    shown = people.assign(
        role=people["role"].str.capitalize(),
        is_active=people["is_active"].map({True: "Active", False: "Deactivated"}),
        created_at=people["created_at"].dt.strftime("%d %b %Y"),
    )
    st.dataframe(
        shown.drop(columns=["id"]),
        hide_index=True,
        column_config={
            "name": "Name",
            "email": "Email",
            "role": "Role",
            "is_active": "Status",
            "created_at": "Joined",
        },
    )


def deactivation_choices(people: pd.DataFrame, actor: UserView) -> dict[int, str]:
    active = people[people["is_active"] & (people["id"] != actor.id)]
    return {int(row.id): f"{row.name} <{row.email}> ({row.role})" for row in active.itertuples()}
