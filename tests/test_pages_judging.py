"""The judging pages through AppTest: organisers' set-up and assignment, judges' conflicts,
queue and scoring, and what each refuses."""

import shutil

import pytest
from judging_world import NOW, make_judging
from pages_support import app, make_person, texts
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.domain.terms import Role
from civic_challenge.services.database import open_database
from civic_challenge.ui.text import plain

ORGANISER_PAGES = ["screening", "rubric", "judging", "assignments"]


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("CIVIC_NOW", NOW.isoformat())
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def people(engine):
    return {
        "judge": make_person(engine, Role.JUDGE, "jo@example.org", "Jo Judge"),
        "organiser": make_person(engine, Role.ORGANISER, "olu@example.org", "Olu"),
    }


def world(engine, people, **kw):
    with Session(engine, expire_on_commit=False) as session:
        made = make_judging(session, judge_ids=(people["judge"].id,), **kw)
        session.commit()
    return made


def score_page(person, proposal_id):
    at = app(person, "pages/score.py")
    at.query_params["proposal"] = str(proposal_id)
    return at.run()


@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organisers_open_every_judging_page(engine, people, page):
    world(engine, people)
    at = app(people["organiser"], f"pages/{page}.py")
    assert not at.exception and at.title


@pytest.mark.parametrize("page", ["queue", "score"])
def test_a_judge_who_has_not_declared_sees_only_the_prompt(engine, people, page):
    made = world(engine, people, declared=False)
    at = app(people["judge"], f"pages/{page}.py")
    assert not at.exception
    page_text = texts(at)
    assert "declare your conflicts" in page_text.lower()
    assert "Cleaner streets" not in page_text and made.organisation_names[0] not in page_text


def test_a_judge_opening_an_unassigned_proposal_is_refused(engine, people):
    made = world(engine, people, assign=False)
    at = score_page(people["judge"], made.proposal_ids[0])
    assert not at.exception
    assert "not assigned to you" in texts(at)


def test_the_score_page_is_blind_and_shows_each_levels_descriptor(engine, people):
    made = world(engine, people, blind=True)
    at = score_page(people["judge"], made.proposal_ids[0])
    assert not at.exception
    assert made.organisation_names[0] not in texts(at)
    assert at.radio[0].options[-1] == f"5: {plain('Excellent.')}"
    assert [b.label for b in at.button if b.label in {"Save draft", "Submit review"}] == [
        "Save draft",
        "Submit review",
    ]


def _queue_rows(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.value.split("  \n")[0] for m in at.markdown if m.value.startswith("**")]


def test_a_long_queue_is_drawn_a_page_at_a_time(engine, people):
    world(engine, people, proposals=30, k=1, cap=40, blind=False)
    at = app(people["judge"], "pages/queue.py")
    assert not at.exception
    first = _queue_rows(at)
    assert len(first) == 25
    assert len([link for link in at.get("page_link") if link.proto.label == "Open to score"]) == 25
    pages = next(s for s in at.selectbox if s.label == "Proposals")
    assert pages.options == ["1–25 of 30", "26–30 of 30"]
    at = pages.select_index(1).run()
    assert not at.exception
    second = _queue_rows(at)
    assert len(second) == 5 and len(set(first + second)) == 30
