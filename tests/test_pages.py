"""Every page for every role, through Streamlit's AppTest: what each person sees and can do."""

import shutil

import pytest
from factories import make_challenge, make_statement, make_theme
from pages_support import PASSWORD, app, make_person, texts
from sqlalchemy import select
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.db.accounts import count_users, find_user_by_email
from civic_challenge.db.models import OutboxMessage
from civic_challenge.domain.terms import Role
from civic_challenge.services.database import open_database
from civic_challenge.ui.text import plain

PAGES = [
    "landing", "sign_in", "register", "accept_invite", "forgot_password", "reset_password",
    "verify_email", "account", "people", "outbox",
]  # fmt: skip
ANONYMOUS_ONLY = {"sign_in", "register", "accept_invite", "forgot_password", "reset_password"}
VISIBLE = {
    None: {"landing", "verify_email", *ANONYMOUS_ONLY},
    Role.APPLICANT: {"landing", "account", "verify_email"},
    Role.JUDGE: {"landing", "account", "verify_email"},
    Role.ORGANISER: {"landing", "account", "verify_email", "people", "outbox"},
}


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def challenge(engine):
    with Session(engine) as session:
        theme = make_theme(
            session,
            challenge=make_challenge(session, name="Test Challenge"),
            name="Climate change",
            description="Cleaner air for Londoners",
        )
        make_statement(session, theme, title="Active travel", partner="Transport for London")
        session.commit()


@pytest.fixture
def people(engine):
    return {
        None: None,
        Role.APPLICANT: make_person(engine, Role.APPLICANT, "ada@example.org", "Ada"),
        Role.JUDGE: make_person(engine, Role.JUDGE, "jo@example.org", "Jo"),
        Role.ORGANISER: make_person(engine, Role.ORGANISER, "olu@example.org", "Olu"),
    }


@pytest.mark.parametrize("role", list(VISIBLE), ids=lambda r: r or "anonymous")
def test_each_role_sees_exactly_its_pages(people, role):
    at = app(people[role])
    assert not at.exception
    assert (
        at.session_state["civic_user"].role is role
        if role
        else "civic_user" not in at.session_state
    )
    for page in PAGES:
        at = app(people[role])
        if page in VISIBLE[role]:
            at.switch_page(f"pages/{page}.py").run()
            assert not at.exception, (role, page)
            assert at.title, (role, page)
        else:
            with pytest.raises(Exception, match=r"(?i)not found|could not find"):
                at.switch_page(f"pages/{page}.py").run()


def test_landing_shows_the_challenge_its_themes_and_partners(challenge):
    page = texts(app())
    for words in [
        "Test Challenge",
        "Climate change",
        "Active travel",
        "Transport for London",
        "Deadline for proposals",
        "Who may apply",
    ]:
        assert words in page


def test_landing_without_a_challenge_says_so(engine):
    assert "No challenge has been set up yet" in texts(app())


def sign_in(at, email, password):
    at.text_input[0].input(email)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_signing_in_with_a_wrong_password_gets_the_generic_message(people):
    at = app(page="pages/sign_in.py")
    at = sign_in(at, "ada@example.org", "not my password")
    assert "Email or password not recognised" in texts(at)
    assert "civic_user" not in at.session_state


def test_signing_in_opens_the_landing_page_signed_in(people):
    at = sign_in(app(page="pages/sign_in.py"), "ADA@example.org", PASSWORD)
    assert not at.exception
    assert at.session_state["civic_user"].email == "ada@example.org"
    assert "Welcome, Ada" in texts(at)


def register(at, name, email, password, repeat=None):
    at.text_input(key="register_name").input(name)
    at.text_input(key="register_email").input(email)
    at.text_input(key="register_password").input(password)
    at.text_input(key="register_repeat").input(password if repeat is None else repeat)
    return at.button[0].click().run()


@pytest.mark.parametrize(
    ("name", "email", "password", "message"),
    [
        ("Ada", "not-an-email", PASSWORD, "name@example.org"),
        ("", "ada@example.org", PASSWORD, "Enter your name"),
        ("Ada", "ada@example.org", "short", "at least 10 characters"),
        ("Ada", "ada@example.org", "1234567890", "commonly used"),
    ],
)
def test_bad_registration_shows_the_problem_and_keeps_what_was_typed(
    engine, name, email, password, message
):
    at = register(app(page="pages/register.py"), name, email, password)
    assert not at.exception
    assert message in texts(at)
    assert "to fix below" in texts(at)
    assert at.text_input(key="register_email").value == email
    with Session(engine) as session:
        assert count_users(session) == 0


def test_registration_fields_cannot_take_more_than_their_limits(engine):
    """Over-long text is stopped at the keyboard; the service refuses it too (services tests)."""
    at = app(page="pages/register.py")
    limits = {
        key: at.text_input(key=f"register_{key}").max_chars
        for key in ("name", "email", "password", "repeat")
    }
    assert limits == {"name": 100, "email": 254, "password": 128, "repeat": 128}


def test_registering_an_existing_email_answers_as_for_a_new_one(people, engine):
    """The page cannot tell who has an account: the owner is told by email instead."""
    existing = register(app(page="pages/register.py"), "Ada Again", "ADA@EXAMPLE.ORG", PASSWORD)
    fresh = register(app(page="pages/register.py"), "Bea", "bea@example.org", PASSWORD)
    assert texts(existing).replace(plain("ada@example.org"), "X") == texts(fresh).replace(
        plain("bea@example.org"), "X"
    )
    assert "We have sent a message" in texts(existing)
    with Session(engine) as session:
        assert count_users(session) == 4
        sent = session.execute(select(OutboxMessage.recipient, OutboxMessage.template)).all()
    assert sorted(sent) == [
        ("ada@example.org", "already_registered"),
        ("bea@example.org", "verify_email"),
    ]


def test_registering_asks_to_confirm_the_email_and_stores_the_name_as_typed(engine):
    at = register(app(page="pages/register.py"), "<b>Ada</b> **Bold**", "ada@example.org", PASSWORD)
    assert not at.exception
    assert "civic_user" not in at.session_state
    assert "open the link in it to confirm" in texts(at)
    with Session(engine) as session:
        assert find_user_by_email(session, "ada@example.org").name == "<b>Ada</b> **Bold**"


def test_people_page_creates_an_invite_link_a_judge_can_accept(people, engine):
    at = app(people[Role.ORGANISER], "pages/people.py")
    at.text_input[0].input("new.judge@example.org")
    at = at.button[0].click().run()
    link = at.code[0].value
    assert "accept_invite?token=" in link
    token = link.split("token=")[1]

    invited = app()
    invited.query_params["token"] = token
    invited.switch_page("pages/accept_invite.py").run()
    assert plain("new.judge@example.org") in texts(invited)
    invited.text_input(key="accept_invite_name").input("Nia Judge")
    invited.text_input(key="accept_invite_password").input(PASSWORD)
    invited.text_input(key="accept_invite_repeat").input(PASSWORD)
    invited = invited.button[0].click().run()
    assert invited.session_state["civic_user"].role is Role.JUDGE


def test_people_page_refuses_a_malformed_email(people):
    at = app(people[Role.ORGANISER], "pages/people.py")
    at.text_input[0].input("not an email")
    at = at.button[0].click().run()
    assert "name@example.org" in texts(at)
    assert not at.code


def test_accept_invite_with_a_forged_token_says_the_link_is_not_valid(engine):
    at = app()
    at.query_params["token"] = "forged-token"
    at.switch_page("pages/accept_invite.py").run()
    assert "not valid" in texts(at)
    assert not at.text_input


def test_deactivating_a_judge_from_the_people_page(people, engine):
    at = app(people[Role.ORGANISER], "pages/people.py")
    judge_id = people[Role.JUDGE].id
    at.selectbox[0].select(judge_id)
    at.checkbox[0].check()
    at = next(b for b in at.button if b.label == "Deactivate").click().run()
    assert "Deactivated" in texts(at)
    with Session(engine) as session:
        assert not find_user_by_email(session, "jo@example.org").is_active
    judge = app(people[Role.JUDGE])
    assert "civic_user" not in judge.session_state
    assert "session has ended" in texts(judge)


def test_deactivating_without_confirming_does_nothing(people, engine):
    at = app(people[Role.ORGANISER], "pages/people.py")
    at.selectbox[0].select(people[Role.JUDGE].id)
    at = next(b for b in at.button if b.label == "Deactivate").click().run()
    assert "tick the box" in texts(at)
    with Session(engine) as session:
        assert find_user_by_email(session, "jo@example.org").is_active


def test_changing_password_on_the_account_page(people):
    at = app(people[Role.APPLICANT], "pages/account.py")
    at.text_input(key="current_password").input("wrong one entirely")
    at.text_input(key="new_password").input("a brand new password")
    at.text_input(key="repeat_password").input("a brand new password")
    at = next(b for b in at.button if b.label == "Change password").click().run()
    assert "current password is not right" in texts(at)
    at.text_input(key="current_password").input(PASSWORD)
    at = next(b for b in at.button if b.label == "Change password").click().run()
    assert "Your password has been changed" in texts(at)


def test_signing_out_ends_the_session(people):
    at = app(people[Role.APPLICANT], "pages/account.py")
    at = (
        next(b for b in at.button if b.label == "Sign out" and b.key != "sidebar_sign_out")
        .click()
        .run()
    )
    assert "civic_user" not in at.session_state
    assert "You have signed out" in texts(at)
    again = app(people[Role.APPLICANT])
    assert "civic_user" not in again.session_state
