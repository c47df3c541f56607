"""What changed between versions, and why a review is flagged."""

import pytest

from civic_challenge.domain.proposal_history import changed_fields, review_flags


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, {"title": "A"}, ["first submission"]),
        ({"title": "A"}, {"title": "A"}, []),
        ({"title": "A", "summary": "x"}, {"title": "B", "summary": "y"}, ["title", "summary"]),
        ({"amount_requested_pence": 1}, {"amount_requested_pence": 2}, ["amount requested"]),
        ({"version": 1, "title": "A"}, {"version": 2, "title": "A"}, []),
    ],
)
def test_changed_fields_names_what_differs(before, after, expected):
    assert changed_fields(before, after) == expected


def test_review_flags_name_conflict_and_changes_after_seeing_others():
    assert review_flags(changes_after_submit=0, others_visible=True, conflicted=False) == []
    flags = review_flags(changes_after_submit=2, others_visible=True, conflicted=True)
    assert "does not count" in flags[0]
    assert "2 times after submitting" in flags[1]
    assert (
        "could be seen"
        not in review_flags(changes_after_submit=1, others_visible=False, conflicted=False)[0]
    )
