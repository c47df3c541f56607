"""The results service: raw and adjusted scores side by side, refusals with their reason, flags,
agreement and calibration, the data version, and who may see any of it."""

import pytest
from factories import make_review
from ranking_world import make_ranking_world

from civic_challenge.db.queries import bump_data_version
from civic_challenge.domain.terms import Normalisation, ReviewState
from civic_challenge.services.data_version import rankings_changed
from civic_challenge.services.errors import InvalidInput, PermissionDenied
from civic_challenge.services.results import ranking, results_state

# Judge A is 20 points more generous than B and C on every proposal they share.
LENIENT_A = [
    [90, 70, 70],
    [80, 60, 60],
    [60, 40, 40],
    [60, 40, None],
    [None, 50, 48],
]


def _ranking(session, world, method="none", aggregation="mean", k=2, **kw):
    return ranking(
        session=session,
        actor=world.organiser,
        method=method,
        aggregation=aggregation,
        k=k,
        resamples=kw.pop("resamples", 200),
        seed=kw.pop("seed", 7),
    )


def test_raw_ranking_orders_proposals_best_first_with_their_numbers(session):
    world = make_ranking_world(session, LENIENT_A)
    result = _ranking(session, world)
    table = result.table
    # Proposals 4 and 5 have 2 of 3 reviews: not placed, after the placed, best score first.
    assert list(table.reference) == [world.references[i] for i in (0, 1, 2, 3, 4)]
    assert list(table["rank"][:3]) == [1, 2, 3] and table["rank"][3:].isna().all()
    assert table.p_top_k[3:].isna().all() and not table.in_top_k[3:].any()
    first = table.iloc[0]
    assert first.raw_score == pytest.approx(230 / 3)
    assert first.score == pytest.approx(first.raw_score)
    assert first.n == 3 and first.spread == 20
    assert first.score_low <= first.score <= first.score_high
    assert first.rank_best <= first["rank"] <= first.rank_worst
    assert result.method_used is Normalisation.NONE and result.refused_reason is None
    assert result.submitted_reviews == 13


def test_the_additive_model_takes_out_a_generous_judge(session):
    world = make_ranking_world(session, LENIENT_A)
    result = _ranking(session, world, method="additive")
    assert result.method_used is Normalisation.ADDITIVE
    by_reference = result.table.set_index("reference")
    # Proposal 4 was seen by the generous judge, proposal 5 was not: raw ranks favour 4.
    four, five = by_reference.loc[world.references[3]], by_reference.loc[world.references[4]]
    assert four.raw_score > five.raw_score
    assert four.score < five.score
    calibration = result.calibration.set_index("judge")
    assert calibration.loc["Judge A", "offset"] > 10 > calibration.loc["Judge B", "offset"]


def test_a_judge_with_too_few_reviews_refuses_normalisation_and_says_who(session):
    world = make_ranking_world(session, [[80, 60, None], [70, 50, None], [60, None, 40]])
    result = _ranking(session, world, method="zscore")
    assert result.requested_method is Normalisation.ZSCORE
    assert result.method_used is Normalisation.NONE
    assert "Judge C: 1" in result.refused_reason
    assert list(result.table.score) == list(result.table.raw_score)


def test_flags_say_in_words_why_a_proposal_needs_a_look(session):
    world = make_ranking_world(session, [[90, 40, 85], [70, 70, None], [10, 10, 10]])
    table = _ranking(session, world, k=1).table.set_index("reference")
    assert table.loc[world.references[0], "disagreement"]
    assert "Judges disagree" in table.loc[world.references[0], "flags"]
    assert table.loc[world.references[1], "low_coverage"]
    assert "Too few reviews" in table.loc[world.references[1], "flags"]
    assert table.loc[world.references[2], "flags"] == ""


def test_draft_reviews_do_not_count(session):
    world = make_ranking_world(session, [[80, 60, None], [70, 50, 40]])
    make_review(
        session,
        proposal=_proposal(session, world.proposals[0]),
        state=ReviewState.DRAFT.value,
        total=0.0,
    )
    table = _ranking(session, world, k=1).table.set_index("reference")
    assert table.loc[world.references[0], "n"] == 2
    assert table.loc[world.references[0], "raw_score"] == 70


def test_median_aggregation_is_used_when_asked(session):
    world = make_ranking_world(session, [[90, 10, 20], [50, 50, 50]])
    table = _ranking(session, world, aggregation="median", k=1).table
    assert list(table.reference) == [world.references[1], world.references[0]]
    assert table.raw_score.iloc[1] == 20


def test_agreement_overall_and_per_criterion_reads_in_plain_english(session):
    world = make_ranking_world(session, LENIENT_A)
    result = _ranking(session, world)
    assert result.agreement.units == 5
    assert result.agreement.reading.startswith("judges ")
    assert list(result.agreement_by_criterion.criterion) == ["Impact", "Feasibility"]
    assert set(result.agreement_by_criterion.columns) >= {"alpha", "reading", "units"}


def test_a_tie_at_the_cut_is_reported_with_the_references_involved(session):
    world = make_ranking_world(session, [[80, 60, 70], [70, 70, 70], [20, 30, 25]])
    result = _ranking(session, world, k=1)
    assert result.tie_warning is not None and "too close to call" in result.tie_warning
    assert set(result.tied_references) >= {world.references[0], world.references[1]}


def test_no_reviews_gives_an_empty_ranking_not_an_error(session):
    world = make_ranking_world(session, [[None, None, None]])
    result = _ranking(session, world, method="additive")
    assert result.table.empty and result.unranked == 1
    assert result.refused_reason is not None


def test_bad_settings_are_refused_together_in_plain_english(session):
    world = make_ranking_world(session, LENIENT_A)
    with pytest.raises(InvalidInput) as refused:
        ranking(
            session=session,
            actor=world.organiser,
            method="ratio",
            aggregation="mode",
            k=0,
            resamples=0,
        )
    assert set(refused.value.problems) == {"method", "aggregation", "k", "resamples"}
    assert "shortlist size of at least 1" in str(refused.value)


def test_results_state_carries_the_challenge_defaults_and_data_version(session):
    world = make_ranking_world(session, LENIENT_A)
    state = results_state(session=session, actor=world.organiser)
    assert state.challenge_id == world.challenge_id
    assert state.method is Normalisation.ADDITIVE
    assert state.default_k == 16  # GBP 250,000 budget / GBP 15,000 awards
    assert rankings_changed(session, world.challenge_id) == state.data_version + 1
    assert results_state(session=session, actor=world.organiser).data_version == (
        state.data_version + 1
    )


def test_each_bump_of_the_data_version_counts(session):
    world = make_ranking_world(session, LENIENT_A)
    first = bump_data_version(session, world.challenge_id)
    assert bump_data_version(session, world.challenge_id) == first + 1


@pytest.mark.parametrize("who", ["judge", "applicant", None])
def test_only_organisers_see_results(session, who):
    world = make_ranking_world(session, LENIENT_A)
    actor = getattr(world, who) if who else None
    with pytest.raises(PermissionDenied):
        ranking(session=session, actor=actor, method="none", aggregation="mean", k=1)
    with pytest.raises(PermissionDenied):
        results_state(session=session, actor=actor)


def _proposal(session, proposal_id):
    from civic_challenge.db.models import Proposal

    return session.get(Proposal, proposal_id)
