"""A PDF's first pages drawn as PNG images, so people read it without a PDF viewer.

PDFium draws the pages only: no form environment is set up, so no script in the file runs.
"""

import io

import pypdfium2 as pdfium

MAX_PAGES = 10
WIDTH_PIXELS = 900


def page_images(content: bytes, *, max_pages: int = MAX_PAGES) -> tuple[tuple[bytes, ...], int]:
    """(PNG bytes of each page up to `max_pages`, the document's page count)."""
    document = pdfium.PdfDocument(content)
    try:
        count = len(document)
        images = []
        for index in range(min(count, max_pages)):
            page = document[index]
            try:
                width = page.get_width() or WIDTH_PIXELS
                bitmap = page.render(scale=WIDTH_PIXELS / width)
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG")
                images.append(buffer.getvalue())
            finally:
                page.close()
        return tuple(images), count
    finally:
        document.close()
