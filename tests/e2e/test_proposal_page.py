"""An organiser opens a proposal from Results and reads its PDF, drawn as page images on the
server (so nothing in the file runs in the browser), with the original to download."""

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DemoCall, make_demo_database, serve
from e2e_support import click, main
from playwright.sync_api import expect
from sqlmodel import select
from test_organiser_journey import choose, open_page, signed_in

from civic_challenge.db.models import Attachment, Proposal
from civic_challenge.domain.attachments import sha256
from civic_challenge.domain.demo_people import ORGANISER_NAME
from civic_challenge.services.database import open_database, transaction
from civic_challenge.services.demo import ORGANISER_EMAIL


def text_pdf(line: str) -> bytes:
    """A one-page PDF that says `line` in Helvetica, written by hand (no PDF library needed)."""
    stream = f"BT /F1 24 Tf 72 700 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return bytes(out + trailer.encode())


@pytest.fixture(scope="module")
def call_with_pdf(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    folder = tmp_path_factory.mktemp("proposal_page")
    world = make_demo_database(folder / "demo.db")
    reference = world.applicant_proposal[0]
    content = text_pdf("Pilot plan: bike hangars in Hackney")
    engine = open_database(world.url)
    with transaction(engine) as session:
        proposal = session.exec(select(Proposal).where(Proposal.reference == reference)).one()
        session.add(
            Attachment(
                proposal_id=proposal.id,
                filename="pilot-plan.pdf",
                size_bytes=len(content),
                sha256=sha256(content),
                content=content,
            )
        )
    engine.dispose()
    with serve(world.url, folder, env_extra={"CIVIC_DEMO_MODE": "true"}) as url:
        yield replace(world, url=url)


def test_an_organiser_opens_a_proposal_from_results_and_reads_its_pdf(
    call_with_pdf: DemoCall, new_visitor
):
    url = call_with_pdf.url
    reference, title, _ = call_with_pdf.applicant_proposal
    visitor = new_visitor()
    organiser = signed_in(visitor, url, ORGANISER_EMAIL, ORGANISER_NAME)
    open_page(organiser, url, "results", "Results")
    choose(organiser, "Read a proposal in full", f"{reference} · {title}")
    click(organiser, main(organiser).get_by_role("link", name="Open the proposal"))
    expect(main(organiser).get_by_role("heading", name=f"{reference} · {title}")).to_be_visible()
    assert re.search(r"proposal_detail\?proposal=\d+$", organiser.url)

    click(organiser, main(organiser).get_by_role("tab", name="Attachment"))
    expect(main(organiser).get_by_role("button", name="Download pilot-plan.pdf")).to_be_visible()
    click(organiser, main(organiser).get_by_text("Show the pages of pilot-plan.pdf"))
    image = main(organiser).get_by_test_id("stImage")
    expect(image).to_have_count(1)
    expect(image).to_contain_text("Page 1 of 1")
    expect(image.locator("img")).to_have_attribute(
        "src", re.compile(r"/media/[0-9a-f]+\.(png|jpg)$")
    )
    expect(organiser.locator("iframe, embed, object")).to_have_count(0)  # no PDF viewer at all

    click(organiser, main(organiser).get_by_role("tab", name="Reviews"))
    expect(main(organiser)).to_contain_text("Note for the panel")
    visitor.requests.assert_stayed_local()
