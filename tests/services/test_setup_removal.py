"""Set-up: keys made from names for new themes and statements (kept on edits), and removing a
theme or statement that no proposal uses (refused, with the reason, when one does)."""

import json

import pytest
from factories import make_proposal, make_statement, make_theme
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import (
    AuditEvent,
    Challenge,
    ChallengeStatement,
    JudgeExpertise,
    ProposalTheme,
    Theme,
)
from civic_challenge.domain.terms import Role
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.setup import get_setup
from civic_challenge.services.statements import StatementValues, remove_statement, save_statement
from civic_challenge.services.themes import ThemeValues, remove_theme, save_theme


def add_theme(session, world, name, **kwargs):
    values = ThemeValues("", name, "", kwargs.get("budget", 0.0), 0.0, "#CC79A7")
    return save_theme(
        session=session, actor=world.organiser, theme_id=None, values=values, version=None, now=NOW
    )


def test_a_new_themes_key_is_made_from_its_name_and_kept_when_renamed(session):
    world = make_world(session)
    add_theme(session, world, "Health & care")
    theme = session.exec(select(Theme).where(Theme.name == "Health & care")).one()
    assert theme.key == "health-care"
    save_theme(
        session=session,
        actor=world.organiser,
        theme_id=theme.id,
        values=ThemeValues("", "Health and social care", "", 0.0, 0.0, "#CC79A7"),
        version=theme.version,
        now=NOW,
    )
    assert (theme.key, theme.name) == ("health-care", "Health and social care")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "Climate: change!",
            "Another theme already has a name like this (its key is 'climate-change')",
        ),
        ("***", "Use some letters or digits in the name"),
        ("", "Give the theme a name."),
    ],
)
def test_a_name_that_makes_no_usable_key_is_refused_beside_the_name(session, name, words):
    world = make_world(session)
    add_theme(session, world, "Climate change")
    with pytest.raises(InvalidInput) as refused:
        add_theme(session, world, name)
    assert list(refused.value.problems) == ["name"]
    assert refused.value.problems["name"][0].startswith(words)


def test_a_new_statements_key_is_made_from_its_title(session):
    world = make_world(session)
    values = StatementValues("", "ageing", "Loneliness in later life", "", "NHS", None)
    save_statement(
        session=session, actor=world.organiser, statement_id=None, values=values, version=None,
        now=NOW,
    )  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        save_statement(
            session=session, actor=world.organiser, statement_id=None, values=values,
            version=None, now=NOW,
        )  # fmt: skip
    assert "its key is 'loneliness-in-later-life'" in refused.value.problems["title"][0]
    keys = session.exec(select(ChallengeStatement.key)).all()
    assert keys.count("loneliness-in-later-life") == 1


def test_an_unused_theme_is_removed_audited_and_leaves_judges_expertise(session):
    world = make_world(session)
    add_theme(session, world, "Inequality", budget=0.2)
    theme = session.exec(select(Theme).where(Theme.key == "inequality")).one()
    session.add(JudgeExpertise(user_id=world.judge.id, theme_id=theme.id))
    session.flush()
    warning = remove_theme(
        session=session, actor=world.organiser, theme_id=theme.id, version=theme.version, now=NOW
    )
    assert warning is None  # the two themes left add up to 100% again
    session.expire_all()
    assert session.exec(select(Theme).where(Theme.key == "inequality")).first() is None
    assert session.exec(select(JudgeExpertise)).all() == []
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "theme.removed")).one()
    assert json.loads(event.before)["name"] == "Inequality"


def test_removing_a_theme_leaves_a_warning_when_targets_no_longer_add_up(session):
    world = make_world(session)
    climate = session.get(Theme, world.theme_ids["climate"])
    spare = make_theme(session, session.get(Challenge, world.challenge_id), key="spare")
    climate.target_budget_share = 0.5
    spare.target_budget_share = 0.1
    warning = remove_theme(
        session=session, actor=world.organiser, theme_id=spare.id, version=spare.version, now=NOW
    )
    assert "do not add up to 100%" in warning


def test_a_theme_that_proposals_or_statements_use_is_refused_with_the_reason(session):
    world = make_world(session)
    ageing = session.get(Theme, world.theme_ids["ageing"])
    with pytest.raises(ServiceError) as refused:
        remove_theme(
            session=session, actor=world.organiser, theme_id=ageing.id, version=ageing.version,
            now=NOW,
        )  # fmt: skip
    assert str(refused.value) == (
        "This theme cannot be removed: 2 proposals are tagged with it (drafts included), and "
        "proposals keep their themes; 1 challenge statement sits under it (see the statements "
        "below): remove it or move it to another theme first. You can still change its name, "
        "description, targets and colour."
    )
    assert session.get(Theme, ageing.id) is not None
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "theme.removed")).all() == []


def test_a_theme_tagged_only_on_a_draft_is_still_refused(session):
    world = make_world(session)
    challenge = session.get(Challenge, world.challenge_id)
    theme = make_theme(session, challenge, key="tagged")
    draft = make_proposal(session, challenge, status="draft")
    session.add(ProposalTheme(proposal_id=draft.id, theme_id=theme.id, is_primary=False))
    session.flush()
    with pytest.raises(ServiceError, match="1 proposal is tagged with it"):
        remove_theme(
            session=session, actor=world.organiser, theme_id=theme.id, version=theme.version,
            now=NOW,
        )  # fmt: skip


def test_an_unused_statement_is_removed_and_audited(session):
    world = make_world(session)
    spare = make_statement(session, session.get(Theme, world.theme_ids["climate"]), key="spare")
    remove_statement(
        session=session, actor=world.organiser, statement_id=spare.id, version=spare.version,
        now=NOW,
    )  # fmt: skip
    session.expire_all()
    assert (
        session.exec(select(ChallengeStatement).where(ChallengeStatement.key == "spare")).first()
        is None
    )
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "statement.removed")).one()


@pytest.mark.parametrize(
    ("statuses", "words"),
    [
        (["draft"], "1 proposal is written for it (still a draft)"),
        (["draft", "draft"], "2 proposals are written for it (all still drafts)"),
        (
            ["withdrawn", "draft", "submitted"],
            "3 proposals are written for it (1 of them still a draft)",
        ),
        (["eligible"], "1 proposal is written for it. You can still change its wording"),
    ],
)
def test_a_statement_with_proposals_is_refused_with_how_many(session, statuses, words):
    world = make_world(session)
    challenge = session.get(Challenge, world.challenge_id)
    statement = make_statement(session, session.get(Theme, world.theme_ids["climate"]))
    for status in statuses:
        make_proposal(session, challenge, status=status, statement_id=statement.id)
    with pytest.raises(ServiceError) as refused:
        remove_statement(
            session=session, actor=world.organiser, statement_id=statement.id,
            version=statement.version, now=NOW,
        )  # fmt: skip
    assert words in str(refused.value)
    assert session.get(ChallengeStatement, statement.id) is not None


def test_removing_from_a_stale_page_is_refused(session):
    world = make_world(session)
    spare = make_statement(session, session.get(Theme, world.theme_ids["climate"]))
    with pytest.raises(ServiceError, match="changed by someone else"):
        remove_statement(
            session=session, actor=world.organiser, statement_id=spare.id,
            version=spare.version + 1, now=NOW,
        )  # fmt: skip
    assert session.get(ChallengeStatement, spare.id) is not None


@pytest.mark.parametrize("role", [Role.JUDGE, Role.APPLICANT])
def test_judges_and_applicants_cannot_remove_themes_or_statements(session, role):
    world = make_world(session)
    person = world.judge if role is Role.JUDGE else world.applicant
    setup = get_setup(session=session, actor=world.organiser)
    theme, statement = setup.themes.iloc[0], setup.statements.iloc[0]
    with pytest.raises(PermissionDenied):
        remove_theme(
            session=session, actor=person, theme_id=int(theme.id), version=int(theme.version),
            now=NOW,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        remove_statement(
            session=session, actor=person, statement_id=int(statement.id),
            version=int(statement.version), now=NOW,
        )  # fmt: skip
