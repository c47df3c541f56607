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
