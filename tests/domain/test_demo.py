"""The demo generator: deterministic, mid-judging, and realistic enough to exercise every chart."""

import csv
import re
import statistics
import tomllib
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from civic_challenge.domain.demo import APPLICANT_EMAIL, JUDGE_EMAILS, generate_demo
from civic_challenge.domain.terms import ConflictStatus, Phase, ProposalStatus

DATA = Path(__file__).parents[2] / "data"
NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def spec():
    with (DATA / "demo" / "challenge.toml").open("rb") as toml_file:
        return tomllib.load(toml_file)


@pytest.fixture(scope="module")
def boroughs():
    with (DATA / "boroughs.csv").open(newline="", encoding="utf-8") as csv_file:
        return list(csv.DictReader(csv_file))


@pytest.fixture(scope="module")
def demo(spec, boroughs):
    return generate_demo(spec, boroughs, NOW)


def _eligible(demo):
    return [p for p in demo.proposals if p.status == ProposalStatus.ELIGIBLE]


def test_same_seed_and_now_give_the_same_demo(spec, boroughs, demo):
    assert generate_demo(spec, boroughs, NOW, seed=2018) == demo


def test_another_seed_gives_another_demo(spec, boroughs, demo):
    assert generate_demo(spec, boroughs, NOW, seed=7).proposals != demo.proposals


def test_the_demo_is_always_mid_judging(demo):
    challenge = demo.challenge
    assert challenge.phase == Phase.JUDGING
    assert challenge.opens_at < challenge.closes_at < NOW < challenge.judging_closes_at
    assert challenge.closes_at.date() == (NOW - timedelta(days=14)).date()
    assert challenge.judging_closes_at - challenge.closes_at == timedelta(days=35)
    assert (challenge.closes_at.hour, challenge.closes_at.minute) == (16, 0)


def test_money_is_in_pence(demo):
    assert demo.challenge.budget_pence == 250_000 * 100
    assert demo.challenge.max_award_pence == 15_000 * 100
    assert demo.challenge.max_turnover_pence == 43_000_000 * 100
    assert all(500_000 <= p.amount_requested_pence <= 1_500_000 for p in demo.proposals)


def test_boroughs_are_the_33_london_authorities_on_unique_tiles(demo):
    codes = [b.code for b in demo.boroughs]
    tiles = {(b.tile_row, b.tile_col) for b in demo.boroughs}
    assert sorted(codes) == [f"E09{n:06d}" for n in range(1, 34)]
    assert len(tiles) == 33
    assert all(0 <= row < 7 and 0 <= col < 8 for row, col in tiles)


def test_city_of_london_sits_beside_westminster(demo):
    tile = {b.name: (b.tile_row, b.tile_col) for b in demo.boroughs}
    (city_row, city_col), (west_row, west_col) = tile["City of London"], tile["Westminster"]
    assert abs(city_row - west_row) + abs(city_col - west_col) == 1


def test_three_themes_with_shares_summing_to_one(demo):
    assert [t.key for t in demo.themes] == ["climate", "ageing", "inequality"]
    assert sum(t.target_budget_share for t in demo.themes) == pytest.approx(1)
    assert sum(t.target_award_share for t in demo.themes) == pytest.approx(1)
    assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", t.colour) for t in demo.themes)


def test_seven_statements_each_with_at_least_one_proposal(demo):
    assert len(demo.statements) == 7
    assert {p.statement for p in _eligible(demo)} == {s.key for s in demo.statements}


def test_about_120_organisations_some_with_two_proposals(demo):
    per_organisation = defaultdict(int)
    for proposal in demo.proposals:
        per_organisation[proposal.organisation] += 1
    assert 100 <= len(demo.organisations) <= 140
    assert 2 in per_organisation.values()
    assert all(re.fullmatch(r"\d{8}|SC\d{6}", o.companies_house_number) for o in demo.organisations)


def test_statuses_mix_eligible_ineligible_withdrawn_and_draft(demo):
    statuses = [p.status for p in demo.proposals]
    assert statuses.count(ProposalStatus.ELIGIBLE) > 0.8 * len(statuses)
    for status in (ProposalStatus.INELIGIBLE, ProposalStatus.WITHDRAWN, ProposalStatus.DRAFT):
        assert statuses.count(status) >= 2
    ineligible = [p for p in demo.proposals if p.status == ProposalStatus.INELIGIBLE]
    assert all(p.ineligible_reason for p in ineligible)


def test_submitted_proposals_have_unique_references_and_drafts_none(demo):
    references = [p.reference for p in demo.proposals if p.submitted_at]
    assert all(re.fullmatch(r"CIC-2018-\d{4}", r) for r in references)
    assert len(set(references)) == len(references)
    assert all(p.reference is None for p in demo.proposals if p.status == ProposalStatus.DRAFT)


def test_submissions_fall_in_the_open_period_with_a_rush_at_the_end(demo):
    times = [p.submitted_at for p in demo.proposals if p.submitted_at]
    assert all(demo.challenge.opens_at < t < demo.challenge.closes_at for t in times)
    last_three_days = [t for t in times if t > demo.challenge.closes_at - timedelta(days=3)]
    assert len(last_three_days) > 0.25 * len(times)


def test_every_score_is_within_its_criterion_scale(demo):
    scales = {c.key: (c.scale_min, c.scale_max) for c in demo.criteria}
    for review in demo.reviews:
        for key, score in review.scores.items():
            assert scales[key][0] <= score <= scales[key][1]


def test_no_judge_is_assigned_to_a_conflicted_organisation(demo):
    organisation_of = {p.index: p.organisation for p in demo.proposals}
    confirmed = {
        (c.judge, c.organisation) for c in demo.conflicts if c.status == ConflictStatus.CONFIRMED
    }
    assert confirmed
    assert all((a.judge, organisation_of[a.proposal]) not in confirmed for a in demo.assignments)


def test_each_eligible_proposal_has_three_distinct_judges(demo):
    judges = defaultdict(list)
    for assignment in demo.assignments:
        judges[assignment.proposal].append(assignment.judge)
    assert set(judges) == {p.index for p in _eligible(demo)}
    assert all(len(set(names)) == len(names) == 3 for names in judges.values())


def test_judges_loads_are_balanced_and_under_the_cap(demo):
    loads = defaultdict(int)
    for assignment in demo.assignments:
        loads[assignment.judge] += 1
    assert set(loads) == set(JUDGE_EMAILS)
    assert max(loads.values()) - min(loads.values()) <= 1
    assert max(loads.values()) <= demo.challenge.judge_load_cap


def test_lenient_and_harsh_judges_differ_by_more_than_ten_points(demo):
    def mean_total(judges):
        emails = {j.email for j in judges}
        return statistics.mean(r.total for r in demo.reviews if r.judge in emails and r.total)

    lenient = [j for j in demo.judges if j.leniency >= 0.5]
    harsh = [j for j in demo.judges if j.leniency <= -0.5]
    assert lenient and harsh
    assert mean_total(lenient) - mean_total(harsh) > 10


def test_some_proposals_have_a_spread_above_twenty_points(demo):
    totals = defaultdict(list)
    for review in demo.reviews:
        if review.total is not None:
            totals[review.proposal].append(review.total)
    assert sum(max(t) - min(t) > 20 for t in totals.values() if len(t) > 1) >= 5


def test_about_85_percent_of_assignments_have_a_review(demo):
    share = len(demo.reviews) / len(demo.assignments)
    assert 0.8 <= share <= 0.9
    assert any(a.state == "abstained" and a.abstain_reason for a in demo.assignments)


def test_draft_reviews_have_no_total_and_submitted_ones_do(demo):
    for review in demo.reviews:
        assert (review.total is None) == (review.state == "draft")


def test_the_applicant_belongs_to_an_organisation_with_a_submitted_proposal(demo):
    applicant = next(u for u in demo.users if u.email == APPLICANT_EMAIL)
    assert any(p.organisation == applicant.organisation and p.submitted_at for p in demo.proposals)
