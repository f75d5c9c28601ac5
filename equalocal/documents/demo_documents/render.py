"""Render text as the files people upload: a scanned PDF, a Word document, a born-digital PDF.

Plain Python (Pillow, python-docx, WeasyPrint), no Django, so the test fixtures and
``scripts/make_document_fixtures.py`` use the same renderers as the demo.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

A4_INCHES = (8.27, 11.69)
# DejaVu Sans (Debian's fonts-dejavu-core, also used by the PDF reports) has every letter
# of the Charter's Latin-script languages.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
INK = 20
FAINT_INK = 225
SPECKS_PER_PAGE = 400


def _without_marks(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if font.getlength(candidate) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def render_scan_pages(
    text: str,
    *,
    dpi: int = 200,
    font_size_pt: float = 10.5,
    noise: bool = True,
    faded_marks: float = 0.0,
    seed: int = 3,
):
    """Lay ``text`` out on A4 page images (Pillow, greyscale), like a printed and scanned page.

    Lines wrap at the margins and run on to the next page; a form feed (``\\f``) starts a
    new page. ``noise`` sprinkles specks of dust on each page. ``faded_marks`` is the
    share of words (0–1) whose diacritics print faint, as on a worn copy: OCR then reads
    "jamstalldhet" where the page says "jämställdhet", the damage the repair step mends.
    The same arguments always give the same pixels.
    """
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    font = ImageFont.truetype(str(FONT), round(font_size_pt * dpi / 72))
    line_height = round(font_size_pt * dpi / 72 * 1.45)
    margin = round(dpi * 0.9)
    per_page = (height - 2 * margin) // line_height
    specks = random.Random(seed)  # noqa: S311 - repeatable dust, not secrets
    fading = random.Random(f"faded-{seed}")  # noqa: S311 - repeatable wear
    pages = []
    # A form feed on a line of its own leaves no blank line at either side of the break.
    for part in re.split(r"\n?\f\n?", text):
        lines = _wrap(part, font, width - 2 * margin)
        for start in range(0, len(lines), per_page):
            image = Image.new("L", (width, height), 255)
            draw = ImageDraw.Draw(image)
            y = margin
            for line in lines[start : start + per_page]:
                words = line.split(" ")
                worn = [
                    _without_marks(word) if faded_marks and fading.random() < faded_marks else word
                    for word in words
                ]
                if worn != words:
                    # The marks in faint ink, the letters over them in full ink: the bare
                    # letters are as wide as the marked ones, so they line up.
                    draw.text((margin, y), line, fill=FAINT_INK, font=font)
                    draw.text((margin, y), " ".join(worn), fill=INK, font=font)
                else:
                    draw.text((margin, y), line, fill=INK, font=font)
                y += line_height
            if noise:
                for _ in range(SPECKS_PER_PAGE):
                    x, y = specks.randrange(width), specks.randrange(height)
                    draw.point((x, y), fill=specks.randrange(90, 200))
            pages.append(image)
    return pages


def write_scanned_pdf(
    path: Path, text: str, *, dpi: int = 200, faded_marks: float = 0.0, seed: int = 3
) -> Path:
    """An image-only PDF (no text layer) of ``text`` printed and scanned at ``dpi``."""
    pages = render_scan_pages(text, dpi=dpi, faded_marks=faded_marks, seed=seed)
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return Path(path)


def write_docx(path: Path, source: str, *, title: str) -> Path:
    """A Word document from a small plain-text markup, one block per line.

    ``# `` and ``## `` start headings, ``1. `` a numbered and ``- `` a bulleted list item,
    and lines that start with ``|`` are the rows of a table (the first row its heading),
    cells separated by ``|`` and paragraphs inside a cell by `` ¶ ``. Any other line is a
    paragraph; blank lines are skipped.
    """
    import docx

    document = docx.Document()
    document.core_properties.title = title
    rows: list[list[list[str]]] = []

    def flush_table() -> None:
        if not rows:
            return
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for row_index, row in enumerate(rows):
            for column, paragraphs in enumerate(row):
                cell = table.cell(row_index, column)
                cell.text = paragraphs[0]
                for paragraph in paragraphs[1:]:
                    cell.add_paragraph(paragraph)
        rows.clear()

    for line in source.splitlines():
        line = line.strip()
        if line.startswith("|"):
            cells = line.strip("|").split("|")
            rows.append([[part.strip() for part in cell.split("¶")] for cell in cells])
            continue
        flush_table()
        if not line:
            continue
        if line.startswith("## "):
            document.add_heading(line[3:], 2)
        elif line.startswith("# "):
            document.add_heading(line[2:], 1)
        elif line[:1].isdigit() and ". " in line[:4]:
            document.add_paragraph(line.split(". ", 1)[1], style="List Number")
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    flush_table()
    document.save(path)
    return Path(path)


def write_html_pdf(path: Path, html: str) -> Path:
    """A born-digital PDF (text layer, real tables) of an HTML page, laid out by WeasyPrint."""
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)
    return Path(path)
