"""Every page for every role, on an empty database and on the demo challenge: each page a role
may open draws with a title and no exception; each page it may not open is not routable."""

import shutil
from datetime import UTC, datetime

import pytest
from pages_support import Person, app, make_person, texts
from sqlmodel import Session

from civic_challenge.config import DATA_DIR, get_settings
from civic_challenge.db.accounts import find_user_by_email
from civic_challenge.domain.terms import Role
from civic_challenge.services.database import open_database
from civic_challenge.services.demo import (
    APPLICANT_EMAIL,
    DEMO_PASSWORD,
    JUDGE_EMAILS,
    ORGANISER_EMAIL,
    seed_demo,
)
from civic_challenge.services.sessions import start_session
from civic_challenge.ui.navigation import page_specs

ROLES = [None, Role.APPLICANT, Role.JUDGE, Role.ORGANISER]
ALL_PAGES = sorted({spec.file for role in ROLES for spec in page_specs(role)})


def visible(role: Role | None) -> set[str]:
    return {spec.file for spec in page_specs(role)}


@pytest.fixture
def database(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    yield engine
    engine.dispose()


def empty_world(engine) -> dict:
    return {
        None: None,
        Role.APPLICANT: make_person(engine, Role.APPLICANT, "ada@example.org", "Ada"),
        Role.JUDGE: make_person(engine, Role.JUDGE, "jo@example.org", "Jo"),
        Role.ORGANISER: make_person(engine, Role.ORGANISER, "olu@example.org", "Olu"),
    }


def demo_world(engine) -> dict:
    """The demo challenge, with sessions opened directly for its accounts."""
    now = datetime.now(UTC)
    people = {None: None}
    with Session(engine, expire_on_commit=False) as session:
        seed_demo(session=session, now=now, password=DEMO_PASSWORD, data_dir=DATA_DIR)
        for role, email in [
            (Role.APPLICANT, APPLICANT_EMAIL),
            (Role.JUDGE, JUDGE_EMAILS[0]),
            (Role.ORGANISER, ORGANISER_EMAIL),
        ]:
            user = find_user_by_email(session, email)
            token = start_session(session=session, user_id=user.id, now=now)
            people[role] = Person(email=email, token=token, id=user.id)
        session.commit()
    return people


@pytest.mark.parametrize("world", ["empty", "demo"])
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_page_a_role_may_open_draws_without_error(database, world, role):
    people = (empty_world if world == "empty" else demo_world)(database)
    allowed = visible(role)
    for page in ALL_PAGES:
        if page not in allowed:
            continue
        at = app(people[role], f"pages/{page}.py")
        assert not at.exception, (role, page, [e.value for e in at.exception])
        assert at.title, (role, page, texts(at)[:200])


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_pages_outside_a_role_are_not_routable(database, role):
    people = empty_world(database)
    for page in sorted(set(ALL_PAGES) - visible(role)):
        at = app(people[role])
        with pytest.raises(Exception, match=r"(?i)not found|could not find"):
            at.switch_page(f"pages/{page}.py").run()
