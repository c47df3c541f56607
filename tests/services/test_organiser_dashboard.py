"""The dashboard's aggregates and filters, the borough boundary file, exports and the audit log."""

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from factories import make_decision
from organiser_world import NOW, make_world

from civic_challenge.db.models import Proposal
from civic_challenge.domain.boundaries import ATTRIBUTION
from civic_challenge.domain.terms import Role
from civic_challenge.services import exports
from civic_challenge.services.audit_log import audit_choices, list_audit_events
from civic_challenge.services.awards import decide_award
from civic_challenge.services.boundaries import borough_map
from civic_challenge.services.dashboard import (
    DashboardFilters,
    dashboard_data,
    dashboard_key,
    filter_choices,
)
from civic_challenge.services.errors import InvalidInput, PermissionDenied

# The real boundary file lies beside the repository (never in it) where the team keeps it.
SHARED_BOUNDARIES = Path(__file__).resolve().parents[3] / "shared/data/london_boroughs.geojson"


def test_the_headline_counts_what_is_entered(session):
    world = make_world(session)
    data = dashboard_data(session=session, actor=world.organiser, filters=DashboardFilters())
    h = data.headline
    assert (h.proposals, h.eligible, h.reviews_done, h.reviews_expected) == (6, 6, 18, 18)
    assert h.requested_pence == 68_000_00 and h.budget_pence == 50_000_00


def test_the_pipeline_reads_shortlist_and_award_decisions(session):
    world = make_world(session)
    decide_award(
        session=session,
        actor=world.organiser,
        proposal_id=world.proposal_ids[2],
        award=True,
        amount_pence=10_000_00,
        rationale="",
        now=NOW,
    )
    data = dashboard_data(session=session, actor=world.organiser, filters=DashboardFilters())
    pipeline = data.pipeline.set_index(["stage", "theme_key"])
    assert pipeline.loc[("shortlisted", "climate"), "proposals"] == 2
    assert pipeline.loc[("awarded", "ageing"), "proposals"] == 1
    assert data.pipeline_lines[1] == "Ageing population: 1 of 1 awards (100%) against a 50% target"
    money = data.money.set_index(["theme_key", "measure"])["pence"]
    assert money[("ageing", "Awarded")] == 10_000_00
    assert money[("climate", "Shortlisted")] == 21_000_00


def test_filters_narrow_every_aggregate(session):
    world = make_world(session)
    only = DashboardFilters.of(themes=["ageing"])
    data = dashboard_data(session=session, actor=world.organiser, filters=only)
    assert data.headline.proposals == 2
    assert set(data.heatmap["theme_name"]) <= {"Ageing population"}
    assert data.scores["proposals"].sum() == 2
    hackney = DashboardFilters.of(boroughs=["E09000012"])
    data = dashboard_data(session=session, actor=world.organiser, filters=hackney)
    assert data.headline.proposals == 2
    assert data.boroughs.set_index("code").loc["E09000012", "proposals"] == 2
    housing = DashboardFilters.of(statements=["housing"], statuses=["eligible"])
    assert (
        dashboard_data(session=session, actor=world.organiser, filters=housing).headline.proposals
        == 2
    )


def test_the_key_follows_the_data_version(session):
    world = make_world(session)
    before = dashboard_key(session=session, actor=world.organiser)
    decide_award(
        session=session,
        actor=world.organiser,
        proposal_id=world.proposal_ids[0],
        award=True,
        amount_pence=10_000_00,
        rationale="",
        now=NOW,
    )
    session.expire_all()
    assert dashboard_key(session=session, actor=world.organiser).data_version > before.data_version


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_cannot_read_organiser_pages(session, role):
    world = make_world(session)
    person = world.judge if role is Role.JUDGE else world.applicant
    calls = [
        lambda: dashboard_key(session=session, actor=person),
        lambda: filter_choices(session=session, actor=person),
        lambda: dashboard_data(session=session, actor=person, filters=DashboardFilters()),
        lambda: exports.export_frame(session=session, actor=person, table=exports.Table.REVIEWS),
        lambda: exports.export_file(
            session=session,
            actor=person,
            table=exports.Table.PROPOSALS,
            file_format=exports.FileFormat.CSV,
            now=NOW,
        ),
        lambda: exports.summary_report(session=session, actor=person, now=NOW, images=False),
        lambda: audit_choices(session=session, actor=person),
        lambda: list_audit_events(session=session, actor=person),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize("table", list(exports.Table))
def test_csv_and_excel_exports_parse_with_every_row(session, table):
    world = make_world(session)
    make_decision(session, session.get(Proposal, world.proposal_ids[0]), amount_pence=9_000_00)
    expected = {"proposals": 6, "reviews": 18, "rankings": 6, "decisions": 5}[table.value]
    csv = exports.export_file(
        session=session,
        actor=world.organiser,
        table=table,
        file_format=exports.FileFormat.CSV,
        now=NOW,
    )
    excel = exports.export_file(
        session=session,
        actor=world.organiser,
        table=table,
        file_format=exports.FileFormat.EXCEL,
        now=NOW,
    )
    assert len(pd.read_csv(io.BytesIO(csv.content), encoding="utf-8-sig")) == expected
    assert len(pd.read_excel(io.BytesIO(excel.content))) == expected
    assert csv.name.endswith(".csv") and excel.name.endswith(".xlsx")


def test_every_text_cell_is_neutralised_in_exports(session):
    world = make_world(session)
    session.get(Proposal, world.proposal_ids[0]).title = '=HYPERLINK("http://x","y")'
    session.flush()
    excel = exports.export_file(
        session=session,
        actor=world.organiser,
        table=exports.Table.PROPOSALS,
        file_format=exports.FileFormat.EXCEL,
        now=NOW,
    )
    titles = pd.read_excel(io.BytesIO(excel.content))["Title"].tolist()
    assert '\'=HYPERLINK("http://x","y")' in titles
    frame = exports.export_frame(
        session=session, actor=world.organiser, table=exports.Table.PROPOSALS
    )
    assert frame["Amount requested (£)"].max() == 20_000


def test_rankings_export_raw_and_adjusted_scores(session):
    world = make_world(session)
    frame = exports.export_frame(
        session=session, actor=world.organiser, table=exports.Table.RANKINGS
    )
    assert frame.iloc[0]["Reference"] == world.references[0]
    assert {"Raw score", "Raw rank", "Adjusted score", "Adjusted rank"} <= set(frame.columns)
    assert frame.iloc[0]["Raw score"] == 81.0


def test_the_report_escapes_user_text(session):
    world = make_world(session)
    make_decision(session, session.get(Proposal, world.proposal_ids[0]), amount_pence=9_000_00)
    session.get(Proposal, world.proposal_ids[0]).title = "<script>alert(1)</script>"
    session.flush()
    report = exports.summary_report(session=session, actor=world.organiser, now=NOW, images=False)
    assert "<script>alert" not in report.html and "&lt;script&gt;" in report.html


def test_the_audit_log_filters_by_action_person_and_day(session):
    world = make_world(session)
    decide_award(
        session=session,
        actor=world.organiser,
        proposal_id=world.proposal_ids[0],
        award=True,
        amount_pence=10_000_00,
        rationale="",
        now=NOW,
    )
    choices = audit_choices(session=session, actor=world.organiser)
    assert "decision.awarded" in choices.actions and world.organiser.id in choices.actors
    events = list_audit_events(
        session=session,
        actor=world.organiser,
        action="decision.awarded",
        actor_id=world.organiser.id,
    )
    assert len(events) == 1 and json.loads(events.iloc[0]["after"])["amount_pence"] == 10_000_00
    far = date(2001, 1, 1)
    assert list_audit_events(
        session=session, actor=world.organiser, first_day=far, last_day=far
    ).empty
    with pytest.raises(InvalidInput, match="first day must not be after"):
        list_audit_events(
            session=session,
            actor=world.organiser,
            first_day=date(2020, 1, 2),
            last_day=date(2020, 1, 1),
        )


# Boundary files: the tile grid never depends on them; a bad file gives one plain sentence.


def _feature(code="E09000012", name="Hackney", **properties):
    ring = [[-0.1, 51.5], [-0.05, 51.5], [-0.05, 51.55], [-0.1, 51.5]]
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name, **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_no_boundary_file_means_no_map_and_no_message():
    found = borough_map(path=None)
    assert found.rings is None and found.message is None


def test_a_missing_boundary_file_is_explained(tmp_path):
    found = borough_map(path=tmp_path / "nowhere.geojson")
    assert found.rings is None and "was not found" in found.message


def test_a_boundary_file_that_is_not_json_is_explained(tmp_path):
    path = tmp_path / "boroughs.geojson"
    path.write_text("<html>not json</html>", encoding="utf-8")
    found = borough_map(path=path)
    assert found.rings is None and "is not valid JSON" in found.message


def test_features_without_the_expected_properties_are_explained(tmp_path):
    path = tmp_path / "boroughs.geojson"
    feature = _feature()
    feature["properties"] = {"LAD_CODE": "E09000012"}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    found = borough_map(path=path)
    assert found.rings is None and "no 'code' and 'name' properties" in found.message


def test_a_good_boundary_file_gives_rings_and_the_attribution(tmp_path):
    path = tmp_path / "boroughs.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [_feature()]}))
    found = borough_map(path=path)
    assert found.message is None and set(found.rings["code"]) == {"E09000012"}
    assert found.attribution == ATTRIBUTION


@pytest.mark.skipif(not SHARED_BOUNDARIES.exists(), reason="the shared boundary file is absent")
def test_the_shared_london_boundary_file_loads_every_borough():
    found = borough_map(path=SHARED_BOUNDARIES)
    assert found.message is None and found.rings["code"].nunique() == 33
