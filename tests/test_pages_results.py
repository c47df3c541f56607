"""The Results page through AppTest: organisers see the demo's ranking, switch the method,
shortlist; a refused correction shows its reason; judges and applicants cannot reach it."""

import json
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from pages_support import app, click_in_app, make_person, texts
from ranking_world import make_ranking_world
from sqlalchemy import update
from sqlmodel import Session, select

from civic_challenge.config import get_settings
from civic_challenge.db.models import Challenge, Decision, ResultSnapshot, Review
from civic_challenge.domain.terms import Role
from civic_challenge.services import results as results_service
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.database import open_database
from civic_challenge.services.demo import DEMO_PASSWORD, seed_demo
from civic_challenge.ui.ranking_view import NOT_PLACED

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = "pages/results.py"


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
def demo(engine):
    with Session(engine) as session:
        seed_demo(session=session, now=NOW, password=DEMO_PASSWORD, data_dir=DATA)
        session.commit()
    return make_person(engine, Role.ORGANISER, "olu@example.org", "Olu")


def _ranking_table(at):
    return at.dataframe[0].value


def test_an_organiser_sees_the_demo_ranking_agreement_calibration_and_queue(demo):
    at = app(demo, PAGE)
    assert not at.exception
    table = _ranking_table(at)
    assert len(table) > 50 and {"Raw score", "Adjusted score", "Interval", "Flags"} <= set(table)
    placed = table[table["Place"] != NOT_PLACED]
    assert len(placed) > 0 and placed["Place"].astype(int).is_monotonic_increasing
    assert (table["Place"] != NOT_PLACED).is_monotonic_decreasing  # the placed come first
    page = texts(at)
    assert "judges agree" in page and "Krippendorff's alpha" in page
    assert "whose judges disagree or that lack reviews" in page
    assert len(at.get("plotly_chart")) == 2
    assert [s.value for s in at.main.header] == [
        "Ranking",
        "Shortlist",
        "Agreement between judges",
        "Judge calibration",
        "Moderation queue",
    ]


def test_switching_the_method_changes_the_adjusted_column(demo):
    at = app(demo, PAGE)
    additive = _ranking_table(at).set_index("Reference")["Adjusted score"]
    at.radio(key="results_method").set_value("zscore").run()
    zscore = _ranking_table(at).set_index("Reference")["Adjusted score"]
    assert not at.exception
    assert not zscore.sort_index().equals(additive.sort_index())
    at.radio(key="results_method").set_value("none").run()
    raw = _ranking_table(at)
    assert "Adjusted score" not in raw and (raw["Score"] == raw["Raw score"]).all()


def test_a_refused_correction_says_why_and_ranks_the_raw_scores(engine):
    organiser = make_person(engine, Role.ORGANISER, "olu@example.org", "Olu")
    with Session(engine) as session:
        make_ranking_world(session, [[80, 60, None], [70, 50, None], [60, None, 40]])
        session.commit()
    at = app(organiser, PAGE)
    assert not at.exception
    [warning] = [w.value for w in at.warning if "was not applied" in w.value]
    assert "Additive model was not applied" in warning and "fewer than 3 reviews" in warning
    table = _ranking_table(at)
    assert (table["Score"] == table["Raw score"]).all()


def test_a_newly_submitted_review_shows_on_the_next_rerun(engine):
    organiser = make_person(engine, Role.ORGANISER, "olu@example.org", "Olu")
    with Session(engine) as session:
        world = make_ranking_world(session, [[80, 60, 70], [70, 50, 60], [60, 50, 40]])
        session.commit()
    at = app(organiser, PAGE)
    at.radio(key="results_method").set_value("none").run()
    assert _ranking_table(at)["Reference"][0] == world.references[0]
    with Session(engine) as session:
        session.exec(
            update(Review).where(Review.proposal_id == world.proposals[2]).values(total=100.0)
        )
        rankings_changed(session, world.challenge_id)
        session.commit()
    at.run()
    # at once: the last good ranking, saying how old it is, while the new one is computed
    assert _ranking_table(at)["Reference"][0] == world.references[0]
    assert "Updated 0 s ago; recalculating the results with the latest reviews" in texts(at)
    _wait_for_stored(world.challenge_id, failed=False)
    at.run()
    assert _ranking_table(at)["Reference"][0] == world.references[2]
    assert "recalculating" not in texts(at)


def _wait_for_stored(challenge_id: int, *, failed: bool) -> None:
    """Wait, by the stored state, until the page's background run has stored the current data
    version's ranking (or recorded its failure); rankings under other controls stay older."""
    engine = open_database(get_settings().database_url)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with Session(engine) as session:
                version = session.get(Challenge, challenge_id).data_version
                rows = session.exec(
                    select(ResultSnapshot).where(
                        ResultSnapshot.challenge_id == challenge_id,
                        ResultSnapshot.kind == "results",
                    )
                ).all()
            reached = [r.failed_version if failed else r.data_version for r in rows]
            if any(v is not None and v >= version for v in reached):
                return
            time.sleep(0.05)
    finally:
        engine.dispose()
    pytest.fail("the background recalculation never finished")


def test_a_failed_recalculation_keeps_the_last_ranking_and_says_so(engine, monkeypatch):
    organiser = make_person(engine, Role.ORGANISER, "olu@example.org", "Olu")
    with Session(engine) as session:
        world = make_ranking_world(session, [[80, 60, 70], [70, 50, 60], [60, 50, 40]])
        session.commit()
    at = app(organiser, PAGE)
    at.radio(key="results_method").set_value("none").run()

    def broken(*args, **kwargs):
        raise RuntimeError("the resampling broke")

    monkeypatch.setattr(results_service, "rank_uncertainty", broken)
    with Session(engine) as session:
        session.exec(
            update(Review).where(Review.proposal_id == world.proposals[2]).values(total=100.0)
        )
        rankings_changed(session, world.challenge_id)
        session.commit()
    at.run()
    _wait_for_stored(world.challenge_id, failed=True)
    at.run()
    assert not at.exception
    assert _ranking_table(at)["Reference"][0] == world.references[0]
    warnings = " ".join(w.value for w in at.warning)
    assert "The latest recalculation failed" in warnings
    assert "before the latest changes" in warnings


def test_a_proposal_with_too_few_reviews_is_listed_after_the_placed_without_a_place(engine):
    organiser = make_person(engine, Role.ORGANISER, "olu@example.org", "Olu")
    with Session(engine) as session:
        world = make_ranking_world(
            session, [[80, 60, 70], [99, None, None], [70, 50, 60], [60, 50, 40], [20, 30, 25]]
        )
        session.commit()
    at = app(organiser, PAGE)
    at.radio(key="results_method").set_value("none").run()
    at.number_input(key="results_k").set_value(2).run()
    assert not at.exception
    table = _ranking_table(at)
    first, second, third, fourth = (world.references[i] for i in (0, 2, 3, 4))
    assert list(table["Reference"]) == [first, second, third, fourth, world.references[1]]
    assert list(table["Place"]) == ["1", "2", "3", "4", NOT_PLACED]
    few = table.iloc[-1]
    assert pd.isna(few["Chance of top 2"]) and few["Places"] == "Too few reviews to place"
    assert at.multiselect[0].value == [world.proposals[0], world.proposals[2]]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    drawn = {ref for trace in chart["data"] for ref in _references(trace)}
    assert world.references[1] not in drawn and first in drawn


def _references(trace):
    for item in trace.get("customdata") or []:
        yield item if isinstance(item, str) else item[0]


def test_shortlisting_from_the_page_records_pending_decisions(demo, engine):
    at = app(demo, PAGE)
    at.number_input(key="results_k").set_value(3).run()
    at.checkbox[0].check()
    at = click_in_app(at, "Shortlist the chosen proposals")
    assert not at.exception
    assert "Shortlisted 3 proposals" in texts(at)
    with Session(engine) as session:
        decisions = session.exec(select(Decision)).all()
    assert len(decisions) == 3 and all(d.released_at is None for d in decisions)
    assert list(_ranking_table(at)["Shortlist"][:3]) == ["Pending (not released)"] * 3


def test_shortlisting_without_confirming_does_nothing(demo, engine):
    at = app(demo, PAGE)
    at = click_in_app(at, "Shortlist the chosen proposals")
    assert "tick the box to confirm" in texts(at)
    with Session(engine) as session:
        assert session.exec(select(Decision)).all() == []


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_cannot_reach_the_results(demo, engine, role):
    person = make_person(engine, role, f"{role.value}-x@example.org")
    at = app(person)
    with pytest.raises(Exception, match=r"(?i)not found|could not find"):
        at.switch_page(PAGE).run()
