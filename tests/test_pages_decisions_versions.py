"""The award, feedback-wording, judging-settings and rubric forms through AppTest on the demo
challenge: a save made after someone else saved is refused beside the buttons with what changed,
the typed values stay and the database keeps the other save; a negative amount is refused in
words."""

import shutil

import pytest
from pages_support import app, click_in_app, make_person
from sqlmodel import Session, select

from civic_challenge.config import get_settings
from civic_challenge.db.models import Challenge, Criterion, Decision, Proposal, Review, User
from civic_challenge.domain.rubric import CriterionDraft
from civic_challenge.domain.terms import DecisionStage, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.awards import decide_award
from civic_challenge.services.clock import now
from civic_challenge.services.database import open_database
from civic_challenge.services.demo import seed_demo
from civic_challenge.services.feedback_moderation import moderate_comment
from civic_challenge.services.judging_settings import (
    get_judging_settings,
    update_judging_settings,
)
from civic_challenge.services.moderation import moderation_queue
from civic_challenge.services.rubric import get_rubric, reset_criterion

REFUSED = "Not saved: this was changed elsewhere"


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


def other_tab(person) -> UserView:
    return UserView(person.id, person.email, "Other tab", Role.ORGANISER, None)


def refused(at) -> bool:
    return any(w.value.startswith(REFUSED) for w in at.warning)


def shortlisted(engine) -> tuple[int, int]:
    """Shortlist one eligible proposal; its id and the amount it requested."""
    with Session(engine) as session:
        organiser = session.exec(select(User).where(User.role == "organiser")).first()
        proposal = session.exec(
            select(Proposal).where(Proposal.status == "eligible").order_by(Proposal.id)
        ).first()
        session.add(
            Decision(
                proposal_id=proposal.id,
                stage=DecisionStage.SHORTLIST.value,
                outcome="yes",
                decided_by_id=organiser.id,
            )
        )
        session.commit()
        return proposal.id, proposal.amount_requested_pence


def award_decision(engine, proposal_id) -> Decision | None:
    with Session(engine) as session:
        query = select(Decision).where(
            Decision.proposal_id == proposal_id, Decision.stage == DecisionStage.AWARD.value
        )
        return session.exec(query).first()


def amount_box(at):
    return next(n for n in at.number_input if n.label == "Amount to award (£)")


def test_an_award_decided_in_another_tab_is_refused_and_the_amount_kept(engine, organiser):
    proposal_id, _requested = shortlisted(engine)
    at = app(organiser, "pages/decisions.py")
    next(s for s in at.selectbox if s.label == "Shortlisted proposal").set_value(proposal_id)
    amount_box(at).set_value(1_000)
    with Session(engine) as session:
        decide_award(
            session=session, actor=other_tab(organiser), proposal_id=proposal_id, award=False,
            amount_pence=None, rationale="Not this year.", version=0, now=now(),
        )  # fmt: skip
        session.commit()
    at = click_in_app(at, "Record decision")
    assert not at.exception, at.exception
    assert refused(at)
    assert amount_box(at).value == 1_000
    changed = at.table[0].value
    assert list(changed["Saved now"]) == ["Do not award", "(what was requested)", "Not this year."]
    assert award_decision(engine, proposal_id).outcome == "no"


def test_a_negative_award_is_refused_in_words_and_kept(engine, organiser):
    proposal_id, _requested = shortlisted(engine)
    at = app(organiser, "pages/decisions.py")
    next(s for s in at.selectbox if s.label == "Shortlisted proposal").set_value(proposal_id)
    amount_box(at).set_value(-5)
    at = click_in_app(at, "Record decision")
    assert not at.exception, at.exception
    assert any("The amount cannot be negative (-£5 was entered)" in e.value for e in at.error)
    assert amount_box(at).value == -5
    assert award_decision(engine, proposal_id) is None


def test_feedback_wording_changed_in_another_tab_is_refused_and_kept(engine, organiser):
    at = app(organiser, "pages/decisions.py")
    box = next(t for t in at.text_area if t.label.startswith("What the applicant will read"))
    review_id = int(box.key.split("_")[2])
    box.input("My kinder wording.")
    with Session(engine) as session:
        version = session.get(Review, review_id).version
        moderate_comment(
            session=session, actor=other_tab(organiser), review_id=review_id,
            text="Their wording.", version=version, now=now(),
        )  # fmt: skip
        session.commit()
    at = click_in_app(at, "Save wording")
    assert not at.exception, at.exception
    assert refused(at)
    assert next(t for t in at.text_area if t.key == box.key).value == "My kinder wording."
    with Session(engine) as session:
        assert session.get(Review, review_id).moderated_comment == "Their wording."


def test_judging_settings_changed_in_another_tab_are_refused_and_kept(engine, organiser):
    at = app(organiser, "pages/judging.py")
    k = next(n for n in at.number_input if n.label == "Reviews per proposal")
    k.set_value(5)
    with Session(engine) as session:
        settings = get_judging_settings(session=session, actor=other_tab(organiser))
        update_judging_settings(
            session=session, actor=other_tab(organiser), reviews_per_proposal=4,
            judge_load_cap=settings.judge_load_cap, blind_review=settings.blind_review,
            score_visibility=settings.score_visibility.value,
            judging_closes_at=settings.judging_closes_at, version=settings.version, now=now(),
        )  # fmt: skip
        session.commit()
    at = click_in_app(at, "Save settings")
    assert not at.exception, at.exception
    assert refused(at)
    assert next(n for n in at.number_input if n.label == "Reviews per proposal").value == 5
    with Session(engine) as session:
        assert session.exec(select(Challenge)).one().reviews_per_proposal == 4


def test_a_criterion_reset_in_another_tab_is_refused_and_the_reason_kept(engine, organiser):
    at = app(organiser, "pages/rubric.py")  # the demo's rubric is locked: resets only
    criterion_id = next(s for s in at.selectbox if s.label == "Criterion to edit").value
    reason = next(t for t in at.text_area if t.label == "Reason for the reset")
    reason.input("The panel asked for a clearer name.")
    next(t for t in at.text_input if t.label == "Name").input("Impact on Londoners today")
    with Session(engine) as session:
        view = next(c for c in get_rubric(session=session, actor=other_tab(organiser)).criteria
                    if c.id == criterion_id)  # fmt: skip
        draft = CriterionDraft(
            "Renamed elsewhere", view.guidance, view.weight, view.scale_min, view.scale_max,
            view.descriptors, view.counts_toward_total,
        )  # fmt: skip
        reset_criterion(
            session=session, actor=other_tab(organiser), criterion_id=criterion_id, draft=draft,
            reason="Agreed at the panel.", version=view.version, now=now(),
        )  # fmt: skip
        session.commit()
    at = click_in_app(at, "Reset this criterion")
    assert not at.exception, at.exception
    assert refused(at)
    assert next(t for t in at.text_area if t.key == reason.key).value == (
        "The panel asked for a clearer name."
    )
    assert "Renamed elsewhere" in list(at.table[0].value["Saved now"])
    with Session(engine) as session:
        assert session.get(Criterion, criterion_id).name == "Renamed elsewhere"


def test_a_refused_moderation_note_keeps_its_text(engine, organiser):
    """Notes are only added (no version); a refused one must not be cleared."""
    with Session(engine) as session:
        queue = moderation_queue(session=session, actor=other_tab(organiser))
    at = app(organiser, "pages/results.py")
    at.selectbox(key="moderation_proposal").set_value(int(queue.proposal_id.iloc[0])).run()
    note = next(t for t in at.text_area if t.label == "Note for the panel")
    note.input("x" * 3001)
    at = click_in_app(at, "Add a moderation note")
    assert not at.exception, at.exception
    assert any("Keep the note under 3,000 characters" in e.value for e in at.error)
    assert next(t for t in at.text_area if t.key == note.key).value == "x" * 3001
    next(t for t in at.text_area if t.key == note.key).input("Ask a fourth judge.")
    at = click_in_app(at, "Add a moderation note")
    assert "Note added." in [s.value for s in at.success]
    assert next(t for t in at.text_area if t.label == "Note for the panel").value == ""
