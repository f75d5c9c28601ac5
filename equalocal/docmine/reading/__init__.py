"""Readers: file type by content, text per page, OCR of pages without a text layer.

Pure Python (no Django), so ``equalocal extract`` can use it without a database. Every
failure inside a reader becomes :class:`~equalocal.docmine.types.DocumentRejected`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ..types import DocumentRejected, FileType, PageText, ReadResult, RejectReason
from .html import read_html
from .images import image_frame_count, load_frame, png_bytes, read_image
from .limits import DEFAULT_LIMITS, Limits
from .ocr import TESSERACT_TO_ISO_639_1, installed_languages, ocr_languages_for
from .ocr import ocr_pages as _ocr_pages
from .ocr import probe_language as _probe_language
from .office import read_docx, read_odt
from .pdf import read_pdf, render_pdf_page
from .plaintext import decode, read_plain
from .sniff import HEAD_BYTES, extension_mismatch, sniff

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "extension_mismatch",
    "installed_languages",
    "ocr_languages_for",
    "ocr_pages",
    "read_file",
    "read_text",
    "render_page_png",
    "sniff",
    "sniff_path",
]

Progress = Callable[[str, int, int], None]


def sniff_path(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> FileType:
    """Check a stored file's size, then sniff its type from its head (and zip directory)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError as error:
        raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
    if size == 0:
        raise DocumentRejected(RejectReason.EMPTY)
    if size > limits.max_bytes:
        raise DocumentRejected(RejectReason.TOO_LARGE, f"{size} bytes, at most {limits.max_bytes}")
    return sniff(head, path.name, path=path)


def read_text(
    path: Path | str, file_type: FileType, *, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Read the text a file carries, without OCR.

    PDF pages without a usable text layer, and every image frame, come back as
    ``PageText(source="none")``; DOCX, ODT, HTML and text files are one page.
    """
    return _without_nul(_read_text(Path(path), file_type, limits))


def _without_nul(result: ReadResult) -> ReadResult:
    """NUL characters mean nothing in text and PostgreSQL refuses to store them."""
    for page in result.pages:
        page.text = page.text.replace("\x00", "")
        page.raw_text = page.raw_text.replace("\x00", "")
    for table in result.tables:
        table.rows = [[cell.replace("\x00", "") for cell in row] for row in table.rows]
    result.title = result.title.replace("\x00", "")
    return result


def _read_text(path: Path, file_type: FileType, limits: Limits) -> ReadResult:
    try:
        if file_type == FileType.PDF:
            return read_pdf(path, limits=limits)
        if file_type == FileType.DOCX:
            return read_docx(path, limits=limits)
        if file_type == FileType.ODT:
            return read_odt(path, limits=limits)
        if file_type.is_image:
            return read_image(path, file_type, limits=limits)
        data = _read_bytes(path, limits)
        if file_type == FileType.HTML:
            return read_html(decode(data))
        if file_type == FileType.TEXT:
            return read_plain(data)
    except DocumentRejected:
        raise
    except MemoryError as error:
        raise DocumentRejected(RejectReason.TOO_LARGE, "out of memory") from error
    except Exception as error:  # a reader must never crash the worker
        raise DocumentRejected(RejectReason.CORRUPT, f"{type(error).__name__}: {error}") from error
    raise DocumentRejected(RejectReason.UNSUPPORTED, str(file_type))


def ocr_pages(
    path: Path | str,
    file_type: FileType,
    page_numbers: list[int],
    *,
    languages: list[str],
    limits: Limits = DEFAULT_LIMITS,
    verify_language: bool = True,
) -> Iterator[PageText]:
    """OCR pages (1-based) in parallel, each in one language, its own (see
    ``ocr.ocr_pages``); yield each in page order as soon as it is done."""
    try:
        yield from _ocr_pages(
            Path(path),
            file_type,
            page_numbers,
            languages=languages,
            limits=limits,
            verify_language=verify_language,
        )
    except DocumentRejected:
        raise
    except Exception as error:
        raise DocumentRejected(
            RejectReason.OCR_FAILED, f"{type(error).__name__}: {error}"
        ) from error


def read_file(
    path: Path | str,
    *,
    ocr: bool = True,
    languages: list[str] | None = None,
    on_progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    repair: bool = True,
    filename: str = "",
) -> ReadResult:
    """Sniff, read, detect each page's language, OCR pages that need it and repair them.

    ``languages`` are Tesseract codes; by default they follow the language of the pages
    that have text, else a quick low-resolution English reading of the first page; each
    page is then read in one language, its own (see ``ocr_pages``).
    ``on_progress(stage, current, total)`` is called with "reading", "ocr", "repairing"
    and "language". OCR'd pages keep the raw OCR text in ``raw_text`` and every change
    in ``repairs``. Pages whose OCR failed stay ``source="none"`` with an
    ``OCR_FAILED`` warning. Tables on OCR'd pages are rebuilt from Tesseract's word boxes
    (``ocrtables``), repaired like their page, and added to ``tables`` in page order.
    """
    from ..text.language import detect_language, detect_page_languages
    from ..text.repair import looks_damaged, repair_cells, repair_text

    path = Path(path)
    progress = on_progress or (lambda stage, current, total: None)
    progress("reading", 0, 1)
    file_type = sniff_path(path, limits=limits)
    result = read_text(path, file_type, limits=limits)
    if extension_mismatch(file_type, filename or path.name):
        result.warnings.append(RejectReason.EXTENSION_MISMATCH.value)
    progress("reading", 1, 1)

    with_text = [page for page in result.pages if not page.needs_ocr]
    languages_found = detect_page_languages([page.text for page in with_text])
    for index, (page, language) in enumerate(zip(with_text, languages_found, strict=True), 1):
        page.language = language
        if repair and page.language and looks_damaged(page.text, page.language):
            # A scanner's text layer with OCR damage: repaired like this product's own OCR.
            page.raw_text = page.text
            page.text, page.repairs = repair_text(page.raw_text, page.language)
        progress("language", index, len(with_text))

    missing = [page.number for page in result.pages if page.needs_ocr]
    if ocr and missing:
        if languages is None:
            languages = _guess_ocr_languages(path, file_type, result, missing, limits)
        by_number = {page.number: page for page in result.pages}
        failed = False
        pages = ocr_pages(path, file_type, missing, languages=languages, limits=limits)
        for done, page in enumerate(pages, start=1):
            progress("ocr", done, len(missing))
            if page.needs_ocr:
                failed = True
                continue
            page.language = detect_language(page.text) or page.language
            if repair and page.language:
                page.text, page.repairs = repair_text(page.raw_text, page.language)
                for table in page.tables:
                    table.rows = repair_cells(table.rows, page.language)
            by_number[page.number].__dict__.update(page.__dict__)
            result.tables.extend(page.tables)
        if failed:
            result.warnings.append(RejectReason.OCR_FAILED.value)
        result.tables.sort(key=lambda table: table.page or 0)
    return result


def _guess_ocr_languages(
    path: Path, file_type: FileType, result: ReadResult, missing: list[int], limits: Limits
) -> list[str]:
    """The languages to OCR in, likeliest first: the language of the pages with text, else
    the language a quick low-resolution reading of the first page shows."""
    seen = Counter(page.language for page in result.pages if page.language)
    if seen:
        return ocr_languages_for(None, seen.most_common(1)[0][0])
    code = _probe_language(path, file_type, missing[0], limits=limits)
    return ocr_languages_for(None, TESSERACT_TO_ISO_639_1.get(code or ""))


def render_page_png(
    path: Path | str, file_type: FileType, page_number: int, *, width: int = 1000
) -> bytes:
    """A PNG preview of one page of a PDF or image (1-based), ``width`` pixels wide."""
    try:
        if file_type == FileType.PDF:
            image = render_pdf_page(path, page_number, width=width)
        elif file_type.is_image:
            image = load_frame(path, page_number)
        else:
            raise DocumentRejected(RejectReason.UNSUPPORTED, f"no page images for {file_type}")
        return png_bytes(image, width=width)
    except DocumentRejected:
        raise
    except Exception as error:
        raise DocumentRejected(RejectReason.CORRUPT, f"{type(error).__name__}: {error}") from error


def _read_bytes(path: Path, limits: Limits) -> bytes:
    with path.open("rb") as file:
        data = file.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise DocumentRejected(RejectReason.TOO_LARGE, f"over {limits.max_bytes} bytes")
    if not data:
        raise DocumentRejected(RejectReason.EMPTY)
    return data


# Re-exported for callers that count pages before reading.
__all__ += ["image_frame_count"]
