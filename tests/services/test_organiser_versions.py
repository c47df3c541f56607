"""Every organiser form with a version: a save drawn from a version someone else has since
changed (another organiser, another tab) is refused as ChangedElsewhere and stores nothing;
the same save drawn from the current version goes through."""

from dataclasses import replace

import pytest
from factories import make_organisation, make_proposal
from judging_world import make_judging
from organiser_world import NOW, make_world
from sqlmodel import select

from civic_challenge.db.models import (
    Challenge,
    ChallengeStatement,
    Criterion,
    Decision,
    Proposal,
    Review,
    Theme,
)
from civic_challenge.domain.rubric import CriterionDraft
from civic_challenge.domain.terms import Phase, ProposalStatus
from civic_challenge.services.awards import decide_award
from civic_challenge.services.errors import ChangedElsewhere, ServiceError
from civic_challenge.services.feedback_moderation import feedback_for_moderation, moderate_comment
from civic_challenge.services.phase import change_phase
from civic_challenge.services.rubric import (
    get_rubric,
    remove_criterion,
    reset_criterion,
    save_criterion,
)
from civic_challenge.services.screening import (
    accept_screening_suggestions,
    list_screening,
    screen_proposal,
)
from civic_challenge.services.setup import get_setup, update_challenge
from civic_challenge.services.statements import StatementValues, remove_statement, save_statement
from civic_challenge.services.themes import ThemeValues, remove_theme, save_theme


def stored(session, row):
    """A row's stored columns, read afresh."""
    session.expire_all()
    fresh = session.get(type(row), row.id)
    return {k: v for k, v in fresh.model_dump().items()}


def test_a_stale_challenge_form_is_refused_and_stores_nothing(session):
    world = make_world(session)
    drawn = get_setup(session=session, actor=world.organiser)
    mine = replace(drawn.values, name="Mine", budget_pence=70_000_00)
    theirs = replace(drawn.values, name="Theirs")
    update_challenge(
        session=session, actor=world.organiser, values=theirs, version=drawn.version, now=NOW
    )
    challenge = session.get(Challenge, world.challenge_id)
    before = stored(session, challenge)
    with pytest.raises(ChangedElsewhere, match="changed by someone else"):
        update_challenge(
            session=session, actor=world.organiser, values=mine, version=drawn.version, now=NOW
        )
    assert stored(session, challenge) == before
    update_challenge(
        session=session, actor=world.organiser, values=mine, version=before["version"], now=NOW
    )
    assert stored(session, challenge)["name"] == "Mine"


def test_a_phase_change_from_a_stale_page_is_refused(session):
    world = make_world(session)
    version = get_setup(session=session, actor=world.organiser).version
    change_phase(
        session=session, actor=world.organiser, phase=Phase.MODERATION, confirm=False,
        version=version, now=NOW,
    )  # fmt: skip
    with pytest.raises(ChangedElsewhere):
        change_phase(
            session=session, actor=world.organiser, phase=Phase.DECIDED, confirm=False,
            version=version, now=NOW,
        )  # fmt: skip
    assert session.get(Challenge, world.challenge_id).phase == Phase.MODERATION.value


def theme_values(name: str) -> ThemeValues:
    return ThemeValues("", name, "About it", 0.6, 0.5, "#009E73")


def test_a_stale_theme_save_or_removal_is_refused(session):
    world = make_world(session)
    theme = session.get(Theme, world.theme_ids["climate"])
    drawn = theme.version
    save_theme(
        session=session, actor=world.organiser, theme_id=theme.id,
        values=theme_values("Theirs"), version=drawn, now=NOW,
    )  # fmt: skip
    before = stored(session, theme)
    with pytest.raises(ChangedElsewhere):
        save_theme(
            session=session, actor=world.organiser, theme_id=theme.id,
            values=theme_values("Mine"), version=drawn, now=NOW,
        )  # fmt: skip
    with pytest.raises(ChangedElsewhere):
        remove_theme(
            session=session, actor=world.organiser, theme_id=theme.id, version=drawn, now=NOW
        )
    assert stored(session, theme) == before


def test_a_stale_statement_save_or_removal_is_refused(session):
    world = make_world(session)
    statement = session.get(ChallengeStatement, world.statement_ids["travel"])
    drawn = statement.version

    def values(title):
        return StatementValues("", "climate", title, "The problem", "TfL", None)

    save_statement(
        session=session, actor=world.organiser, statement_id=statement.id,
        values=values("Theirs"), version=drawn, now=NOW,
    )  # fmt: skip
    before = stored(session, statement)
    with pytest.raises(ChangedElsewhere):
        save_statement(
            session=session, actor=world.organiser, statement_id=statement.id,
            values=values("Mine"), version=drawn, now=NOW,
        )  # fmt: skip
    with pytest.raises(ChangedElsewhere):
        remove_statement(
            session=session, actor=world.organiser, statement_id=statement.id, version=drawn,
            now=NOW,
        )  # fmt: skip
    assert stored(session, statement) == before


def submitted(session, world):
    organisation = make_organisation(
        session, employees=10, turnover_pence=100_00, borough_code="E09000012"
    )
    return make_proposal(
        session,
        session.get(Challenge, world.challenge_id),
        organisation,
        status=ProposalStatus.SUBMITTED.value,
        submitted_at=NOW,
        amount_requested_pence=10_000_00,
    )


def test_a_stale_screening_decision_is_refused_and_keeps_the_first(session):
    world = make_judging(session, proposals=0, assign=False)
    proposal = submitted(session, world)
    drawn = proposal.version

    def screen(eligible, reason):
        screen_proposal(
            session=session, actor=world.organiser, proposal_id=proposal.id,
            eligible=eligible, reason=reason, version=drawn, now=NOW,
        )  # fmt: skip

    screen(False, "Registered outside London.")
    before = stored(session, proposal)
    with pytest.raises(ChangedElsewhere, match="not saved yet"):
        screen(True, "")
    assert stored(session, proposal) == before
    assert before["status"] == ProposalStatus.INELIGIBLE.value


def test_accepting_suggestions_uses_the_versions_it_reads(session):
    world = make_judging(session, proposals=0, assign=False)
    proposal = submitted(session, world)
    assert accept_screening_suggestions(session=session, actor=world.organiser, now=NOW) == 1
    frame = list_screening(session=session, actor=world.organiser)
    assert int(frame.version.iloc[0]) == session.get(Proposal, proposal.id).version == 2


def criterion_draft(name: str) -> CriterionDraft:
    return CriterionDraft(name, "Why?", 2.0, 1, 5, ("1", "2", "3", "4", "5"), True)


def test_a_stale_criterion_save_or_removal_is_refused(session):
    world = make_judging(session)
    criterion = session.get(Criterion, world.criterion_ids[0])
    drawn = get_rubric(session=session, actor=world.organiser).criteria[0].version
    save_criterion(
        session=session, actor=world.organiser, criterion_id=criterion.id,
        draft=criterion_draft("Theirs"), version=drawn, now=NOW,
    )  # fmt: skip
    before = stored(session, criterion)
    assert before["version"] == drawn + 1
    with pytest.raises(ChangedElsewhere):
        save_criterion(
            session=session, actor=world.organiser, criterion_id=criterion.id,
            draft=criterion_draft("Mine"), version=drawn, now=NOW,
        )  # fmt: skip
    with pytest.raises(ChangedElsewhere):
        remove_criterion(
            session=session, actor=world.organiser, criterion_id=criterion.id, version=drawn,
            now=NOW,
        )  # fmt: skip
    assert stored(session, criterion) == before


def test_a_stale_criterion_reset_is_refused(session):
    world = make_judging(session)
    criterion = session.get(Criterion, world.criterion_ids[0])
    drawn = criterion.version
    criterion.version += 1  # another organiser's reset
    session.flush()
    before = stored(session, criterion)
    with pytest.raises(ChangedElsewhere):
        reset_criterion(
            session=session, actor=world.organiser, criterion_id=criterion.id,
            draft=criterion_draft("Mine"), reason="The panel agreed.", version=drawn, now=NOW,
        )  # fmt: skip
    assert stored(session, criterion) == before


def test_a_stale_award_decision_is_refused(session):
    world = make_world(session)
    proposal_id = world.proposal_ids[0]

    def decide(amount, version):
        decide_award(
            session=session, actor=world.organiser, proposal_id=proposal_id, award=True,
            amount_pence=amount, rationale="Strong plan", version=version, now=NOW,
        )  # fmt: skip

    decide(10_000_00, 0)  # the first decision: there was none when the form was drawn
    decision = session.exec(
        select(Decision).where(Decision.proposal_id == proposal_id, Decision.stage == "award")
    ).one()
    before = stored(session, decision)
    with pytest.raises(ChangedElsewhere, match="changed by someone else"):
        decide(5_000_00, 0)  # another tab also saw no decision
    assert stored(session, decision) == before
    decide(5_000_00, before["version"])
    assert stored(session, decision)["amount_pence"] == 5_000_00


def test_a_stale_feedback_wording_is_refused(session):
    world = make_world(session)
    row = feedback_for_moderation(session=session, actor=world.organiser).iloc[0]
    review_id, drawn = int(row.review_id), int(row.version)

    def moderate(text):
        moderate_comment(
            session=session, actor=world.organiser, review_id=review_id, text=text,
            version=drawn, now=NOW,
        )  # fmt: skip

    moderate("Theirs")
    review = session.get(Review, review_id)
    before = stored(session, review)
    with pytest.raises(ChangedElsewhere):
        moderate("Mine")
    assert stored(session, review) == before == before | {"moderated_comment": "Theirs"}


def test_changed_elsewhere_is_a_service_error_pages_already_show():
    assert issubclass(ChangedElsewhere, ServiceError)
