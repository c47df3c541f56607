"""The optional PDF with a proposal: checked by what it contains, not by its name."""

import hashlib
import io
from dataclasses import dataclass

from pypdf import PdfReader

MAX_BYTES = 10 * 1024 * 1024
MAX_FILENAME = 200


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def refused_choice(name: str, size: int) -> str | None:
    """Why a file chosen in the browser cannot be attached, judged by its name and size alone
    (the browser refuses such a file before it is sent), as words that follow "it": None if
    it may be sent."""
    if size > MAX_BYTES:
        return f"it is {_megabytes(size)}, the limit is {_megabytes(MAX_BYTES)}"
    if not name.lower().endswith(".pdf"):
        return "it is not a PDF (only PDF files can be attached)"
    return None


def pdf_problems(upload: Upload) -> list[str]:
    """[] for a readable PDF of at most 10 MB; otherwise what is wrong and what to do."""
    size = len(upload.content)
    if size == 0:
        return ["The file is empty. Choose the PDF again."]
    if size > MAX_BYTES:
        return [
            f"The file is {_megabytes(size)}; the limit is {_megabytes(MAX_BYTES)}. "
            "Make it smaller (for example, export it with compressed images) and try again."
        ]
    not_pdf = [
        "This file is not a PDF that can be opened (whatever its name says). "
        "Save or export your document as PDF and upload that."
    ]
    if not upload.content.startswith(b"%PDF-"):
        return not_pdf
    try:
        reader = PdfReader(io.BytesIO(upload.content))
        if reader.is_encrypted:
            return ["The PDF is password-protected. Upload a copy without a password."]
        if len(reader.pages) == 0:
            return not_pdf
    except Exception:  # pypdf raises many kinds of error on a damaged file
        return not_pdf
    return []


def clean_filename(name: str) -> str:
    """The name as shown back to people: no folders, at most 200 characters, ending .pdf."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "proposal.pdf"
    if not base.lower().endswith(".pdf"):
        base = f"{base}.pdf"
    return base[-MAX_FILENAME:]


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


ACTIVE_WORDS = {
    "javascript": "It contains JavaScript, which could run when someone opens it.",
    "launch": "It contains an action that would start another program.",
    "embedded": "It carries other files inside it.",
}
_MAX_OBJECTS = 200_000


def active_content(content: bytes) -> list[str]:
    """What in a PDF could act on a reader's computer (JavaScript, launch actions, embedded
    files), in words; [] for a plain document. Previews never run any of it; this says so
    to the person uploading and to everyone who downloads the original."""
    try:
        reader = PdfReader(io.BytesIO(content))
        found = _walk(reader.trailer)
    except Exception:  # an unreadable file is refused by pdf_problems before this matters
        return []
    return [ACTIVE_WORDS[kind] for kind in ("javascript", "launch", "embedded") if kind in found]


def _walk(root: object) -> set[str]:
    found: set[str] = set()
    stack, seen = [root], set()
    while stack and len(seen) < _MAX_OBJECTS:
        item = stack.pop()
        reference = getattr(item, "idnum", None)
        if reference is not None:
            if (reference, item.generation) in seen:  # type: ignore[attr-defined]
                continue
            seen.add((reference, item.generation))  # type: ignore[attr-defined]
            item = item.get_object()  # type: ignore[attr-defined]
        if isinstance(item, dict):
            found |= _kinds(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _kinds(entry: dict) -> set[str]:
    kinds = set()
    action = entry.get("/S")
    if "/JS" in entry or "/JavaScript" in entry or action == "/JavaScript":
        kinds.add("javascript")
    if action == "/Launch":
        kinds.add("launch")
    if "/EmbeddedFiles" in entry or entry.get("/Type") == "/EmbeddedFile" or "/EF" in entry:
        kinds.add("embedded")
    return kinds
