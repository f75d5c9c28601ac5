"""Benchmarks of the readers: born-digital text speed, OCR overhead over Tesseract, repair."""

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
from equalocal.docmine.reading.ocr import ocr_pages
from equalocal.docmine.reading.pdf import pdf_page_count, render_pdf_page
from equalocal.docmine.text.repair import repair_text
from equalocal.docmine.text.wer import word_error_rate
from equalocal.docmine.types import FileType

from ..tests import fixtures

__all__ = ["bench_ocr_overhead", "bench_reading_born_digital", "bench_repair"]

REFERENCE = Path(__file__).resolve().parents[2] / "docmine" / "tests" / "data" / "003_reference.txt"
OCR_LANGUAGES = ["swe", "eng"]


def bench_reading_born_digital(bench) -> None:
    """Pages per second of ``read_text`` on a 200-page born-digital PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = fixtures.make_born_digital_pdf(Path(folder) / "born-digital.pdf", pages=200)
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

    Both sides run one single-threaded Tesseract per page, ``os.cpu_count()`` at a time.
    The direct run starts from images rendered beforehand, so the ratio includes our
    rendering, the TSV for confidences and the bookkeeping.
    """
    if shutil.which("tesseract") is None or not fixtures.seeds_dir().is_dir():
        return
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        text = fixtures.sample_text("003")
        pdf = fixtures.make_scanned_003_pdf(folder / "scan.pdf", text="\n".join([text] * 3))
        pages = list(range(1, min(pdf_page_count(pdf), 6) + 1))
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
        results = list(ocr_pages(pdf, FileType.PDF, pages, languages=OCR_LANGUAGES))
        ours = time.perf_counter() - start
        ocrmypdf = _ocrmypdf_seconds(pdf, folder, jobs=workers)
        start = time.perf_counter()
        read = read_file(pdf, languages=OCR_LANGUAGES)
        analyse(read.text, tables=read.tables, pages=read.pages)
        whole = time.perf_counter() - start
        count = pdf_page_count(pdf)
    assert all(page.source == "ocr" and page.text for page in results)
    conditions = {"pages": len(pages), "workers": workers, "languages": "+".join(OCR_LANGUAGES)}
    bench.record("documents: OCR, Tesseract alone", direct, "s", **conditions)
    bench.record("documents: OCR, ocr_pages", ours, "s", **conditions)
    same = {"pages": count, "workers": workers, "languages": "+".join(OCR_LANGUAGES)}
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
    """Word error rate of sample 003 against the hand-made reference, before and after repair."""
    if not fixtures.seeds_dir().is_dir():
        return
    raw = fixtures.sample_text("003")
    reference = REFERENCE.read_text("utf-8")
    repaired, repairs = repair_text(raw, "sv")
    bench.record(
        "documents: sample 003 WER before repair", word_error_rate(reference, raw) * 100, "%"
    )
    bench.record(
        "documents: sample 003 WER after repair",
        word_error_rate(reference, repaired) * 100,
        "%",
        repairs=len(repairs),
    )
    page = "\n".join([raw] * 7)
    words = len(page.split())
    milliseconds = bench.time_call(lambda: repair_text(page, "sv"), repeat=5)
    bench.record("documents: repair of a page", milliseconds, "ms", words=words)

    if shutil.which("tesseract") is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        pdf = fixtures.make_scanned_003_pdf(Path(folder) / "scan.pdf")
        pages = list(ocr_pages(pdf, FileType.PDF, [1, 2], languages=OCR_LANGUAGES))
    ocr_text = "\n\n".join(page.text for page in pages)
    repaired = "\n\n".join(repair_text(page.text, "sv")[0] for page in pages)
    bench.record(
        "documents: OCR of scanned 003, WER before repair",
        word_error_rate(reference, ocr_text) * 100,
        "%",
    )
    bench.record(
        "documents: OCR of scanned 003, WER after repair",
        word_error_rate(reference, repaired) * 100,
        "%",
    )
