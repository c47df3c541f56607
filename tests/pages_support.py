"""Driving the app through Streamlit's AppTest: a fresh database, users and signed-in sessions."""

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import create_user
from civic_challenge.services.clock import now
from civic_challenge.services.sessions import start_session
from civic_challenge.ui.shell import IN_APP_KEY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Person:
    email: str
    token: str
    id: int


def make_person(engine: Engine, role: Role, email: str, name: str = "Test Person") -> Person:
    with Session(engine, expire_on_commit=False) as session:
        user = create_user(
            session=session, email=email, name=name, password=PASSWORD, repeat=PASSWORD, role=role
        )
        token = start_session(session=session, user_id=user.id, now=now())
        session.commit()
    return Person(email=email, token=token, id=user.id)


def app(person: Person | None = None, page: str | None = None) -> AppTest:
    """The app, signed in as `person` if given, on `page` if given, after its first run."""
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=30)
    if person is not None:
        at.session_state["civic_token"] = person.token
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def texts(at: AppTest) -> str:
    """Everything written on the page, for assertions about what a person can read."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "text")
        for e in getattr(at, kind)
    ]
    parts += [
        e.value for kind in ("error", "success", "info", "warning") for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def click_in_app(at: AppTest, label: str) -> AppTest:
    """Click the button labelled `label` and rerun, keeping the rerun inside app.py's frame.

    AppTest (Streamlit 1.67) resets the pages-folder flag before every run, so a rerun can run
    the page file on its own; `shell.begin_page` then switches to the page again through
    app.py and the click is lost on the way. Marking the run as in-app keeps the click.
    """
    at.session_state[IN_APP_KEY] = True
    return next(b for b in at.button if b.label == label).click().run()
