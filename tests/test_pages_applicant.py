"""The applicant's pages through AppTest: My organisation, Proposal, My proposals."""

import shutil
from dataclasses import replace

import pytest
from applicant_world import (
    AFTER_DEADLINE,
    DEADLINE_MESSAGE,
    NOW,
    complete_draft,
    make_open_challenge,
)
from pages_support import app, make_person, texts
from sqlalchemy import func, select
from sqlmodel import Session

from civic_challenge.config import get_settings
from civic_challenge.db.accounts import get_user
from civic_challenge.db.models import Organisation, Proposal
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.database import open_database
from civic_challenge.services.organisations import save_organisation
from civic_challenge.services.proposals import submit_proposal
from civic_challenge.services.sessions import start_session
from civic_challenge.ui.text import plain

SCRIPT = "<script>alert(1)</script> **bold**"


@pytest.fixture
def engine(tmp_path, sqlite_template, monkeypatch):
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("CIVIC_NOW", NOW.isoformat())
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    yield engine
    engine.dispose()


def make_world(engine):
    with Session(engine, expire_on_commit=False) as session:
        made = make_open_challenge(session)
        session.commit()
    return made


@pytest.fixture
def world(engine):
    return make_world(engine)


@pytest.fixture
def ada(engine):
    return make_person(engine, Role.APPLICANT, "ada@example.org", "Ada")


def start(engine, person, page):
    """Open `page` first, then add the open challenge and rerun.

    Seen here: once the landing page has drawn a challenge (app()'s first run), AppTest loses
    every later click on a form button, on any page (Your account too); with the challenge
    added after that first run, clicks arrive. See the report for the lead.
    """
    at = app(person, page)
    world = make_world(engine)
    return at, world


def view_of(engine, person) -> UserView:
    with Session(engine) as session:
        return UserView.of(get_user(session, person.id))


def with_organisation(engine, person, **overrides):
    from applicant_world import good_organisation

    with Session(engine, expire_on_commit=False) as session:
        save_organisation(
            session=session, actor=view_of(engine, person),
            form=good_organisation(**overrides), expected_version=None, now=NOW,
        )  # fmt: skip
        session.commit()


def submitted(engine, person, world, **overrides):
    with Session(engine, expire_on_commit=False) as session:
        done = submit_proposal(
            session=session, actor=view_of(engine, person), proposal_id=None,
            draft=complete_draft(world, **overrides), expected_version=None, now=NOW,
        )  # fmt: skip
        session.commit()
    return done


def count(engine, table) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_applicant_sees_the_three_applicant_pages(ada):
    for page in ("my_organisation", "proposal", "my_proposals"):
        at = app(ada, f"pages/{page}.py")
        assert not at.exception, page


@pytest.mark.parametrize("role", [Role.JUDGE, Role.ORGANISER])
@pytest.mark.parametrize("page", ["my_organisation", "proposal", "my_proposals"])
def test_judges_and_organisers_cannot_open_applicant_pages(engine, world, role, page):
    person = make_person(engine, role, f"{role}@example.org")
    at = app(person)
    with pytest.raises(Exception, match=r"(?i)not found|could not find"):
        at.switch_page(f"pages/{page}.py").run()


def test_creating_the_organisation_shows_the_eligibility_check(engine, ada):
    at, _ = start(engine, ada, "pages/my_organisation.py")
    at.run()
    assert plain("Fill in your organisation's profile") in texts(at)
    at.text_input(key="org_name").input("Pedal Power Ltd")
    at.text_input(key="org_number").input("sc 123456")
    at.number_input(key="org_employees").set_value(12)
    at.text_input(key="org_turnover").input("450,000")
    at.selectbox(key="org_borough").set_value("E09000012")
    at.button(key="FormSubmitter:organisation-Create organisation").click().run()
    assert not at.exception
    page = texts(at)
    assert "profile is saved" in page
    assert "meets this challenge's rules" in page
    assert at.text_input(key="org_number").value == "SC123456"
    assert "Co-applicants" in page


def test_a_malformed_companies_house_number_is_refused_and_the_typing_kept(engine, ada):
    at, _ = start(engine, ada, "pages/my_organisation.py")
    at.text_input(key="org_name").input("Pedal Power Ltd")
    at.text_input(key="org_number").input("12345")
    at.button(key="FormSubmitter:organisation-Create organisation").click().run()
    assert not at.exception
    assert "8 characters" in texts(at)
    assert at.text_input(key="org_name").value == "Pedal Power Ltd"
    assert count(engine, Organisation) == 0


def test_without_an_organisation_the_proposal_page_sends_you_there(ada, world):
    at = app(ada, "pages/proposal.py")
    assert "Fill in My organisation first" in texts(at)


def test_a_draft_saves_with_gaps_and_comes_back_after_reload(engine, ada):
    at, _ = start(engine, ada, "pages/proposal.py")
    with_organisation(engine, ada)
    at.run()
    assert at.text_input(key="pf_title").value == ""
    at.text_input(key="pf_title").input(SCRIPT)
    at.button(key="proposal_save_draft").click().run()
    assert not at.exception
    assert "Draft saved" in texts(at)
    assert count(engine, Proposal) == 1
    again = app(ada, "pages/proposal.py")  # a new session: as after reload or sign-out
    assert again.text_input(key="pf_title").value == SCRIPT
    assert "Still to do before you can submit" in " ".join(e.label for e in again.expander)


def test_submitting_an_incomplete_form_lists_every_problem_and_keeps_the_typing(engine, ada):
    at, _ = start(engine, ada, "pages/proposal.py")
    with_organisation(engine, ada)
    at.run()
    at.text_input(key="pf_title").input("Bike buses")
    at.text_input(key="pf_amount").input("-50")
    at.button(key="proposal_submit").click().run()
    assert not at.exception
    page = texts(at)
    assert "problems to fix below" in page
    for words in ["Choose the challenge statement", "Summary: this is required", "positive",
                  "at least one London borough", "Tick the box"]:  # fmt: skip
        assert words in page, words
    assert at.text_input(key="pf_title").value == "Bike buses"
    assert at.text_input(key="pf_amount").value == "-50"
    assert count(engine, Proposal) == 0


def test_a_complete_submission_shows_the_reference_and_a_receipt(engine, ada):
    at, world = start(engine, ada, "pages/proposal.py")
    with_organisation(engine, ada)
    at.run()
    draft = complete_draft(world)
    at.selectbox(key="pf_statement").set_value(draft.statement_id)
    for name in ("title", "summary", "problem", "solution", "impact", "milestones"):
        widget = (
            at.text_input(key="pf_title") if name == "title" else at.text_area(key=f"pf_{name}")
        )
        widget.input(getattr(draft, name))
    at.text_input(key="pf_amount").input("12500")
    at.multiselect(key="pf_boroughs").select("E09000012")
    at.checkbox(key="pf_consent").check()
    at.button(key="proposal_submit").click().run()
    assert not at.exception
    assert "Your reference is **CIC\\-2026\\-0001**" in at.success[0].value
    assert at.get("download_button")


def test_typed_html_is_shown_as_text_on_my_proposals(engine, ada, world):
    with_organisation(engine, ada)
    submitted(engine, ada, world, title=SCRIPT)
    at = app(ada, "pages/my_proposals.py")
    assert not at.exception
    shown = texts(at)
    assert "<script>" not in shown
    assert plain("<script>alert(1)</script> **bold**") in shown
    assert "Submitted: under review" in shown


def test_after_the_deadline_the_proposal_is_read_only_with_the_reason(
    engine, ada, world, monkeypatch
):
    with_organisation(engine, ada)
    done = submitted(engine, ada, world)
    monkeypatch.setenv("CIVIC_NOW", AFTER_DEADLINE.isoformat())
    get_settings.cache_clear()
    with Session(engine) as session:  # signed in again, after the deadline
        token = start_session(session=session, user_id=ada.id, now=AFTER_DEADLINE)
        session.commit()
    at = app(replace(ada, token=token), "pages/proposal.py")
    assert not at.exception
    assert plain(DEADLINE_MESSAGE) in texts(at)
    assert at.text_input(key="pf_title").disabled
    assert at.text_input(key="pf_title").value == "Bike buses for school runs"
    labels = [b.label for b in at.button]
    assert "Save changes" not in labels and "Withdraw proposal" not in labels
    assert done.reference in texts(at).replace("\\", "")


def test_another_organisations_proposal_by_id_is_not_found(engine, ada, world):
    bea = make_person(engine, Role.APPLICANT, "bea@example.org", "Bea")
    with_organisation(engine, bea, name="Bea's Bikes Ltd")
    theirs = submitted(engine, bea, world)
    with_organisation(engine, ada)
    at = app(ada)
    at.query_params["id"] = str(theirs.id)
    at.switch_page("pages/proposal.py").run()
    assert not at.exception
    assert "no proposal with that number" in texts(at)
    assert "Bike buses" not in texts(at)


def test_withdrawing_needs_the_box_ticked(engine, ada):
    at, world = start(engine, ada, "pages/proposal.py")
    with_organisation(engine, ada)
    done = submitted(engine, ada, world)
    at.run()
    at.button(key="FormSubmitter:withdraw-Withdraw proposal").click().run()
    assert "Tick the box to confirm" in texts(at)
    at.checkbox[-1].check()
    at.button(key="FormSubmitter:withdraw-Withdraw proposal").click().run()
    assert not at.exception
    assert "has been withdrawn" in texts(at)
    assert "can no longer be changed" in texts(at)
    with Session(engine) as session:
        assert session.get(Proposal, done.id).status == "withdrawn"
