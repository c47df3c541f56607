"""PDFs that could act on a reader are flagged in words; pages are drawn as images."""

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from civic_challenge.domain.attachments import ACTIVE_WORDS, active_content
from civic_challenge.domain.pdf_preview import page_images


def _pdf(change=None, pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=100)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(kind: str, key: str, value: str):
    def change(writer: PdfWriter) -> None:
        action = DictionaryObject(
            {NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return change


_launch = _open_action("/Launch", "/F", "calc.exe")
_script = _open_action("/JavaScript", "/JS", "app.alert(1);")


def test_a_plain_pdf_carries_nothing_active():
    assert active_content(_pdf()) == []


def test_javascript_launch_actions_and_embedded_files_are_named():
    assert active_content(_pdf(_script)) == [ACTIVE_WORDS["javascript"]]
    assert active_content(_pdf(_launch)) == [ACTIVE_WORDS["launch"]]
    assert active_content(_pdf(lambda w: w.add_attachment("x.txt", b"hi"))) == [
        ACTIVE_WORDS["embedded"]
    ]


def test_an_unreadable_file_is_not_flagged_here():
    assert active_content(b"not a pdf") == []


def test_pages_are_drawn_as_png_up_to_the_limit():
    images, count = page_images(_pdf(pages=3), max_pages=2)
    assert count == 3
    assert len(images) == 2
    assert all(image.startswith(b"\x89PNG") for image in images)


def test_a_pdf_with_javascript_is_drawn_without_running_it():
    images, count = page_images(_pdf(_script))
    assert (len(images), count) == (1, 1)
