"""OCR with the ``tesseract`` binary, one single-threaded process per page, pages in parallel."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from ..types import DocumentRejected, FileType, PageText, RejectReason
from .images import load_frame
from .limits import DEFAULT_LIMITS, Limits
from .ocrtables import Word, erase_rules, mean_confidence, page_tables, parse_words
from .pdf import MIN_SCAN_DPI, render_pdf_page, scan_dpi

COUNTRY_LANGUAGES: dict[str, tuple[str, ...]] = {
    "SE": ("swe",),
    "FI": ("fin", "swe"),
    "AX": ("swe", "fin"),
    "DE": ("deu",),
    "AT": ("deu",),
    "CH": ("deu", "fra", "ita"),
    "LI": ("deu",),
    "LU": ("fra", "deu"),
    "DK": ("dan",),
    "NO": ("nor",),
    "IS": ("isl",),
    "PL": ("pol",),
    "FR": ("fra",),
    "BE": ("nld", "fra"),
    "MC": ("fra",),
    "IT": ("ita",),
    "SM": ("ita",),
    "ES": ("spa", "cat"),
    "AD": ("cat", "spa"),
    "PT": ("por",),
    "EE": ("est",),
    "LV": ("lav",),
    "LT": ("lit",),
    "NL": ("nld",),
    "CZ": ("ces",),
    "SK": ("slk",),
    "SI": ("slv",),
    "HR": ("hrv",),
    "HU": ("hun",),
    "RO": ("ron",),
    "BG": ("bul",),
    "GR": ("ell",),
    "CY": ("ell",),
    "MT": ("mlt",),
    "IE": ("eng",),
    "GB": ("eng",),
}
ISO_639_1_TO_TESSERACT = {
    "sv": "swe", "en": "eng", "fi": "fin", "de": "deu", "da": "dan", "nb": "nor", "nn": "nor",
    "no": "nor", "pl": "pol", "fr": "fra", "it": "ita", "es": "spa", "pt": "por", "et": "est",
    "lv": "lav", "lt": "lit", "nl": "nld", "cs": "ces", "sk": "slk", "sl": "slv", "hr": "hrv",
    "hu": "hun", "ro": "ron", "bg": "bul", "el": "ell", "is": "isl", "ca": "cat", "ga": "gle",
    "eu": "eus", "mt": "mlt",
}  # fmt: skip
TESSERACT_TO_ISO_639_1 = {
    code: iso for iso, code in reversed(ISO_639_1_TO_TESSERACT.items()) if iso not in {"nn", "no"}
}


@cache
def installed_languages() -> frozenset[str]:
    """Tesseract's installed language packs (``tesseract --list-langs``), cached."""
    binary = shutil.which("tesseract")
    if binary is None:
        return frozenset()
    try:
        output = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in output.splitlines()[1:] if line.strip())


def ocr_languages_for(country: str | None, language_hint: str | None = None) -> list[str]:
    """Tesseract language codes for an organisation's country and a detected language.

    The hint (ISO 639-1) comes first, then the country's languages, then English; only
    installed packs are returned, and never an empty list while English is installed.
    """
    wanted: list[str] = []
    if language_hint:
        code = ISO_639_1_TO_TESSERACT.get(language_hint.lower()[:2])
        if code:
            wanted.append(code)
    wanted.extend(COUNTRY_LANGUAGES.get((country or "").upper(), ()))
    wanted.append("eng")
    installed = installed_languages()
    result: list[str] = []
    for code in wanted:
        if code in installed and code not in result:
            result.append(code)
    return result or (["eng"] if not installed else sorted(installed)[:1])


def run_tesseract(
    image_path: Path, languages: list[str], *, timeout: int, psm: int = 3
) -> tuple[str, float | None]:
    """OCR one image file; return its text and mean word confidence (0–100)."""
    text, words = read_words(image_path, languages, timeout=timeout, psm=psm)
    return text, mean_confidence(words)


def read_words(
    image_path: Path, languages: list[str], *, timeout: int, psm: int = 3
) -> tuple[str, list[Word]]:
    """OCR one image file; return its text and its words with their boxes (Tesseract's
    ``txt`` and ``tsv`` output of one run)."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise DocumentRejected(RejectReason.OCR_FAILED, "tesseract is not installed")
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="equalocal-ocr-") as folder:
        base = Path(folder) / "out"
        command = [
            binary, str(image_path), str(base), "-l", "+".join(languages or ["eng"]),
            "--psm", str(psm), "txt", "tsv",
        ]  # fmt: skip
        try:
            completed = subprocess.run(  # noqa: S603 - fixed argv, no shell
                command, capture_output=True, timeout=timeout, env=environment, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise DocumentRejected(
                RejectReason.OCR_FAILED, f"timed out after {timeout} s"
            ) from error
        except OSError as error:
            raise DocumentRejected(RejectReason.OCR_FAILED, str(error)) from error
        text_file = base.with_suffix(".txt")
        if completed.returncode != 0 or not text_file.exists():
            message = completed.stderr.decode("utf-8", "replace").strip()[-300:]
            raise DocumentRejected(RejectReason.OCR_FAILED, message or "tesseract failed")
        text = text_file.read_text("utf-8", "replace")
        tsv = base.with_suffix(".tsv")
        words = parse_words(tsv.read_text("utf-8", "replace")) if tsv.exists() else []
    return _tidy(text), words


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\f", "").split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


class _Language:
    """The Tesseract language pages are read in: the likeliest first, then whichever a page
    read last turned out to be in, so pages not yet started follow what the document is."""

    def __init__(self, code: str):
        self.code = code
        self._lock = threading.Lock()

    def follow(self, code: str) -> None:
        with self._lock:
            self.code = code


def page_language(text: str) -> str | None:
    """The Tesseract code of a page's language, from its OCR'd text; ``None`` when the text
    is too short to tell or the language has no installed pack."""
    from ..text.language import detect_language

    code = ISO_639_1_TO_TESSERACT.get((detect_language(text) or "")[:2])
    return code if code in installed_languages() else None


def _image_file(
    path: Path,
    file_type: FileType,
    number: int,
    limits: Limits,
    folder: Path,
    *,
    dpi: int,
    band: float = 1.0,
) -> Path:
    if file_type == FileType.PDF:
        image = render_pdf_page(
            path, number, dpi=dpi, max_pixels=limits.max_pixels, grayscale=True, limits=limits
        )
    else:
        image = load_frame(path, number, limits=limits)
    if image.mode not in {"L", "RGB"}:
        image = image.convert("RGB")
    if band < 1.0:  # the middle of the page, where its running text is
        top = int(image.height * (1 - band) / 2)
        image = image.crop((0, top, image.width, top + int(image.height * band)))
    else:
        image = erase_rules(image)
    # PNM is written without compression: much cheaper than PNG for a 300 dpi page.
    image_path = folder / f"page-{number}-{dpi}.pnm"
    image.save(image_path, "PPM")
    return image_path


def _ocr_one(
    path: Path,
    file_type: FileType,
    number: int,
    language: _Language,
    limits: Limits,
    folder: Path,
    verify: bool,
) -> PageText:
    """OCR one page in one language; when its text shows another installed language, read
    it again in that one and keep the reading Tesseract is surer of. Tables on the page are
    rebuilt from the kept reading's word boxes."""
    try:
        image_path = _image_file(
            path, file_type, number, limits, folder, dpi=_ocr_dpi(path, file_type, number, limits)
        )
        code = language.code
        timeout = limits.ocr_timeout_seconds
        text, words = read_words(image_path, [code], timeout=timeout)
        confidence = mean_confidence(words)
        found = page_language(text) if verify else None
        if found and found != code:
            again, again_words = read_words(image_path, [found], timeout=timeout)
            again_confidence = mean_confidence(again_words)
            if (again_confidence or 0) >= (confidence or 0):
                text, words, confidence, code = again, again_words, again_confidence, found
                language.follow(found)
        image_path.unlink(missing_ok=True)
    except DocumentRejected as error:
        if error.reason != RejectReason.OCR_FAILED:
            raise
        return PageText(number=number, source="none", raw_text="", text="")
    return PageText(
        number=number,
        text=text,
        raw_text=text,
        source="ocr",
        ocr_confidence=confidence,
        language=TESSERACT_TO_ISO_639_1.get(code),
        tables=page_tables(words, number),
    )


PROBE_DPI = 150
PROBE_BAND = 0.4  # share of the page's height the probe reads


def _ocr_dpi(path: Path, file_type: FileType, number: int, limits: Limits) -> int:
    """The resolution to read a page at: the scan's own when the page is one scanned image
    (an enlargement adds pixels for Tesseract to read, not detail), at least
    ``MIN_SCAN_DPI`` and at most ``limits.ocr_dpi``."""
    if file_type != FileType.PDF:
        return limits.ocr_dpi
    native = scan_dpi(path, number, limits=limits)
    if native is None:
        return limits.ocr_dpi
    return max(MIN_SCAN_DPI, min(limits.ocr_dpi, native))


def probe_language(
    path: Path | str, file_type: FileType, number: int, *, limits: Limits = DEFAULT_LIMITS
) -> str | None:
    """The Tesseract code of a page's language, from a quick English reading of the middle of
    it at low resolution (about a tenth of reading the page), or of the whole page when its
    middle holds too little text; for files with no text at all."""
    for band in (PROBE_BAND, 1.0):
        with tempfile.TemporaryDirectory(prefix="equalocal-probe-") as folder:
            try:
                image_path = _image_file(
                    Path(path), file_type, number, limits, Path(folder), dpi=PROBE_DPI, band=band
                )
                text, _ = run_tesseract(image_path, ["eng"], timeout=limits.ocr_timeout_seconds)
            except DocumentRejected as error:
                if error.reason != RejectReason.OCR_FAILED:
                    raise
                return None
        found = page_language(text)
        if found:
            return found
    return None


def ocr_pages(
    path: Path | str,
    file_type: FileType,
    page_numbers: list[int],
    *,
    languages: list[str],
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    verify_language: bool = True,
) -> Iterator[PageText]:
    """OCR the given pages (1-based) in parallel and yield each, in page order, once done.

    ``languages`` are Tesseract codes, the likeliest first. Each page is read in one
    language (one pass of Tesseract costs about half of a pass in two): the first, until a
    page's own text shows another installed language; that page is read again in it, and
    the pages after it start in it (``verify_language=False`` reads all in the first).

    A page whose OCR fails or times out comes back with ``source="none"`` and no text;
    the caller records ``OCR_FAILED``. Rendering and image errors raise ``DocumentRejected``.
    """
    path = Path(path)
    if not page_numbers:
        return
    languages = [code for code in languages if code in installed_languages()] or ["eng"]
    language = _Language(languages[0])
    workers = workers or max(1, os.cpu_count() or 1)
    with (
        tempfile.TemporaryDirectory(prefix="equalocal-pages-") as folder,
        ThreadPoolExecutor(max_workers=min(workers, len(page_numbers))) as pool,
    ):
        futures = [
            pool.submit(
                _ocr_one, path, file_type, number, language, limits, Path(folder), verify_language
            )
            for number in page_numbers
        ]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()
