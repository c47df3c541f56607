"""Organiser forms drawn from a version, through AppTest: a save made after someone else saved
is refused beside the buttons with what changed, the typed values stay and nothing is stored;
the person keeps theirs or takes the stored ones. Refusals keep every typed value."""

import shutil
from dataclasses import replace

import pytest
from factories import make_challenge, make_organisation, make_proposal, make_theme
from pages_support import app, click_in_app, make_person, texts
from sqlmodel import Session, select

from civic_challenge.config import get_settings
from civic_challenge.db.models import Challenge, Proposal, Theme
from civic_challenge.domain.terms import Phase, ProposalStatus, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.database import open_database
from civic_challenge.services.phase import change_phase
from civic_challenge.services.screening import screen_proposal
from civic_challenge.services.setup import get_setup, update_challenge
from civic_challenge.services.themes import ThemeValues, save_theme

STALE = "Not saved: this was changed elsewhere (in another tab or by someone else)"


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    with Session(engine) as session:
        make_challenge(session, name="Civic Innovation Challenge")
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def organiser(engine):
    return make_person(engine, Role.ORGANISER, "olu@example.org", "Olu Organiser")


def someone_else_saves(engine, person, **changes):
    """The same organiser in another tab (or another organiser) saves the challenge."""
    with Session(engine) as session:
        actor = UserView(person.id, person.email, "Other tab", Role.ORGANISER, None)
        view = get_setup(session=session, actor=actor)
        values = replace(view.values, **changes)
        update_challenge(
            session=session, actor=actor, values=values, version=view.version, now=now()
        )
        session.commit()


def stored(engine) -> Challenge:
    with Session(engine) as session:
        (challenge,) = session.exec(select(Challenge)).all()
        return challenge


def refused(at) -> bool:
    return any(w.value.startswith(STALE) for w in at.warning)


def name_box(at):
    """The challenge's name (the theme form above has a "Name" too)."""
    return next(t for t in at.text_input if (t.key or "").startswith("challenge_"))


def number(at, label):
    return next(n for n in at.number_input if n.label == label)


def test_a_stale_save_is_refused_beside_the_button_and_keeps_what_was_typed(engine, organiser):
    at = app(organiser, "pages/setup.py")
    name_box(at).input("Mine")
    number(at, "Budget (£)").set_value(61_000)
    someone_else_saves(engine, organiser, name="Theirs")
    at = click_in_app(at, "Save the challenge")
    assert not at.exception, at.exception
    assert refused(at)
    assert name_box(at).value == "Mine" and number(at, "Budget (£)").value == 61_000
    assert (stored(engine).name, stored(engine).budget_pence) == ("Theirs", 250_000_00)
    changed = at.table[0].value
    assert list(changed.index) == ["Name", "Budget"]
    assert list(changed["Yours (in the form)"]) == ["Mine", "£61,000"]
    assert list(changed["Saved now"]) == ["Theirs", "£250,000"]
    at = click_in_app(at, "Keep mine")
    assert not at.exception, at.exception
    assert (stored(engine).name, stored(engine).budget_pence) == ("Mine", 61_000_00)
    assert not refused(at)


def test_taking_the_saved_version_redraws_the_form_from_it(engine, organiser):
    at = app(organiser, "pages/setup.py")
    name_box(at).input("Mine")
    someone_else_saves(engine, organiser, name="Theirs")
    at = click_in_app(at, "Save the challenge")
    at = click_in_app(at, "Use the saved version")
    assert not at.exception, at.exception
    assert name_box(at).value == "Theirs"
    assert not refused(at)
    assert stored(engine).name == "Theirs"


def test_a_change_to_what_the_form_does_not_show_is_no_reason_to_refuse(engine, organiser):
    at = app(organiser, "pages/setup.py")
    name_box(at).input("Mine")
    with Session(engine) as session:  # e.g. the judging settings, on the same row
        challenge = session.exec(select(Challenge)).one()
        challenge.version += 1
        session.commit()
    at = click_in_app(at, "Save the challenge")
    assert not at.exception, at.exception
    assert stored(engine).name == "Mine"
    assert "Challenge saved." in texts(at)


def test_a_negative_number_is_refused_in_words_beside_it_and_kept(engine, organiser):
    at = app(organiser, "pages/setup.py")
    number(at, "Budget (£)").set_value(-5)
    number(at, "Most employees").set_value(-1)
    at = click_in_app(at, "Save the challenge")
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any("The budget cannot be negative (-£5 was entered)" in e for e in errors)
    assert any("The most employees cannot be negative (-1 was entered)" in e for e in errors)
    assert number(at, "Budget (£)").value == -5
    assert stored(engine).budget_pence == 250_000_00
    number(at, "Budget (£)").set_value(55_000)
    number(at, "Most employees").set_value(249)
    at = click_in_app(at, "Save the challenge")
    assert not any("negative" in e.value for e in at.error)
    assert stored(engine).budget_pence == 55_000_00


def test_a_long_pasted_name_is_kept_and_counted(engine, organiser):
    at = app(organiser, "pages/setup.py")
    name_box(at).input("x" * 100_000)
    at = click_in_app(at, "Save the challenge")
    assert not at.exception, at.exception
    assert len(name_box(at).value) == 100_000
    assert any("100,000 characters: 99,800 too many" in e.value for e in at.error)
    assert stored(engine).name == "Civic Innovation Challenge"


@pytest.fixture
def proposals(engine):
    """Two submitted proposals waiting to be screened: (id, reference) each."""
    with Session(engine) as session:
        challenge = session.exec(select(Challenge)).one()
        made = []
        for n in range(2):
            organisation = make_organisation(session, borough_code="E09000012")
            proposal = make_proposal(
                session, challenge, organisation, reference=f"CIC-{n}", title=f"Idea {n}",
                status=ProposalStatus.SUBMITTED.value, submitted_at=now(),
                amount_requested_pence=5_000_00,
            )  # fmt: skip
            made.append((proposal.id, proposal.reference))
        session.commit()
    return made


def someone_screens(engine, person, proposal_id):
    """Another organiser (or the same one in another tab) marks it ineligible."""
    with Session(engine) as session:
        actor = UserView(person.id, person.email, "Other", Role.ORGANISER, None)
        version = session.get(Proposal, proposal_id).version
        screen_proposal(
            session=session, actor=actor, proposal_id=proposal_id, eligible=False,
            reason="Turnover too high.", version=version, now=now(),
        )  # fmt: skip
        session.commit()


def reason_box(at):
    return next(t for t in at.text_area if t.label == "Reason")


def screening_status(engine, proposal_id):
    with Session(engine) as session:
        proposal = session.get(Proposal, proposal_id)
        return proposal.status, proposal.screening_reason


def test_screening_without_a_proposal_keeps_the_reason_typed(engine, organiser, proposals):
    at = app(organiser, "pages/screening.py")
    next(r for r in at.radio if r.label == "Decision").set_value(False)
    reason_box(at).input("Registered outside London.")
    at = click_in_app(at, "Record decision")
    assert not at.exception, at.exception
    assert any(e.value == "Choose a proposal first." for e in at.error)
    assert reason_box(at).value == "Registered outside London."
    assert next(r for r in at.radio if r.label == "Decision").value is False
    next(s for s in at.selectbox if s.label == "Proposal").set_value(proposals[0][0])
    at = click_in_app(at, "Record decision")
    assert not any(e.value == "Choose a proposal first." for e in at.error)
    assert screening_status(engine, proposals[0][0]) == (
        "ineligible",
        "Registered outside London.",
    )
    assert reason_box(at).value == ""  # recorded: a fresh form for the next one
    assert "Decision recorded: CIC-0 is ineligible." in texts(at)


def test_ineligible_without_a_reason_keeps_the_choice_and_clears_once_fixed(
    engine, organiser, proposals
):
    at = app(organiser, "pages/screening.py")
    next(s for s in at.selectbox if s.label == "Proposal").set_value(proposals[1][0])
    next(r for r in at.radio if r.label == "Decision").set_value(False)
    at = click_in_app(at, "Record decision")
    assert not at.exception, at.exception
    assert any("Say why" in e.value for e in at.error)
    assert next(s for s in at.selectbox if s.label == "Proposal").value == proposals[1][0]
    assert next(r for r in at.radio if r.label == "Decision").value is False
    assert screening_status(engine, proposals[1][0])[0] == "submitted"
    reason_box(at).input("No borough given.")
    someone_screens(engine, organiser, proposals[1][0])
    at = click_in_app(at, "Record decision")  # refused again, for another reason
    assert refused(at)
    assert not any("Say why" in e.value for e in at.error)  # the reason is given now
    assert reason_box(at).value == "No borough given."


def test_a_proposal_screened_meanwhile_is_refused_with_both_decisions(engine, organiser, proposals):
    at = app(organiser, "pages/screening.py")
    proposal_id = proposals[0][0]
    next(s for s in at.selectbox if s.label == "Proposal").set_value(proposal_id)
    reason_box(at).input("Looks fine to me.")
    someone_screens(engine, organiser, proposal_id)
    at = click_in_app(at, "Record decision")
    assert not at.exception, at.exception
    assert refused(at)
    assert reason_box(at).value == "Looks fine to me."
    table = at.table[0].value
    assert list(table["Yours (in the form)"]) == ["Eligible", "Looks fine to me."]
    assert list(table["Saved now"]) == ["Ineligible", "Turnover too high."]
    assert screening_status(engine, proposal_id) == ("ineligible", "Turnover too high.")


def test_a_theme_changed_in_another_tab_is_refused_and_typed_name_kept(engine, organiser):
    with Session(engine) as session:
        theme = make_theme(session, session.exec(select(Challenge)).one(), name="Clean air")
        session.commit()
        theme_id = theme.id
    at = app(organiser, "pages/setup.py")
    at.selectbox(key="theme_choice").set_value(theme_id).run()
    box = next(t for t in at.text_input if (t.key or "").startswith(f"theme_0_{theme_id}_name"))
    box.input("Air quality")
    with Session(engine) as session:  # the other tab renames it
        actor = UserView(organiser.id, organiser.email, "Other", Role.ORGANISER, None)
        values = ThemeValues("", "Cleaner air", "", 0.5, 0.5, "#009E73")
        save_theme(
            session=session, actor=actor, theme_id=theme_id, values=values, version=1, now=now()
        )
        session.commit()
    at = click_in_app(at, "Save theme")
    assert not at.exception, at.exception
    assert refused(at)
    assert next(t for t in at.text_input if t.key == box.key).value == "Air quality"
    assert "Cleaner air" in list(at.table[0].value["Saved now"])
    with Session(engine) as session:
        assert session.get(Theme, theme_id).name == "Cleaner air"


def test_a_phase_moved_in_another_tab_is_not_moved_again(engine, organiser):
    at = app(organiser, "pages/setup.py")
    with Session(engine) as session:
        actor = UserView(organiser.id, organiser.email, "Other", Role.ORGANISER, None)
        version = session.exec(select(Challenge)).one().version
        change_phase(
            session=session, actor=actor, phase=Phase.OPEN, confirm=False, version=version,
            now=now(),
        )  # fmt: skip
        session.commit()
    at = click_in_app(at, "Change phase")  # this tab still shows set-up, and offers "open"
    assert not at.exception, at.exception
    assert refused(at)
    table = at.table[0].value
    assert list(table["Saved now"]) == ["Open: applicants write and submit"]
    assert stored(engine).phase == "open"


def test_a_theme_changed_before_it_was_chosen_here_saves_without_a_refusal(engine, organiser):
    with Session(engine) as session:
        theme = make_theme(session, session.exec(select(Challenge)).one(), name="Clean air")
        session.commit()
        theme_id = theme.id
    at = app(organiser, "pages/setup.py")  # the theme form shows "Add a new theme"
    with Session(engine) as session:
        actor = UserView(organiser.id, organiser.email, "Other", Role.ORGANISER, None)
        values = ThemeValues("", "Cleaner air", "", 0.5, 0.5, "#009E73")
        save_theme(
            session=session, actor=actor, theme_id=theme_id, values=values, version=1, now=now()
        )
        session.commit()
    at.selectbox(key="theme_choice").set_value(theme_id).run()  # drawn now, at version 2
    box = next(t for t in at.text_input if (t.key or "").startswith(f"theme_0_{theme_id}_name"))
    assert box.value == "Cleaner air"
    box.input("Cleanest air")
    at = click_in_app(at, "Save theme")
    assert not at.exception, at.exception
    assert not refused(at)
    with Session(engine) as session:
        assert session.get(Theme, theme_id).name == "Cleanest air"
