"""Benchmarks of the readers: born-digital text speed, OCR overhead over Tesseract, repair.

Every file is made by the project (``demo_documents``): made-up born-digital protocols, and the
demo's scanned protocol, whose own text is the reference for the word error rates.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from equalocal.docmine.extraction import analyse
from equalocal.docmine.reading import read_file, read_text
from equalocal.docmine.reading.limits import DEFAULT_LIMITS
from equalocal.docmine.reading.ocr import ocr_languages_for, ocr_pages
from equalocal.docmine.reading.pdf import pdf_page_count, render_pdf_page
from equalocal.docmine.text.repair import repair_text
from equalocal.docmine.text.wer import word_error_rate
from equalocal.docmine.types import FileType

from ..demo_documents import (
    PROTOCOL_FADED_MARKS,
    demo_text,
    write_protocols_pdf,
    write_ragunda_protocol,
)
from ..demo_documents.render import write_scanned_pdf

__all__ = ["bench_ocr_overhead", "bench_reading_born_digital", "bench_repair"]

PROTOCOL = "ragunda-ksau-2024-10-01-62.txt"
# What a user names for the other tools. The pipeline finds it itself: a quick probe when a
# file has no text at all, then each page in one language, its own.
OCR_LANGUAGES = ["swe"]
OCR_PAGES = 5


def bench_reading_born_digital(bench) -> None:
    """Pages per second of ``read_text`` on a 200-page born-digital PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_protocols_pdf(Path(folder) / "born-digital.pdf", pages=200)
        read_text(path, FileType.PDF)
        milliseconds = bench.time_call(lambda: read_text(path, FileType.PDF), repeat=5)
    bench.record(
        "documents: PDF text layer, pages per second", 200 / (milliseconds / 1000), "pages/s",
        pages=200, target=">= 100 for the whole pipeline",
    )  # fmt: skip


def _plain_tesseract(image: Path, output: Path) -> None:
    subprocess.run(  # noqa: S603 - fixed argv, no shell
        [shutil.which("tesseract") or "tesseract", str(image), str(output), "-l", "+".join(OCR_LANGUAGES), "--psm", "3"],
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        capture_output=True,
        check=True,
    )  # fmt: skip


def bench_ocr_overhead(bench) -> None:
    """OCR of scanned pages through ``ocr_pages`` against Tesseract run directly the same way.

    Both sides run one single-threaded Tesseract per page, ``os.cpu_count()`` at a time, in
    one language: Tesseract and ocrmypdf in the one named; ``ocr_pages`` in the organisation
    country's first, checking each page's language; ``read_file`` finds it with a probe.
    The direct run starts from images rendered beforehand, so the ratio includes our
    rendering, the TSV for confidences and the bookkeeping.

    The whole pipeline (read, repair, extract) is timed in a process that has analysed a
    text and repaired one before, as a running worker has: the first in a process compile the
    language patterns and load the lemma and word-frequency data (about 5 s, once per worker).
    """
    if shutil.which("tesseract") is None:
        return
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        text = "\f".join([demo_text(PROTOCOL)] * 3)
        pdf = write_scanned_pdf(folder / "scan.pdf", text, faded_marks=PROTOCOL_FADED_MARKS)
        pages = list(range(1, min(pdf_page_count(pdf), OCR_PAGES) + 1))
        images = []
        for number in pages:
            image = render_pdf_page(pdf, number, dpi=DEFAULT_LIMITS.ocr_dpi, grayscale=True)
            images.append(folder / f"page-{number}.pnm")
            image.save(images[-1], "PPM")

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda image: _plain_tesseract(image, image.with_suffix("")), images))
        direct = time.perf_counter() - start

        start = time.perf_counter()
        results = list(ocr_pages(pdf, FileType.PDF, pages, languages=ocr_languages_for("SE")))
        ours = time.perf_counter() - start
        ocrmypdf = _ocrmypdf_seconds(pdf, folder, jobs=workers)
        analyse(demo_text(PROTOCOL))  # a worker's one-time start, see above
        repair_text(demo_text(PROTOCOL), "sv")
        start = time.perf_counter()
        read = read_file(pdf)
        analyse(read.text, tables=read.tables, pages=read.pages)
        whole = time.perf_counter() - start
        count = pdf_page_count(pdf)
    assert all(page.source == "ocr" and page.text for page in results)
    assert {page.language for page in read.pages} == {"sv"}, "the probe found the language"
    conditions = {"pages": len(pages), "workers": workers, "languages": "+".join(OCR_LANGUAGES)}
    bench.record("documents: OCR, Tesseract alone", direct, "s", **conditions)
    bench.record("documents: OCR, ocr_pages", ours, "s", **conditions)
    same = {"pages": count, "workers": workers, "languages": "ours: detected; ocrmypdf: swe"}
    bench.record(
        "documents: scanned PDF, OCR + repair + extraction", count / whole, "pages/s", **same
    )
    if ocrmypdf is not None:
        bench.record(
            f"documents: the same scanned PDF, ocrmypdf --jobs {workers}",
            count / ocrmypdf,
            "pages/s",
            target="ours >= ocrmypdf",
            **same,
        )
    bench.record(
        "documents: OCR overhead (ocr_pages / Tesseract)",
        ours / direct,
        "×",
        target="<= 1.2",
        **conditions,
    )


def _ocrmypdf_seconds(pdf: Path, folder: Path, *, jobs: int) -> float | None:
    """Seconds for ``ocrmypdf --jobs N`` on the same scanned PDF (the tool users would pick
    instead), or ``None`` when it is not installed (``make bench-env`` installs it)."""
    binary = shutil.which("ocrmypdf")
    if binary is None:
        return None
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - fixed argv, no shell
        [binary, "--jobs", str(jobs), "-l", "+".join(OCR_LANGUAGES), "--force-ocr",
         "--output-type", "pdf", "--optimize", "0", "--quiet", str(pdf), str(folder / "ocrmypdf.pdf")],
        capture_output=True,
        check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def bench_repair(bench) -> None:
    """Word error rate of the demo's scanned protocol read by OCR, against its own text, before
    and after repair; and the time to repair a page of about 2,000 words of that OCR text."""
    if shutil.which("tesseract") is None:
        return
    reference = demo_text(PROTOCOL).replace("\f", "\n")
    with tempfile.TemporaryDirectory() as folder:
        pdf = write_ragunda_protocol(Path(folder) / "scan.pdf")
        pages = list(ocr_pages(pdf, FileType.PDF, [1, 2], languages=OCR_LANGUAGES))
    raw = "\n\n".join(page.text for page in pages)
    repaired, repairs = repair_text(raw, "sv")
    bench.record(
        "documents: OCR of the demo's scanned protocol, WER before repair",
        word_error_rate(reference, raw) * 100,
        "%",
    )
    bench.record(
        "documents: OCR of the demo's scanned protocol, WER after repair",
        word_error_rate(reference, repaired) * 100,
        "%",
        repairs=len(repairs),
    )
    page = "\n".join([raw] * 8)
    words = len(page.split())
    milliseconds = bench.time_call(lambda: repair_text(page, "sv"), repeat=5)
    bench.record("documents: repair of a page", milliseconds, "ms", words=words)
