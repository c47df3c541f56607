"""Who may open a proposal's PDF: its applicants, organisers, judges when the review is not
blind; everyone else is refused. Previews are images drawn on the server."""

import io

import pytest
from applicant_world import tiny_pdf
from factories import make_organisation, make_user
from organiser_world import NOW, make_world, view
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from civic_challenge.db.models import Attachment, Challenge
from civic_challenge.domain.attachments import ACTIVE_WORDS, sha256
from civic_challenge.domain.terms import Role
from civic_challenge.services.attachments import open_attachment, preview_attachment
from civic_challenge.services.conflicts import confirm_declaration
from civic_challenge.services.errors import NotFound, PermissionDenied, ServiceError


def attach(session, proposal_id: int, content: bytes | None = None) -> bytes:
    content = content or tiny_pdf()
    session.add(
        Attachment(
            proposal_id=proposal_id,
            filename="plan.pdf",
            size_bytes=len(content),
            sha256=sha256(content),
            content=content,
        )
    )
    session.flush()
    return content


def scripted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def opened(session, actor, proposal_id):
    return open_attachment(session=session, actor=actor, proposal_id=proposal_id, now=NOW)


@pytest.fixture
def world(session):
    world = make_world(session)
    confirm_declaration(session=session, actor=world.judge, now=NOW)
    return world


def test_the_organiser_and_the_applicant_open_it(session, world):
    content = attach(session, world.proposal_ids[0])
    for person in (world.organiser, world.applicant):
        found = opened(session, person, world.proposal_ids[0])
        assert (found.filename, found.content, found.warnings) == ("plan.pdf", content, ())


def test_another_applicant_is_refused_as_if_it_did_not_exist(session, world):
    attach(session, world.proposal_ids[0])
    other = make_user(session, Role.APPLICANT.value, organisation_id=make_organisation(session).id)
    with pytest.raises(NotFound):
        opened(session, view(other), world.proposal_ids[0])


def test_a_judge_is_refused_under_blind_review_and_allowed_without(session, world):
    content = attach(session, world.proposal_ids[0])
    with pytest.raises(PermissionDenied, match="blind review"):
        opened(session, world.judge, world.proposal_ids[0])
    challenge = session.get(Challenge, world.challenge_id)
    challenge.blind_review = False
    session.flush()
    assert opened(session, world.judge, world.proposal_ids[0]).content == content


def test_a_judge_not_assigned_is_refused(session, world):
    attach(session, world.proposal_ids[0])
    session.get(Challenge, world.challenge_id).blind_review = False
    stranger = view(make_user(session, Role.JUDGE.value, name="Stranger"))
    confirm_declaration(session=session, actor=stranger, now=NOW)
    with pytest.raises(PermissionDenied):
        opened(session, stranger, world.proposal_ids[0])


def test_no_attachment_and_no_proposal_say_so(session, world):
    with pytest.raises(NotFound, match="no attachment"):
        opened(session, world.organiser, world.proposal_ids[1])
    with pytest.raises(NotFound):
        opened(session, world.organiser, 999_999)
    with pytest.raises(PermissionDenied):
        opened(session, None, world.proposal_ids[1])


def test_the_preview_is_images_and_active_content_is_named(session, world):
    attach(session, world.proposal_ids[0], scripted_pdf())
    preview = preview_attachment(
        session=session, actor=world.organiser, proposal_id=world.proposal_ids[0], now=NOW
    )
    assert preview.page_count == 1
    assert preview.pages[0].startswith(b"\x89PNG")
    assert preview.warnings == (ACTIVE_WORDS["javascript"],)


def test_a_pdf_pdfium_cannot_draw_is_refused_with_a_way_forward(session, world):
    attach(session, world.proposal_ids[0], b"%PDF-1.4 damaged")
    with pytest.raises(ServiceError, match="Download it"):
        preview_attachment(
            session=session, actor=world.organiser, proposal_id=world.proposal_ids[0], now=NOW
        )
