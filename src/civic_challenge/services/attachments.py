"""Opening a proposal's PDF: applicants their own, organisers always, judges when the review is
not blind. The original downloads as it was uploaded; the preview is its pages drawn as images
on the server, so no script in the file runs in anyone's browser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import proposals as db_proposals
from civic_challenge.domain.attachments import active_content
from civic_challenge.domain.pdf_preview import MAX_PAGES, page_images
from civic_challenge.domain.terms import Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound, ServiceError
from civic_challenge.services.permissions import acting
from civic_challenge.services.proposal_access import own_proposal
from civic_challenge.services.reviews import download_attachment

if TYPE_CHECKING:
    from sqlmodel import Session

NO_ATTACHMENT = "This proposal has no attachment."


@dataclass(frozen=True)
class AttachmentFile:
    filename: str
    content: bytes
    warnings: tuple[str, ...]  # active content found in it, in words


@dataclass(frozen=True)
class AttachmentPreview:
    filename: str
    pages: tuple[bytes, ...]  # PNG images of the first pages
    page_count: int
    warnings: tuple[str, ...]

    @property
    def shortened(self) -> bool:
        return self.page_count > len(self.pages)


def open_attachment(
    *, session: Session, actor: UserView, proposal_id: int, now: datetime
) -> AttachmentFile:
    """The original file, if this person may read it; PermissionDenied or NotFound otherwise."""
    actor = acting(session, actor, Role.APPLICANT, Role.JUDGE, Role.ORGANISER)
    if actor.role is Role.JUDGE:
        filename, content = download_attachment(
            session=session, actor=actor, proposal_id=proposal_id, now=now
        )
    else:
        if actor.role is Role.APPLICANT:
            own_proposal(session, actor, proposal_id)
        elif db_proposals.get_proposal(session, proposal_id) is None:
            raise NotFound("There is no proposal with that number.")
        attachment = db_proposals.attachment_of(session, proposal_id)
        if attachment is None:
            raise NotFound(NO_ATTACHMENT)
        filename, content = attachment.filename, attachment.content
    return AttachmentFile(filename, content, tuple(active_content(content)))


def preview_attachment(
    *,
    session: Session,
    actor: UserView,
    proposal_id: int,
    now: datetime,
    max_pages: int = MAX_PAGES,
) -> AttachmentPreview:
    """The first pages as images, under the same rules as the download."""
    found = open_attachment(session=session, actor=actor, proposal_id=proposal_id, now=now)
    try:
        pages, count = page_images(found.content, max_pages=max_pages)
    except Exception as error:  # PDFium refuses some files pypdf accepted at upload
        raise ServiceError(
            "This PDF could not be drawn as a preview. Download it to read it."
        ) from error
    return AttachmentPreview(found.filename, pages, count, found.warnings)
