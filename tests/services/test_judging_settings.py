"""Judging settings: saved together, checked, versioned and audited."""

from datetime import timedelta

import pytest
from judging_world import CLOSES_AT, NOW, make_judging

from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.judging_settings import get_judging_settings, update_judging_settings


def update(session, actor, version, **overrides):
    fields = dict(
        reviews_per_proposal=3,
        judge_load_cap=20,
        blind_review=False,
        score_visibility="never",
        judging_closes_at=CLOSES_AT + timedelta(days=20),
    )
    return update_judging_settings(
        session=session, actor=actor, version=version, now=NOW, **(fields | overrides)
    )


def test_an_organiser_changes_every_setting_at_once(session):
    world = make_judging(session)
    before = get_judging_settings(session=session, actor=world.organiser)
    after = update(session, world.organiser, before.version)
    assert (after.reviews_per_proposal, after.judge_load_cap, after.blind_review) == (3, 20, False)
    assert after.version == before.version + 1


def test_bad_settings_are_refused_all_at_once(session):
    world = make_judging(session)
    version = get_judging_settings(session=session, actor=world.organiser).version
    with pytest.raises(InvalidInput) as refused:
        update(
            session,
            world.organiser,
            version,
            reviews_per_proposal=0,
            judge_load_cap=0,
            score_visibility="sometimes",
            judging_closes_at=CLOSES_AT,
        )
    assert set(refused.value.problems) == {
        "reviews_per_proposal",
        "judge_load_cap",
        "score_visibility",
        "judging_closes_at",
    }


def test_a_stale_form_is_refused(session):
    world = make_judging(session)
    version = get_judging_settings(session=session, actor=world.organiser).version
    update(session, world.organiser, version)
    with pytest.raises(ServiceError, match="changed elsewhere"):
        update(session, world.organiser, version)


def test_judges_may_not_change_settings(session):
    world = make_judging(session)
    with pytest.raises(PermissionDenied):
        update(session, world.judges[0], 1)
