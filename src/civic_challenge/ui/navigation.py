"""The pages each role may open, built on every run from who is signed in.

Leaving a page out of a role's list is routing, not security: every service re-checks.
The lists are plain data (file, title, section), so tests can read them without Streamlit.

Streamlit's own sidebar navigation is hidden: once it has sections, its markup is not a valid
list (list items outside a list), which screen readers announce wrongly. The sidebar draws its
own links instead (`sidebar_links`): one link per page, under a heading per section.
"""

from dataclasses import dataclass

import streamlit as st

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    section: str = ""
    hidden: bool = False  # reachable (from a link) but not listed in the sidebar


LANDING = PageSpec("landing", "The challenge")
ANONYMOUS = (
    LANDING,
    PageSpec("sign_in", "Sign in"),
    PageSpec("register", "Register your organisation"),
    PageSpec("accept_invite", "Accept an invite"),
    PageSpec("forgot_password", "Forgot your password?", hidden=True),
    PageSpec("reset_password", "Choose a new password", hidden=True),
    PageSpec("verify_email", "Confirm your email", hidden=True),
)
BY_ROLE = {
    Role.APPLICANT: (
        PageSpec("my_proposals", "My proposals", "Apply"),
        PageSpec("proposal", "Proposal", "Apply"),
        PageSpec("my_organisation", "My organisation", "Apply"),
    ),
    Role.JUDGE: (
        PageSpec("queue", "My queue", "Judge"),
        PageSpec("score", "Score", "Judge"),
        PageSpec("conflicts", "Conflicts", "Judge"),
    ),
    Role.ORGANISER: (
        PageSpec("dashboard", "Dashboard", "Organise"),
        PageSpec("screening", "Proposals", "Organise"),
        PageSpec("proposal_detail", "Read a proposal", "Organise"),
        PageSpec("results", "Results", "Organise"),
        PageSpec("decisions", "Decisions", "Organise"),
        PageSpec("rubric", "Rubric", "Judging"),
        PageSpec("judging", "Judging", "Judging"),
        PageSpec("assignments", "Assignments", "Judging"),
        PageSpec("setup", "Set-up", "Administer"),
        PageSpec("people", "People", "Administer"),
        PageSpec("outbox", "Outbox", "Administer"),
        PageSpec("exports", "Exports", "Administer"),
        PageSpec("audit_log", "Audit log", "Administer"),
    ),
}
ACCOUNT = PageSpec("account", "Your account", "You")
VERIFY = PageSpec("verify_email", "Confirm your email", "You", hidden=True)
HOMES = {
    Role.APPLICANT: "my_proposals",
    Role.JUDGE: "queue",
    Role.ORGANISER: "dashboard",
}


def page_specs(role: Role | None) -> tuple[PageSpec, ...]:
    """What a role may open, in sidebar order; the landing page comes first and is the default."""
    if role is None:
        return ANONYMOUS
    return (LANDING, *BY_ROLE[role], ACCOUNT, VERIFY)


def _page(spec: PageSpec) -> st.Page:
    """No icons: a page's icon becomes the browser tab's icon, and a Material one is then
    fetched from the internet (the app must work offline)."""
    return st.Page(
        f"pages/{spec.file}.py",
        title=spec.title,
        default=spec is LANDING,
        url_path=spec.file,
        visibility="hidden" if spec.hidden else "visible",
    )


def pages_for(user: UserView | None) -> list[st.Page]:
    """Every page this user may open (for st.navigation); exactly one page is the default."""
    return [_page(spec) for spec in page_specs(user.role if user else None)]


def sections_for(role: Role | None) -> dict[str, list[PageSpec]]:
    """The pages listed in the sidebar, by section ("" for the ones above every section)."""
    sections: dict[str, list[PageSpec]] = {}
    for spec in page_specs(role):
        if not spec.hidden:
            sections.setdefault(spec.section, []).append(spec)
    return sections


def sidebar_links(user: UserView | None) -> None:
    """The sidebar's navigation: page links, grouped under a heading per section.

    The headings are level 2 (each page has one level-1 title), and st.page_link renders plain
    links, so nothing claims to be a list. Call inside `st.sidebar`."""
    for section, specs in sections_for(user.role if user else None).items():
        if section:
            st.header(section, anchor=False)
        for spec in specs:
            st.page_link(f"pages/{spec.file}.py", label=spec.title)


def home_of(user: UserView) -> str:
    """Where a person starts after signing in: their own work, not the public page."""
    return f"pages/{HOMES[user.role]}.py"
