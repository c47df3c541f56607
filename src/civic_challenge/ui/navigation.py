"""The pages each role may open, built on every run from who is signed in.

Leaving a page out of a role's list is routing, not security: every service re-checks.
"""

import streamlit as st

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView


def _page(file: str, title: str, *, default: bool = False) -> st.Page:
    """No icons: a page's icon becomes the browser tab's icon, and a Material one is then
    fetched from the internet (the app must work offline)."""
    return st.Page(f"pages/{file}.py", title=title, default=default, url_path=file)


def pages_for(user: UserView | None) -> dict[str, list[st.Page]]:
    """Sections of the sidebar for this user; exactly one page is the default."""
    if user is None:
        return {
            "": [
                _page("landing", "The challenge", default=True),
                _page("sign_in", "Sign in"),
                _page("register", "Register your organisation"),
                _page("accept_invite", "Accept an invite"),
            ]
        }
    sections: dict[str, list[st.Page]] = {"": [_page("landing", "The challenge", default=True)]}
    if user.role is Role.APPLICANT:
        sections["Apply"] = [
            _page("my_proposals", "My proposals"),
            _page("proposal", "Proposal"),
            _page("my_organisation", "My organisation"),
        ]
    if user.role is Role.ORGANISER:
        sections["Organise"] = [_page("people", "People")]
        sections["Organise"] += [
            _page("screening", "Proposals"),
            _page("rubric", "Rubric"),
            _page("judging", "Judging"),
            _page("assignments", "Assignments"),
        ]
        sections["Organise"] += [_page("results", "Results")]
        sections["Organise"] += [
            _page("dashboard", "Dashboard"),
            _page("decisions", "Decisions"),
            _page("exports", "Exports"),
            _page("audit_log", "Audit log"),
            _page("setup", "Set-up"),
        ]
    if user.role is Role.JUDGE:
        sections["Judge"] = [
            _page("conflicts", "Conflicts"),
            _page("queue", "My queue"),
            _page("score", "Score"),
        ]
    sections["You"] = [_page("account", "Your account")]
    return sections


def every_page() -> list[st.Page]:
    """All pages, whoever may open them: only to leave Streamlit's legacy pages/ mode."""
    people = [None, *(UserView(0, "", "", role, None) for role in Role)]
    unique = {}
    for person in people:
        for section in pages_for(person).values():
            for page in section:
                unique.setdefault(page.url_path, page)
    return list(unique.values())
