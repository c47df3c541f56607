"""The Set-up page through AppTest on a fresh install: the form that creates the challenge appears
instead of a dead end, refuses bad input beside its fields, creates the challenge; then a theme
and a statement are added (keys made from their names) and an unused theme removed."""

import shutil

import pytest
from pages_support import app, click_in_app, make_person, texts
from sqlmodel import Session, select

from civic_challenge.config import get_settings
from civic_challenge.db.models import Challenge, ChallengeStatement, Theme
from civic_challenge.domain.terms import Role
from civic_challenge.services.database import open_database


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
def organiser(engine):
    return make_person(engine, Role.ORGANISER, "olu@example.org", "Olu Organiser")


def number(at, label):
    return next(n for n in at.number_input if n.label == label)


def create(at, name="Civic Innovation Challenge 2026", budget=250_000, ceiling=15_000):
    at.text_input(key="new_name").input(name)
    number(at, "Budget (£)").set_value(budget)
    number(at, "Award ceiling (£)").set_value(ceiling)
    return click_in_app(at, "Create the challenge")


def challenges(engine):
    with Session(engine) as session:
        return session.exec(select(Challenge)).all()


def test_a_fresh_install_shows_the_form_instead_of_a_dead_end(organiser):
    at = app(organiser, "pages/setup.py")
    assert not at.exception, at.exception
    assert "There is no challenge yet. Create it here" in texts(at)
    assert "command line" not in texts(at)
    assert any(b.label == "Create the challenge" for b in at.button)
    fields = [*at.text_input, *at.number_input, *at.date_input]
    # Each field's help is a visible hint under it, not a "?" that costs a second Tab stop.
    assert fields and not any(w.help for w in fields)
    assert len(at.caption) >= len(fields)


def test_bad_input_is_refused_beside_each_field_and_nothing_is_stored(engine, organiser):
    at = create(app(organiser, "pages/setup.py"), name="", budget=10_000, ceiling=20_000)
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert "There are 2 problems to fix below." in errors
    assert any("Give the challenge a name" in e for e in errors)
    assert any("cannot be more than the budget (£10,000)" in e for e in errors)
    assert challenges(engine) == []


def test_the_form_creates_the_challenge_and_the_page_moves_on_to_themes(engine, organiser):
    at = create(app(organiser, "pages/setup.py"))
    assert not at.exception, at.exception
    assert any("is created, in its set-up phase" in s.value for s in at.success)
    (challenge,) = challenges(engine)
    assert (challenge.slug, challenge.phase) == ("civic-innovation-challenge-2026", "setup")
    assert (challenge.budget_pence, challenge.max_award_pence) == (250_000_00, 15_000_00)
    assert challenge.opens_at.hour in (8, 9)  # 09:00 London, in UTC
    page = texts(at)
    assert "Before you open the call, add at least a theme and a challenge statement" in page
    assert "Add a theme first: each challenge statement sits under one." in page


def test_a_theme_and_a_statement_are_added_and_an_unused_theme_removed(engine, organiser):
    at = create(app(organiser, "pages/setup.py"))
    next(t for t in at.text_input if t.label == "Name").input("Clean air")
    at = click_in_app(at, "Save theme")
    assert not at.exception, at.exception
    with Session(engine) as session:
        theme = session.exec(select(Theme)).one()
        assert (theme.key, theme.colour) == ("clean-air", "#0072B2")
    next(s for s in at.selectbox if s.label == "Theme").set_value("clean-air")
    next(t for t in at.text_input if t.label == "Title").input("Active travel")
    at = click_in_app(at, "Save statement")
    assert not at.exception, at.exception
    with Session(engine) as session:
        statement = session.exec(select(ChallengeStatement)).one()
        assert statement.key == "active-travel"
    at.selectbox(key="theme_choice").set_value(theme.id).run()
    at = click_in_app(at, "Yes, remove this theme")
    assert any(
        "cannot be removed: 1 challenge statement sits under it"
        in e.value.replace("\\", "").replace("\u2060", "")
        for e in at.error
    )
    at.selectbox(key="statement_choice").set_value(statement.id).run()
    at = click_in_app(at, "Yes, remove this statement")
    assert any(s.value == "Statement removed." for s in at.success)
    at.selectbox(key="theme_choice").set_value(theme.id).run()
    at = click_in_app(at, "Yes, remove this theme")
    assert not at.exception, at.exception
    assert any(s.value == "Theme removed." for s in at.success)
    with Session(engine) as session:
        assert session.exec(select(Theme)).all() == []
        assert session.exec(select(ChallengeStatement)).all() == []


def test_a_negative_number_on_the_new_challenge_form_is_refused_in_words(engine, organiser):
    at = app(organiser, "pages/setup.py")
    number(at, "Most employees").set_value(-1)
    at = create(at)
    assert not at.exception, at.exception
    assert any("The most employees" in e.value and "-1" in e.value for e in at.error)
    assert number(at, "Most employees").value == -1
    assert challenges(engine) == []


def test_a_long_pasted_name_on_the_new_challenge_form_is_kept_and_counted(engine, organiser):
    at = create(app(organiser, "pages/setup.py"), name="x" * 100_000)
    assert not at.exception, at.exception
    assert len(at.text_input(key="new_name").value) == 100_000
    assert any("100,000 characters: 99,800 too many" in e.value for e in at.error)
    assert challenges(engine) == []
