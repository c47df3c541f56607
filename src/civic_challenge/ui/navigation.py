"""The pages each role may open, built on every run from who is signed in.

Leaving a page out of a role's list is routing, not security: every service re-checks.
"""

import streamlit as st

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView


def _page(file: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(
        f"pages/{file}.py", title=title, icon=icon, default=default, url_path=file.replace("_", "-")
    )


def pages_for(user: UserView | None) -> dict[str, list[st.Page]]:
    """Sections of the sidebar for this user; exactly one page is the default."""
    if user is None:
        return {
            "": [
                _page("landing", "The challenge", ":material/home:", default=True),
                _page("sign_in", "Sign in", ":material/login:"),
                _page("register", "Register your organisation", ":material/person_add:"),
                _page("accept_invite", "Accept an invite", ":material/mail:"),
            ]
        }
    sections: dict[str, list[st.Page]] = {
        "": [_page("landing", "The challenge", ":material/home:", default=True)]
    }
    if user.role is Role.ORGANISER:
        sections["Organise"] = [_page("people", "People", ":material/group:")]
    sections["You"] = [_page("account", "Your account", ":material/person:")]
    return sections
