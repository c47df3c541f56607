"""The organisers' dashboard, decisions, exports, audit log and set-up pages through AppTest, on
the demo challenge; judges and applicants cannot route to them."""

import json
import shutil
import time

import pytest
from pages_support import app, click_in_app, make_person, texts
from sqlmodel import Session, select

from civic_challenge.config import get_settings
from civic_challenge.db.models import (
    Challenge,
    Decision,
    DecisionRelease,
    Proposal,
    ResultSnapshot,
    Theme,
    User,
)
from civic_challenge.domain.terms import DecisionStage, Role
from civic_challenge.services.clock import now
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.database import open_database
from civic_challenge.services.demo import seed_demo
from civic_challenge.ui.text import plain

PAGES = ["dashboard", "decisions", "exports", "audit_log", "setup"]


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    with Session(engine) as session:
        seed_demo(
            session=session,
            now=now(),
            password="demo password 2018",
            data_dir=get_settings().data_dir,
        )
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def organiser(engine):
    return make_person(engine, Role.ORGANISER, "olu@example.org", "Olu Organiser")


def shortlist(engine, count=8):
    """Shortlist the demo's first eligible proposals, as the Results page would."""
    with Session(engine) as session:
        organiser = session.exec(select(User).where(User.role == "organiser")).first()
        eligible = session.exec(
            select(Proposal).where(Proposal.status == "eligible").order_by(Proposal.id)
        ).all()[:count]
        for proposal in eligible:
            session.add(
                Decision(
                    proposal_id=proposal.id,
                    stage=DecisionStage.SHORTLIST.value,
                    outcome="yes",
                    decided_by_id=organiser.id,
                )
            )
        session.commit()
        return [(p.id, p.reference, p.amount_requested_pence) for p in eligible]


@pytest.mark.parametrize("page", PAGES)
def test_organisers_open_every_page_on_the_demo(organiser, page):
    at = app(organiser, f"pages/{page}.py")
    assert not at.exception, at.exception
    assert at.title


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_cannot_route_to_organiser_pages(engine, role):
    person = make_person(engine, role, f"new-{role.value}@example.org")
    for page in PAGES:
        at = app(person)
        with pytest.raises(Exception, match=r"(?i)not found|could not find"):
            at.switch_page(f"pages/{page}.py").run()


def test_the_dashboard_shows_headline_figures_and_gap_lines(organiser):
    at = app(organiser, "pages/dashboard.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Proposals entered"] == "118" and metrics["Eligible"] == "112"
    page = texts(at)
    assert plain("of 112 eligible proposals") in page and plain("against a 25% target") in page
    assert len(at.get("plotly_chart")) >= 8


def test_a_theme_filter_narrows_the_dashboard(organiser):
    at = app(organiser, "pages/dashboard.py")
    at.multiselect(key="dash_themes").set_value(["ageing"]).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Proposals entered"]) < 118


def test_a_bad_boundary_file_keeps_the_tile_grid_and_says_why(
    engine, organiser, tmp_path, monkeypatch
):
    bad = tmp_path / "boroughs.geojson"
    bad.write_text("not json", encoding="utf-8")
    monkeypatch.setenv("CIVIC_BOUNDARY_FILE", str(bad))
    get_settings.cache_clear()
    at = app(organiser, "pages/dashboard.py")
    assert not at.exception
    assert "is not valid JSON" in texts(at)
    assert any("borough" in str(c.proto.spec).lower() for c in at.get("plotly_chart"))


def test_targets_that_do_not_add_up_warn_on_dashboard_and_set_up(engine, organiser):
    with Session(engine) as session:
        session.exec(select(Theme)).first().target_budget_share = 0.9
        session.commit()
    for page in ("dashboard", "setup"):
        at = app(organiser, f"pages/{page}.py")
        assert not at.exception
        assert any("do not add up to 100%" in w.value for w in at.warning), page


def test_an_award_above_the_ceiling_is_refused_beside_the_amount(engine, organiser):
    (first, *_rest) = shortlist(engine)
    at = app(organiser, "pages/decisions.py")
    assert not at.exception
    assert "Recommended slate" in texts(at)
    form_select = next(s for s in at.selectbox if s.label == "Shortlisted proposal")
    form_select.set_value(first[0])
    next(n for n in at.number_input if n.label == "Amount to award (£)").set_value(20_000)
    at = click_in_app(at, "Record decision")
    assert not at.exception
    assert any("ceiling for each award" in e.value or "more than" in e.value for e in at.error)
    with Session(engine) as session:
        assert session.exec(select(Decision).where(Decision.stage == "award")).all() == []


def test_an_award_within_the_rules_is_recorded_pending(engine, organiser):
    (first, *_rest) = shortlist(engine)
    at = app(organiser, "pages/decisions.py")
    next(s for s in at.selectbox if s.label == "Shortlisted proposal").set_value(first[0])
    amount = min(first[2], 15_000_00) // 100
    next(n for n in at.number_input if n.label == "Amount to award (£)").set_value(amount)
    at = click_in_app(at, "Record decision")
    assert not at.exception
    assert any("stays pending" in s.value for s in at.success)
    with Session(engine) as session:
        (decision,) = session.exec(select(Decision).where(Decision.stage == "award")).all()
        assert decision.released_at is None and decision.amount_pence == amount * 100


def test_the_shortlist_is_released_from_the_decisions_page_with_its_message(engine, organiser):
    shortlist(engine)
    at = app(organiser, "pages/decisions.py")
    assert not any(b.label.startswith("Release the awards") for b in at.button)
    next(t for t in at.text_area if t.label == "Message to shortlisted applicants").set_value(
        "Pitches on 12 September"
    )
    label = next(b.label for b in at.button if b.label.startswith("Release the shortlist"))
    at = click_in_app(at, label)
    assert not at.exception
    assert any("Released" in s.value for s in at.success)
    with Session(engine) as session:
        (release,) = session.exec(select(DecisionRelease)).all()
        assert (release.kind, release.message) == ("shortlist", "Pitches on 12 September")
        assert session.exec(select(Challenge)).one().phase == "judging"


def test_applying_the_slate_lists_every_change_then_records_them(engine, organiser):
    shortlist(engine)
    at = app(organiser, "pages/decisions.py")
    at = click_in_app(at, "Apply this slate…")
    assert not at.exception
    assert any("award decisions will be recorded" in m.value for m in at.markdown)
    label = next(b.label for b in at.button if b.label.startswith("Record these "))
    count = int(label.split()[2])
    with Session(engine) as session:
        assert session.exec(select(Decision).where(Decision.stage == "award")).all() == []
    at = click_in_app(at, label)
    assert not at.exception
    assert any(f"Recorded {count} award decisions" in s.value for s in at.success)
    with Session(engine) as session:
        recorded = session.exec(select(Decision).where(Decision.stage == "award")).all()
        assert len(recorded) == count == 8
        assert all(d.released_at is None for d in recorded)


def test_a_budget_below_awards_made_is_refused_on_set_up(engine, organiser):
    (first, *_rest) = shortlist(engine)
    with Session(engine) as session:
        organiser_row = session.exec(select(User).where(User.email == "olu@example.org")).one()
        session.add(
            Decision(
                proposal_id=first[0],
                stage="award",
                outcome="yes",
                amount_pence=10_000_00,
                decided_by_id=organiser_row.id,
            )
        )
        session.commit()
    at = app(organiser, "pages/setup.py")
    next(n for n in at.number_input if n.label == "Budget (£)").set_value(5_000)
    at = click_in_app(at, "Save the challenge")
    assert not at.exception
    assert any("already awarded" in e.value for e in at.error)


def test_exports_offer_a_download_and_the_audit_log_lists_events(engine, organiser):
    at = app(organiser, "pages/exports.py")
    assert not at.exception
    assert "each with its status. Money in pounds" in texts(at)
    at = app(organiser, "pages/audit_log.py")
    assert not at.exception
    assert at.dataframe and "proposal.screened" in json.dumps(
        at.dataframe[0].value["Action"].tolist()
    )


def test_after_a_change_the_dashboard_shows_its_last_figures_with_their_age_then_the_new(
    engine, organiser
):
    at = app(organiser, "pages/dashboard.py")
    before = {m.label: m.value for m in at.metric}["Proposals entered"]
    with Session(engine) as session:
        challenge = session.exec(select(Challenge)).one()
        proposal = session.exec(
            select(Proposal).where(Proposal.status == "eligible").order_by(Proposal.id)
        ).first()
        proposal.status = "withdrawn"
        session.add(proposal)
        session.commit()
        rankings_changed(session, challenge.id)
        session.commit()
        version = session.get(Challenge, challenge.id).data_version
    at.run()
    assert {m.label: m.value for m in at.metric}["Proposals entered"] == before
    assert "ago; recalculating the figures with the latest reviews" in texts(at)

    _wait_for_dashboard(engine, version)
    at.run()
    assert not at.exception
    after = {m.label: m.value for m in at.metric}["Proposals entered"]
    assert int(after) == int(before) - 1
    assert "recalculating" not in texts(at)


def _wait_for_dashboard(engine, version: int) -> None:
    """Wait, by the stored state, for the background run to store the dashboard of `version`."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with Session(engine) as session:
            stored = session.exec(
                select(ResultSnapshot.data_version).where(ResultSnapshot.kind == "dashboard")
            ).all()
        if any(v >= version for v in stored):
            return
        time.sleep(0.05)
    pytest.fail("the dashboard's background recalculation never finished")


def test_the_printable_report_is_prepared_with_its_charts_on_the_demo(engine, organiser):
    at = app(organiser, "pages/exports.py")
    at = click_in_app(at, "Prepare the printable report")
    assert not at.exception
    report = at.session_state["exports_report"]
    assert report.images and report.note is None
    assert report.html.count('<svg role="img"') == 5
    assert "Money per theme against the budget split" in report.html
