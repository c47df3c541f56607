"""Exports people open in Excel: the dashboard's filters, human headers, £ and date formats and
widths, per-criterion scores, organisation and theme on decisions, borough names, and every
proposal with its status."""

import io

import openpyxl
import pandas as pd
from factories import make_decision, make_proposal, make_review_score
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import Challenge, Criterion, Organisation, Proposal, Review
from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.services import exports


def frame(session, world, table, filters=None):
    return exports.export_frame(
        session=session, actor=world.organiser, table=table, filters=filters
    )


def test_the_dashboards_filters_narrow_every_table(session):
    world = make_world(session)
    ageing = DashboardFilters.of(themes=["ageing"])
    assert len(frame(session, world, exports.Table.PROPOSALS, ageing)) == 2
    assert len(frame(session, world, exports.Table.REVIEWS, ageing)) == 6
    ranked = frame(session, world, exports.Table.RANKINGS, ageing)
    assert list(ranked["Reference"]) == [world.references[2], world.references[3]]
    assert list(ranked["Adjusted rank"]) == [3, 4]  # ranks from the whole challenge
    shortlisted = frame(session, world, exports.Table.DECISIONS, ageing)
    assert set(shortlisted["Reference"]) == {world.references[2], world.references[3]}
    hackney = DashboardFilters.of(boroughs=["E09000012"])
    assert len(frame(session, world, exports.Table.PROPOSALS, hackney)) == 2


def test_every_proposal_is_listed_with_its_status_and_borough_name(session):
    world = make_world(session)
    challenge = session.get(Challenge, world.challenge_id)
    organisation = session.exec(select(Organisation)).first()
    make_proposal(session, challenge, organisation, status="draft", title="Half written")
    make_proposal(session, challenge, organisation, status="withdrawn", reference="CIC-T-0099")
    proposals = frame(session, world, exports.Table.PROPOSALS)
    assert len(proposals) == 8
    assert {"draft", "withdrawn"} <= set(proposals["Status"])
    assert "Hackney" in set(proposals["Organisation's borough"])
    assert {"Reference", "Title", "Amount requested (£)", "Submitted (UTC)"} <= set(
        proposals.columns
    )


def test_reviews_carry_each_criterion_and_decisions_their_organisation_and_theme(session):
    world = make_world(session)
    criterion = Criterion(challenge_id=world.challenge_id, key="impact", name="Impact", position=0)
    session.add(criterion)
    session.flush()
    review = session.exec(select(Review)).first()
    make_review_score(session, review, criterion, score=4)
    reviews = frame(session, world, exports.Table.REVIEWS)
    assert list(reviews.columns[:5]) == ["Review number", "Reference", "Judge", "State", "Impact"]
    assert reviews["Impact"].dropna().tolist() == [4]
    make_decision(session, session.get(Proposal, world.proposal_ids[0]), amount_pence=9_000_00)
    decisions = frame(session, world, exports.Table.DECISIONS)
    assert {"Organisation", "Theme", "Challenge statement"} <= set(decisions.columns)
    assert set(decisions["Theme"]) == {"Climate change", "Ageing population"}


def test_excel_has_pound_and_date_formats_and_readable_widths(session):
    world = make_world(session)
    excel = exports.export_file(
        session=session, actor=world.organiser, table=exports.Table.PROPOSALS,
        file_format=exports.FileFormat.EXCEL, now=NOW,
    )  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(excel.content))["Proposals"]
    header = [cell.value for cell in sheet[1]]
    money = header.index("Amount requested (£)") + 1
    moment = header.index("Submitted (UTC)") + 1
    assert sheet.cell(row=2, column=money).number_format == '"£"#,##0.00'
    assert sheet.cell(row=2, column=moment).number_format == "dd mmm yyyy hh:mm"
    title = openpyxl.utils.get_column_letter(header.index("Title") + 1)
    assert sheet.column_dimensions[title].width >= len("Proposal 0")
    assert sheet.freeze_panes == "A2"
    parsed = pd.read_excel(io.BytesIO(excel.content))
    assert parsed["Amount requested (£)"].max() == 20_000
