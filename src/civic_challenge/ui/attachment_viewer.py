"""A proposal's PDF for whoever may read it: its pages drawn as images, and the original."""

import streamlit as st

from civic_challenge.services.accounts import UserView
from civic_challenge.services.attachments import open_attachment, preview_attachment
from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.ui.database import db_reader
from civic_challenge.ui.text import plain


def active_content_warning(warnings: tuple[str, ...]) -> None:
    if warnings:
        st.warning(
            "This PDF carries content that could act on a reader's computer:\n\n"
            + "\n".join(f"- {plain(w)}" for w in warnings)
            + "\n\nThe preview draws the pages only and runs none of it. Open the original "
            "only if you trust it; an applicant can upload a plain copy instead (for example, "
            "printed to PDF).",
            icon=":material/warning:",
        )


def attachment_viewer(
    actor: UserView, proposal_id: int, filename: str | None, *, warn: bool = True
) -> None:
    """The preview behind a toggle (drawing pages costs time), with a download of the original."""
    if not filename:
        st.caption("No attachment.")
        return
    try:
        with db_reader() as session:
            found = open_attachment(
                session=session, actor=actor, proposal_id=proposal_id, now=now()
            )
    except ServiceError as refusal:
        st.info(plain(str(refusal)), icon=":material/lock:")
        return
    if warn:
        active_content_warning(found.warnings)
    st.download_button(
        f"Download {found.filename}",
        data=found.content,
        file_name=found.filename,
        mime="application/pdf",
        icon=":material/download:",
        key=f"attachment_download_{proposal_id}",
        help="The file exactly as it was uploaded.",
    )
    preview = st.toggle(
        f"Show the pages of {found.filename}", key=f"attachment_preview_{proposal_id}"
    )
    st.caption("The pages drawn as pictures on the server, so nothing in the PDF runs.")
    if preview:
        _pages(actor, proposal_id)


def _pages(actor: UserView, proposal_id: int) -> None:
    try:
        with db_reader() as session:
            preview = preview_attachment(
                session=session, actor=actor, proposal_id=proposal_id, now=now()
            )
    except ServiceError as refusal:
        st.info(plain(str(refusal)), icon=":material/info:")
        return
    for number, image in enumerate(preview.pages, start=1):
        with st.container(border=True):  # the page's edge, on a white page
            st.image(image, caption=f"Page {number} of {preview.page_count}")
    if preview.shortened:
        st.caption(
            f"The first {len(preview.pages)} of {preview.page_count} pages are shown; "
            "download the file to read the rest."
        )
