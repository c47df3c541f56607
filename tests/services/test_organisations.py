"""My organisation: the profile, who belongs to it, co-applicant invites, the eligibility check."""

import pytest
from applicant_world import (
    NOW,
    PASSWORD,
    complete_draft,
    good_organisation,
    make_applicant,
    make_applicant_with_organisation,
    make_open_challenge,
)
from sqlalchemy import func, select

from civic_challenge.db.models import AuditEvent, Organisation
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import create_organiser
from civic_challenge.services.errors import InvalidInput, PermissionDenied, ServiceError
from civic_challenge.services.invites import accept_invite, create_invite, describe_invite
from civic_challenge.services.organisations import (
    check_eligibility,
    list_boroughs,
    list_members,
    my_organisation,
    save_organisation,
)
from civic_challenge.services.proposals import open_proposal, submit_proposal


def save(session, actor, form, version=None):
    return save_organisation(
        session=session, actor=actor, form=form, expected_version=version, now=NOW
    )


def organisations(session) -> int:
    return session.execute(select(func.count()).select_from(Organisation)).scalar_one()


def test_the_boroughs_are_the_33_london_authorities_by_name():
    boroughs = list_boroughs()
    assert len(boroughs) == 33
    assert all(b.code.startswith("E09") for b in boroughs)
    assert boroughs[0].name == "Barking and Dagenham"


def test_an_applicant_creates_their_organisation_and_becomes_its_member(session):
    ada = make_applicant(session, "ada@example.org")
    assert my_organisation(session=session, actor=ada) is None
    made = save(session, ada, good_organisation(companies_house_number=" sc 123456 "))
    assert made.companies_house_number == "SC123456"
    assert made.turnover_pence == 450_000_00
    assert made.website == "https://pedalpower.example"
    assert my_organisation(session=session, actor=ada) == made
    assert list_members(session=session, actor=ada) == [("Ada Applicant", "ada@example.org")]
    actions = session.execute(select(AuditEvent.action)).scalars().all()
    assert "organisation.created" in actions


def test_updating_the_profile_needs_the_version_it_was_loaded_at(session):
    ada = make_applicant(session, "ada@example.org")
    made = save(session, ada, good_organisation())
    updated = save(session, ada, good_organisation(employees=20), made.version)
    assert (updated.employees, updated.version) == (20, made.version + 1)
    with pytest.raises(ServiceError, match="changed elsewhere") as refused:
        save(session, ada, good_organisation(employees=30), made.version)
    assert my_organisation(session=session, actor=ada).employees == 20
    # The refusal carries the stored profile, for the form to show beside what was typed.
    assert refused.value.current == updated


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("companies_house_number", "1234567", "8 characters"),
        ("companies_house_number", "ABC12345", "two letters and six digits"),
        ("companies_house_number", "SC12345X", "8 characters"),
        ("name", "   ", "Enter your organisation's name"),
        ("name", "x" * 201, "at most 200"),
        ("turnover", "lots", "digits only"),
        ("turnover", "-1", "positive"),
        ("employees", -1, "0 or more"),
        ("borough_code", "W06000015", "London borough"),
        ("website", "not a website", "website address"),
    ],
)
def test_a_bad_profile_is_refused_field_by_field_and_nothing_is_stored(
    session, field, value, words
):
    ada = make_applicant(session, "ada@example.org")
    with pytest.raises(InvalidInput) as refused:
        save(session, ada, good_organisation(**{field: value}))
    form_field = field
    assert words in " ".join(refused.value.problems[form_field])
    assert organisations(session) == 0
    assert my_organisation(session=session, actor=ada) is None


def test_every_profile_problem_is_listed_at_once(session):
    ada = make_applicant(session, "ada@example.org")
    bad = good_organisation(name="", companies_house_number="12", turnover="abc", website="x y")
    with pytest.raises(InvalidInput) as refused:
        save(session, ada, bad)
    assert set(refused.value.problems) == {"name", "companies_house_number", "turnover", "website"}


@pytest.mark.parametrize("role", [Role.JUDGE, Role.ORGANISER])
def test_only_applicants_have_an_organisation_profile(session, role):
    from civic_challenge.services.accounts import create_user

    someone = create_user(
        session=session, email="x@example.org", name="X", password=PASSWORD, repeat=PASSWORD,
        role=role,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        save(session, someone, good_organisation())
    with pytest.raises(PermissionDenied):
        my_organisation(session=session, actor=someone)


def test_the_eligibility_check_explains_each_reason(session):
    make_open_challenge(session)
    ada = make_applicant(session, "ada@example.org")
    assert check_eligibility(session=session, actor=ada) == [
        "Fill in your organisation's profile on My organisation first."
    ]
    save(session, ada, good_organisation(employees=300, borough_code=None, turnover="60000000"))
    reasons = check_eligibility(session=session, actor=ada)
    assert len(reasons) == 3
    assert "fewer than 250 staff; yours has 300" in reasons[0]
    assert "£50,000,000; yours is £60,000,000" in reasons[1]
    assert "based in London" in reasons[2]


def test_an_eligible_organisation_has_no_reasons(session):
    make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    assert check_eligibility(session=session, actor=ada) == []


def test_no_challenge_no_eligibility_check(session):
    ada = make_applicant_with_organisation(session, "ada@example.org")
    assert check_eligibility(session=session, actor=ada) is None


def test_a_co_applicant_joins_the_same_organisation_with_the_same_rights(session):
    world = make_open_challenge(session)
    ada = make_applicant_with_organisation(session, "ada@example.org")
    done = submit_proposal(
        session=session, actor=ada, proposal_id=None, draft=complete_draft(world),
        expected_version=None, now=NOW,
    )  # fmt: skip
    token = create_invite(
        session=session, actor=ada, email="Cy@Example.org", role=Role.APPLICANT, now=NOW
    )
    invite = describe_invite(session=session, token=token, now=NOW)
    assert (invite.role, invite.organisation_name) == (Role.APPLICANT, "Pedal Power Ltd")
    cy = accept_invite(
        session=session, token=token, name="Cy", password=PASSWORD, repeat=PASSWORD, now=NOW
    )
    assert cy.role is Role.APPLICANT
    assert cy.organisation_id == my_organisation(session=session, actor=ada).id
    assert open_proposal(session=session, actor=cy, proposal_id=done.id, now=NOW).reference
    assert [name for name, _ in list_members(session=session, actor=ada)] == ["Ada Applicant", "Cy"]


@pytest.mark.parametrize("role", [Role.JUDGE, Role.ORGANISER])
def test_an_applicant_cannot_invite_judges_or_organisers(session, role):
    ada = make_applicant_with_organisation(session, "ada@example.org")
    with pytest.raises(PermissionDenied, match="own organisation"):
        create_invite(session=session, actor=ada, email="j@example.org", role=role, now=NOW)


def test_an_applicant_without_an_organisation_cannot_invite_yet(session):
    ada = make_applicant(session, "ada@example.org")
    with pytest.raises(ServiceError, match="profile first"):
        create_invite(
            session=session, actor=ada, email="cy@example.org", role=Role.APPLICANT, now=NOW
        )


def test_organisers_still_cannot_invite_applicants(session):
    olu = create_organiser(session=session, email="olu@example.org", name="Olu", password=PASSWORD)
    with pytest.raises(InvalidInput, match="applicants register themselves"):
        create_invite(
            session=session, actor=olu, email="cy@example.org", role=Role.APPLICANT, now=NOW
        )
