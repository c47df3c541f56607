"""assign_judges: k judges per proposal, caps, conflicts, kept pairs; optimal and deterministic."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic_challenge.domain.assignment import (
    AssignmentInfeasible,
    AssignmentPlan,
    JudgeCapacity,
    ProposalNeed,
    assign_judges,
    summarise_plan,
)


def proposal(pid, *themes, label=""):
    return ProposalNeed(pid, frozenset(themes), label=label)


def judge(jid, cap, *expertise, label=""):
    return JudgeCapacity(jid, cap, frozenset(expertise), label=label)


# ---------------------------------------------------------------- plans that have one right answer


@pytest.mark.parametrize(
    ("case", "expected_pairs", "expected_matches"),
    [
        (
            dict(
                proposals=[proposal(1, "a"), proposal(2, "a")],
                judges=[judge(1, 2, "a"), judge(2, 2)],
                k=1,
            ),
            ((1, 1), (1, 2)),
            2,
        ),
        (
            dict(
                proposals=[proposal(1, "a", "b")], judges=[judge(1, 1, "c"), judge(2, 1, "b")], k=1
            ),
            ((2, 1),),
            1,
        ),
        (
            dict(
                proposals=[proposal(1, "a"), proposal(2, "a")],
                judges=[judge(1, 1, "a"), judge(2, 2)],
                k=1,
            ),
            ((1, 1), (2, 2)),
            1,
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2)],
                judges=[judge(1, 2), judge(2, 2)],
                k=1,
                keep=[(1, 1), (1, 2)],
            ),
            ((1, 1), (1, 2)),
            0,
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2), proposal(3)],
                judges=[judge(1, 3), judge(2, 3)],
                k=1,
                keep=[(1, 1), (1, 2)],
            ),
            ((1, 1), (1, 2), (2, 3)),
            0,
        ),
        (
            dict(
                proposals=[proposal(1, "a")],
                judges=[judge(1, 1, "a"), judge(2, 1)],
                k=1,
                conflicts=[(1, 1)],
            ),
            ((2, 1),),
            0,
        ),
        (
            dict(
                proposals=[proposal(5, "a"), proposal(6, "b")],
                judges=[judge(7, 2, "a"), judge(8, 2, "b"), judge(9, 2, "a", "b")],
                k=2,
            ),
            ((7, 5), (8, 6), (9, 5), (9, 6)),
            4,
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2)], judges=[judge(1, 2)], k=1, conflicts=[(9, 9)]
            ),
            ((1, 1), (1, 2)),
            0,
        ),
    ],
    ids=[
        "expertise-beats-evenness",
        "secondary-theme-counts-as-expertise",
        "cap-sends-the-rest-elsewhere",
        "kept-pairs-already-meet-k",
        "kept-pairs-count-toward-load",
        "conflict-overrides-expertise",
        "every-pair-a-match",
        "conflicts-with-unknown-ids-ignored",
    ],
)
def test_assign_judges_finds_the_one_best_plan(case, expected_pairs, expected_matches):
    plan = assign_judges(**case)
    assert plan.pairs == expected_pairs
    assert plan.expertise_matches == expected_matches


@pytest.mark.parametrize(
    ("n_proposals", "caps", "k", "expected_loads"),
    [
        (4, [4, 4], 1, {1: 2, 2: 2}),
        (5, [5, 5], 1, {1: 2, 2: 3}),
        (6, [6, 6, 6], 2, {1: 4, 2: 4, 3: 4}),
        (6, [1, 6, 6], 2, {1: 1, 2: 6, 3: 5}),
        (0, [3, 3], 2, {1: 0, 2: 0}),
    ],
    ids=["even-split", "odd-split", "k-two-three-judges", "small-cap-judge", "nothing-to-do"],
)
def test_assign_judges_spreads_load_evenly(n_proposals, caps, k, expected_loads):
    proposals = [proposal(i) for i in range(1, n_proposals + 1)]
    judges = [judge(i, cap) for i, cap in enumerate(caps, start=1)]
    plan = assign_judges(proposals=proposals, judges=judges, k=k)
    assert sorted(plan.loads.values()) == sorted(expected_loads.values())
    assert set(plan.loads) == set(expected_loads)


# ---------------------------------------------------------------- impossible plans, in numbers


def flow_short(flow, needed):
    return (
        f"Only {flow} of the {needed} reviews still needed can be placed without a conflict "
        f"or a judge over their cap ({needed - flow} short)."
    )


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            dict(proposals=[proposal(1)], judges=[judge(1, 5), judge(2, 5)], k=3),
            ["Each proposal needs 3 judges, but there are only 2 judges."],
        ),
        (
            dict(proposals=[proposal(1)], judges=[], k=1),
            ["Each proposal needs 1 judge, but there are no judges."],
        ),
        (
            dict(
                proposals=[proposal(i) for i in range(120)],
                judges=[judge(i, 25) for i in range(12)],
                k=3,
            ),
            ["Needs 360 reviews (120 proposals x 3); 12 judges x cap 25 = 300 places."],
        ),
        (
            dict(proposals=[proposal(i) for i in range(4)], judges=[judge(1, 3), judge(2, 2)], k=2),
            ["Needs 8 reviews (4 proposals x 2); the 2 judges' caps add up to 5 places."],
        ),
        (
            dict(
                proposals=[proposal(17), proposal(18)],
                judges=[judge(i, 9) for i in range(1, 5)],
                k=3,
                conflicts=[(1, 17), (2, 17)],
            ),
            ["Proposal 17: only 2 judges without a conflict, 3 needed."],
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2), proposal(3)],
                judges=[judge(1, 1), judge(2, 5)],
                k=2,
                keep=[(1, 1)],
            ),
            [
                "Proposal 2: only 1 judge without a conflict has room left, 2 more needed.",
                "Proposal 3: only 1 judge without a conflict has room left, 2 more needed.",
            ],
        ),
        (
            dict(
                proposals=[proposal(1)],
                judges=[judge(1, 5), judge(2, 5), judge(3, 5)],
                k=1,
                keep=[(1, 1), (2, 1)],
            ),
            ["Proposal 1 already has 2 judges kept from earlier, more than the 1 now asked for."],
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2), proposal(3)],
                judges=[judge(1, 1), judge(2, 5)],
                k=1,
                keep=[(1, 1), (1, 2)],
            ),
            ["Judge 1 already holds 2 kept proposals, more than their cap of 1."],
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2)],
                judges=[judge(1, 1), judge(2, 5)],
                k=1,
                conflicts=[(2, 1), (2, 2)],
            ),
            [
                flow_short(1, 2),
                "Proposals 1 and 2 need 2 more judges between them but can get at most 1: the only "
                "judge without a conflict who could take them (judge 1) has 1 place left.",
            ],
        ),
        (
            dict(
                proposals=[proposal(1), proposal(2)],
                judges=[judge(1, 1), judge(2, 5), judge(3, 5)],
                k=2,
                conflicts=[(2, 1), (2, 2)],
            ),
            [
                flow_short(3, 4),
                "Proposals 1 and 2 need 4 more judges between them but can get at most 3: "
                "judge 1 has 1 place left, and the other judges without a conflict can add 2 "
                "(one per proposal each).",
            ],
        ),
        (
            dict(
                proposals=[proposal(1, label="CIC-2018-0001"), proposal(2, label="CIC-2018-0002")],
                judges=[judge(1, 1, label="Ada Lovelace"), judge(2, 5)],
                k=1,
                conflicts=[(2, 1), (2, 2)],
            ),
            [
                flow_short(1, 2),
                "Proposals CIC-2018-0001 and CIC-2018-0002 need 2 more judges between them but "
                "can get at most 1: the only judge without a conflict who could take them "
                "(judge Ada Lovelace) has 1 place left.",
            ],
        ),
    ],
    ids=[
        "k-above-number-of-judges",
        "no-judges",
        "demand-above-capacity",
        "demand-above-uneven-capacity",
        "proposal-with-too-many-conflicts",
        "proposal-whose-free-judges-are-full",
        "more-kept-than-k",
        "more-kept-than-cap",
        "flow-short-one-judge-for-two",
        "flow-short-with-other-judges-counted",
        "labels-name-proposals-and-judges",
    ],
)
def test_infeasible_assignment_says_why_in_numbers(case, expected):
    with pytest.raises(AssignmentInfeasible) as raised:
        assign_judges(**case)
    assert raised.value.reasons == expected
    assert str(raised.value) == " ".join(expected)


def test_infeasible_lists_ten_short_proposals_then_counts_the_rest():
    proposals = [proposal(i) for i in range(1, 16)]
    conflicts = [(2, i) for i in range(1, 16)]
    with pytest.raises(AssignmentInfeasible) as raised:
        assign_judges(
            proposals=proposals, judges=[judge(1, 20), judge(2, 20)], k=2, conflicts=conflicts
        )
    reasons = raised.value.reasons
    assert reasons[0] == "Proposal 1: only 1 judge without a conflict, 2 needed."
    assert len(reasons) == 11
    assert reasons[-1] == "And 5 more proposals have too few judges free to take them."


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (dict(proposals=[proposal(1)], judges=[judge(1, 1)], k=0), "k must be at least 1, not 0"),
        (
            dict(proposals=[proposal(1), proposal(1)], judges=[judge(1, 2)], k=1),
            "proposal ids repeat",
        ),
        (dict(proposals=[proposal(1)], judges=[judge(1, 2), judge(1, 2)], k=1), "judge ids repeat"),
        (
            dict(proposals=[proposal(1)], judges=[judge(1, -1)], k=1),
            "judge 1 has a negative cap (-1)",
        ),
        (
            dict(proposals=[proposal(1)], judges=[judge(1, 2)], k=1, keep=[(1, 9)]),
            "kept pair (1, 9) names an unknown id",
        ),
        (
            dict(
                proposals=[proposal(1)],
                judges=[judge(1, 2)],
                k=1,
                keep=[(1, 1)],
                conflicts=[(1, 1)],
            ),
            "kept pair (1, 1) is also a conflict",
        ),
    ],
    ids=[
        "k-zero",
        "repeated-proposal",
        "repeated-judge",
        "negative-cap",
        "kept-unknown",
        "kept-conflict",
    ],
)
def test_wrong_input_is_a_value_error(case, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        assign_judges(**case)


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (
            AssignmentPlan(pairs=((1, 1), (1, 2), (2, 3)), expertise_matches=2, loads={1: 2, 2: 1}),
            "Each judge holds 1 to 2 proposals; 67% of reviews go to a judge with matching "
            "expertise.",
        ),
        (
            AssignmentPlan(pairs=((1, 1), (2, 2)), expertise_matches=2, loads={1: 1, 2: 1}),
            "Each judge holds 1 proposal; 100% of reviews go to a judge with matching expertise.",
        ),
        (
            AssignmentPlan(
                pairs=tuple((1, i) for i in range(1000)), expertise_matches=999, loads={1: 1000}
            ),
            "Each judge holds 1000 proposals; 99% of reviews go to a judge with matching "
            "expertise.",
        ),
        (
            AssignmentPlan(
                pairs=tuple((1, i) for i in range(1000)), expertise_matches=1, loads={1: 1000}
            ),
            "Each judge holds 1000 proposals; 1% of reviews go to a judge with matching expertise.",
        ),
        (
            AssignmentPlan(pairs=(), expertise_matches=0, loads={1: 0, 2: 0}),
            "Each judge holds 0 proposals; there are no reviews to assign.",
        ),
        (AssignmentPlan(pairs=(), expertise_matches=0, loads={}), "There are no judges to assign."),
    ],
    ids=[
        "range",
        "all-match",
        "almost-all-is-not-100",
        "almost-none-is-not-0",
        "no-reviews",
        "no-judges",
    ],
)
def test_summarise_plan(plan, expected):
    assert summarise_plan(plan) == expected


# ---------------------------------------------------------------- properties


@st.composite
def instances(draw, max_proposals, max_judges, max_k):
    """Small instances, mostly feasible: ids in no order, a few conflicts and kept pairs."""
    n_proposals = draw(st.integers(1, max_proposals))
    n_judges = draw(st.integers(1, max_judges))
    proposal_ids = draw(
        st.lists(st.integers(1, 60), unique=True, min_size=n_proposals, max_size=n_proposals)
    )
    judge_ids = draw(
        st.lists(st.integers(1, 60), unique=True, min_size=n_judges, max_size=n_judges)
    )
    themes = st.frozensets(st.sampled_from("abc"), max_size=2)
    proposals = [ProposalNeed(pid, draw(themes)) for pid in proposal_ids]
    judges = [
        JudgeCapacity(jid, draw(st.integers(0, max_proposals)), draw(themes)) for jid in judge_ids
    ]
    pairs = [(j, p) for j in judge_ids for p in proposal_ids]
    marks = draw(st.lists(st.sampled_from("------ck"), min_size=len(pairs), max_size=len(pairs)))
    conflicts = [pair for pair, mark in zip(pairs, marks, strict=True) if mark == "c"]
    keep = [
        pair for pair, mark in zip(pairs, marks, strict=True) if mark == "k" and draw(st.booleans())
    ]
    k = draw(st.integers(1, min(max_k, n_judges)))
    return dict(proposals=proposals, judges=judges, k=k, conflicts=conflicts, keep=keep)


def best_by_brute_force(proposals, judges, k, conflicts, keep):
    """(-matches, sum of squared loads, max load), least first, over every feasible plan; or None.

    The max load is compared only among plans with the most matches, which the tuple order gives.
    """
    caps = {j.id: j.cap for j in judges}
    expertise = {j.id: j.expertise for j in judges}
    options = []
    for p in proposals:
        kept = {j for j, pid in keep if pid == p.id}
        free = [j.id for j in judges if (j.id, p.id) not in conflicts and j.id not in kept]
        if len(kept) > k:
            return None
        options.append([kept | set(c) for c in itertools.combinations(free, k - len(kept))])
    best = None
    for choice in itertools.product(*options):
        loads = dict.fromkeys(caps, 0)
        for chosen in choice:
            for j in chosen:
                loads[j] += 1
        if any(loads[j] > caps[j] for j in caps):
            continue
        matches = sum(
            bool(expertise[j] & p.themes)
            for p, chosen in zip(proposals, choice, strict=True)
            for j in chosen
        )
        score = (-matches, sum(n * n for n in loads.values()), max(loads.values()))
        best = score if best is None else min(best, score)
    return best


@settings(max_examples=200, deadline=None)
@given(instances(max_proposals=5, max_judges=4, max_k=2))
def test_plan_is_as_good_as_the_best_found_by_brute_force(case):
    best = best_by_brute_force(**case)
    if best is None:
        with pytest.raises(AssignmentInfeasible):
            assign_judges(**case)
        return
    plan = assign_judges(**case)
    sum_of_squares = sum(n * n for n in plan.loads.values())
    assert (-plan.expertise_matches, sum_of_squares) == best[:2]
    assert max(plan.loads.values()) == best[2]


@settings(max_examples=100, deadline=None)
@given(instances(max_proposals=14, max_judges=6, max_k=3), st.randoms(use_true_random=False))
def test_plan_keeps_every_rule_and_ignores_input_order(case, rnd):
    try:
        plan = assign_judges(**case)
    except AssignmentInfeasible as infeasible:
        assert infeasible.reasons
        return
    by_proposal = {p.id: [j for j, pid in plan.pairs if pid == p.id] for p in case["proposals"]}
    assert all(len(set(js)) == len(js) == case["k"] for js in by_proposal.values())
    assert all(plan.loads[j.id] <= j.cap for j in case["judges"])
    assert not set(plan.pairs) & set(case["conflicts"])
    assert set(case["keep"]) <= set(plan.pairs)
    assert list(plan.pairs) == sorted(set(plan.pairs))
    assert plan.loads == {
        j.id: sum(1 for jid, _ in plan.pairs if jid == j.id) for j in case["judges"]
    }
    themes = {p.id: p.themes for p in case["proposals"]}
    expertise = {j.id: j.expertise for j in case["judges"]}
    assert plan.expertise_matches == sum(bool(expertise[j] & themes[p]) for j, p in plan.pairs)
    assert assign_judges(**shuffled(case, rnd)) == plan


def shuffled(case, rnd: random.Random):
    copy = {key: list(value) if isinstance(value, list) else value for key, value in case.items()}
    for key in ("proposals", "judges", "conflicts", "keep"):
        rnd.shuffle(copy[key])
    return copy
