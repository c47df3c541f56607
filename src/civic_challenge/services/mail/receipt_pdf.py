"""The submission receipt as a PDF (fpdf2, its built-in Helvetica: no font files needed)."""

from fpdf import FPDF

# The built-in fonts cover Latin-1 only: typographic punctuation gets its plain twin.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def latin1(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def receipt_pdf(title: str, text: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_creator("Civic Challenge")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    for line in text.splitlines()[1:]:
        pdf.multi_cell(0, 5, latin1(line) or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
