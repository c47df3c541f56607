"""The Decisions page's caches: a change made in this process or in another process on the same
database shows on the next rerun; the slate is solved again only when its inputs change."""

import subprocess
import sys
import textwrap

import pytest
from organiser_world import NOW, make_world
from pages_support import Person, app
from sqlmodel import Session, select

from civic_challenge.config import get_settings
from civic_challenge.db import queries as db_queries
from civic_challenge.db.models import Review
from civic_challenge.services import recommendation
from civic_challenge.services.awards import decide_award
from civic_challenge.services.feedback_moderation import moderate_comment
from civic_challenge.services.sessions import start_session


@pytest.fixture
def world(engine, monkeypatch):
    monkeypatch.setenv("CIVIC_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CIVIC_NOW", NOW.isoformat())
    get_settings.cache_clear()
    with Session(engine, expire_on_commit=False) as session:
        made = make_world(session)
        token = start_session(session=session, user_id=made.organiser.id, now=NOW)
        session.commit()
    organiser = Person(made.organiser.email, token, made.organiser.id)
    return made, organiser


def awarded_so_far(at) -> str:  # type: ignore[no-untyped-def]
    return next(m.value for m in at.metric if m.label == "Awarded so far")


def award(engine, made, index: int, amount: int) -> None:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        decide_award(
            session=session,
            actor=made.organiser,
            proposal_id=made.proposal_ids[index],
            award=True,
            amount_pence=amount,
            rationale="Strong pilot plan",
            now=NOW,
        )
        session.commit()


def test_an_award_recorded_meanwhile_shows_on_the_next_rerun(engine, world):
    made, organiser = world
    at = app(organiser, "pages/decisions.py")
    assert not at.exception
    assert awarded_so_far(at) == "£0"
    award(engine, made, 0, 12_000_00)
    at.run()
    assert not at.exception
    assert awarded_so_far(at) == "£12,000"


SECOND_PROCESS = """
from sqlmodel import Session

from civic_challenge.db.engine import make_engine
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.awards import decide_award
from civic_challenge.services.clock import now

engine = make_engine({url!r})
with Session(engine) as session:
    decide_award(
        session=session,
        actor=UserView({organiser_id}, "", "", Role.ORGANISER, None),
        proposal_id={proposal_id},
        award=True,
        amount_pence=900_000,
        rationale="Recorded by another process",
        now=now(),
    )
    session.commit()
engine.dispose()
"""


def test_an_award_recorded_by_another_process_shows_on_the_next_rerun(engine, world):
    """The cache is keyed on the data version stored in the database, not on this process."""
    made, organiser = world
    at = app(organiser, "pages/decisions.py")
    assert awarded_so_far(at) == "£0"
    script = SECOND_PROCESS.format(
        url=engine.url.render_as_string(hide_password=False),
        organiser_id=made.organiser.id,
        proposal_id=made.proposal_ids[1],
    )
    subprocess.run([sys.executable, "-c", textwrap.dedent(script)], check=True, timeout=120)
    at.run()
    assert not at.exception
    assert awarded_so_far(at) == "£9,000"


def test_the_slate_is_solved_again_only_when_its_inputs_change(engine, world, monkeypatch):
    made, organiser = world
    calls = []
    solve = recommendation.recommend_slate

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return solve(*args, **kwargs)

    monkeypatch.setattr(recommendation, "recommend_slate", counted)
    at = app(organiser, "pages/decisions.py")
    assert "Recommended slate" in [h.value for h in at.header]
    assert len(calls) == 1
    at.run()
    assert len(calls) == 1, "a rerun with nothing changed solved the slate again"

    with Session(engine) as session:  # a change that moves none of the slate's inputs
        db_queries.bump_data_version(session, made.challenge_id)
        session.commit()
    at.run()
    assert not at.exception
    assert len(calls) == 1, "the data version moved but no input did: no new solve"

    award(engine, made, 2, 5_000_00)  # a recorded award is fixed in the slate: an input
    at.run()
    assert not at.exception
    assert len(calls) == 2
    assert awarded_so_far(at) == "£5,000"


def test_feedback_wording_saved_meanwhile_shows_on_the_next_rerun(engine, world):
    made, organiser = world
    at = app(organiser, "pages/decisions.py")
    labels = [t.label for t in at.text_area if t.label.startswith("What the applicant")]
    assert labels and all("as the judge wrote it" in label for label in labels)
    with Session(engine) as session:
        review = session.exec(
            select(Review).where(Review.proposal_id == made.proposal_ids[0]).order_by(Review.id)
        ).first()
        moderate_comment(
            session=session,
            actor=made.organiser,
            review_id=review.id,
            text="Kinder words",
            version=review.version,
            now=NOW,
        )
        session.commit()
    at.run()
    assert not at.exception
    labels = [t.label for t in at.text_area if t.label.startswith("What the applicant")]
    assert any("(edited)" in label for label in labels)
