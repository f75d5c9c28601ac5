"""PDF text layers with pypdfium2, page by page."""

from __future__ import annotations

import threading
import unicodedata
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium

from ..types import DocumentRejected, FileType, PageText, ReadResult, RejectReason, Table
from .limits import DEFAULT_LIMITS, Limits
from .pdftables import has_table_heading, page_tables

# PDFium is not thread-safe; every call into it goes through this lock.
PDFIUM_LOCK = threading.RLock()

MIN_LETTERS = 20
MAX_BAD_RATIO = 0.1


@contextmanager
def open_pdf(path: Path | str, *, limits: Limits = DEFAULT_LIMITS):
    """Open a PDF, turning PDFium's failures into ``DocumentRejected``; check the page count."""
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as error:
            raise _rejection(error) from error
    try:
        with PDFIUM_LOCK:
            count = len(document)
        if count > limits.max_pages:
            raise DocumentRejected(
                RejectReason.TOO_MANY_PAGES, f"{count} pages, at most {limits.max_pages}"
            )
        if count == 0:
            raise DocumentRejected(RejectReason.NO_TEXT, "the PDF has no pages")
        yield document
    finally:
        with PDFIUM_LOCK:
            document.close()


def read_pdf(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read the text layer of every page; pages without a usable one get ``source="none"``.

    Tables on pages with a text layer and a likely heading row come back in ``tables``.
    """
    pages: list[PageText] = []
    tables: list[Table] = []
    title = ""
    with open_pdf(path, limits=limits) as document, PDFIUM_LOCK:
        try:
            title = (document.get_metadata_value("Title") or "").strip()
        except (pdfium.PdfiumError, KeyError, ValueError):
            title = ""
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
                text = _normalise(textpage.get_text_range())
                usable = usable_text(text)
                if usable and has_table_heading(text):
                    tables.extend(_page_tables(textpage, index + 1))
                textpage.close()
                page.close()
            except pdfium.PdfiumError as error:
                raise DocumentRejected(
                    RejectReason.CORRUPT, f"page {index + 1}: {error}"
                ) from error
            if usable:
                pages.append(PageText(number=index + 1, text=text, raw_text=text))
            else:
                pages.append(PageText(number=index + 1, source="none"))
    return ReadResult(file_type=FileType.PDF, pages=pages, tables=tables, title=title)


def _page_tables(textpage, page_number: int) -> list[Table]:
    """Tables are a bonus: a page whose boxes PDFium cannot give keeps its text and no tables."""
    try:
        return page_tables(textpage, page_number)
    except pdfium.PdfiumError:
        return []


def pdf_page_count(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> int:
    with open_pdf(path, limits=limits) as document, PDFIUM_LOCK:
        return len(document)


def usable_text(text: str) -> bool:
    """Whether a text layer is worth keeping rather than OCR'ing the page."""
    letters = 0
    bad = 0
    # Counted per distinct character: a page holds thousands of characters but few distinct.
    for char, count in Counter(text).items():
        if char.isalpha():
            letters += count
        elif char == "\ufffd" or (
            unicodedata.category(char) in {"Co", "Cn", "Cc"} and char not in "\t\n\r\f"
        ):
            bad += count
    if letters < MIN_LETTERS:
        return False
    return bad / (letters + bad) <= MAX_BAD_RATIO


MIN_SCAN_DPI = 200


def scan_dpi(path: Path | str, page_number: int, *, limits: Limits = DEFAULT_LIMITS) -> int | None:
    """The resolution of a scanned page's image when the page is one image covering it
    (``None`` otherwise), so OCR reads the scan as it is rather than an enlargement of it."""
    with open_pdf(path, limits=limits) as document, PDFIUM_LOCK:
        if not 1 <= page_number <= len(document):
            return None
        page = document[page_number - 1]
        try:
            points_w, _ = page.get_size()
            images = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=1))
            if len(images) != 1:
                return None
            left, _, right, _ = images[0].get_bounds()
            if right - left < points_w * 0.9:
                return None
            width_px = images[0].get_px_size()[0]
            return round(width_px / ((right - left) / 72))
        except (pdfium.PdfiumError, AttributeError, ValueError, ZeroDivisionError):
            return None
        finally:
            page.close()


def render_pdf_page(
    path: Path | str,
    page_number: int,
    *,
    scale: float | None = None,
    dpi: int | None = None,
    width: int | None = None,
    max_pixels: int = DEFAULT_LIMITS.max_pixels,
    grayscale: bool = False,
    limits: Limits = DEFAULT_LIMITS,
):
    """Render one page (1-based) to a PIL image at ``dpi`` or ``width``, within ``max_pixels``."""
    with open_pdf(path, limits=limits) as document, PDFIUM_LOCK:
        if not 1 <= page_number <= len(document):
            raise DocumentRejected(RejectReason.CORRUPT, f"no page {page_number}")
        try:
            page = document[page_number - 1]
            points_w, points_h = page.get_size()
            if scale is None:
                if width is not None:
                    scale = width / max(points_w, 1)
                else:
                    scale = (dpi or limits.ocr_dpi) / 72
            pixels = points_w * points_h * scale * scale
            if pixels > max_pixels:
                scale *= (max_pixels / pixels) ** 0.5
            bitmap = page.render(scale=scale, grayscale=grayscale)
            image = bitmap.to_pil()
            page.close()
        except pdfium.PdfiumError as error:
            raise DocumentRejected(RejectReason.CORRUPT, f"page {page_number}: {error}") from error
        return image


def _rejection(error: Exception) -> DocumentRejected:
    message = str(error)
    if "password" in message.lower() or "security" in message.lower():
        return DocumentRejected(RejectReason.ENCRYPTED, message)
    return DocumentRejected(RejectReason.CORRUPT, message)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    # PDFium marks soft hyphens at line ends as U+0002 or U+00AD.
    text = text.replace("\x02\n", "").replace("\u00ad\n", "").replace("\x02", "")
    return unicodedata.normalize("NFC", text).strip()
