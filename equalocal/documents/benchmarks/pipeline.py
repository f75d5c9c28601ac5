"""Benchmark: born-digital PDFs through the whole pipeline (read, language, analyse, index)."""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

__all__ = ["bench_pipeline_born_digital"]

DOCUMENTS = 20
PAGES = 10


def bench_pipeline_born_digital(bench) -> None:
    """Pages per second of ``document_process`` on 20 born-digital PDFs of 10 pages each."""
    from django.core.files.base import ContentFile

    from equalocal.organisations.models import Organisation

    from ..demo_documents import write_protocols_pdf
    from ..models import Document, Stage, StoredFile
    from ..services import document_process

    organisation = Organisation.objects.create(
        kind="municipality", name="Bench kommun", slug="bench-pipeline", country="SE"
    )
    ids = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(DOCUMENTS + 1):
            path = write_protocols_pdf(Path(folder) / f"doc-{n}.pdf", pages=PAGES)
            # Different bytes per document, so none is a duplicate of another.
            content = path.read_bytes() + f"\n% bench {n}\n".encode()
            sha = hashlib.sha256(content).hexdigest()
            stored = StoredFile(sha256=sha, size=len(content), file_type="pdf")
            stored.file.save(sha, ContentFile(content), save=True)
            ids.append(
                Document.objects.create(
                    organisation=organisation,
                    stored_file=stored,
                    title=f"Bench {n}",
                    original_filename=f"doc-{n}.pdf",
                ).pk
            )
        raw = _raw_pypdfium2_pages_per_second(
            [Path(folder) / f"doc-{n}.pdf" for n in range(DOCUMENTS)]
        )
    # The first run loads the language and extraction models once, as a worker does at start.
    document_process(document_id=ids.pop())
    start = time.perf_counter()
    for document_id in ids:
        document_process(document_id=document_id)
    seconds = time.perf_counter() - start
    stages = set(Document.objects.filter(pk__in=ids).values_list("stage", flat=True))
    assert stages == {Stage.REVIEW} or stages <= {Stage.REVIEW, Stage.REVIEWED}, stages
    pages = DOCUMENTS * PAGES
    bench.record(
        "documents: born-digital PDFs through the whole pipeline",
        pages / seconds,
        "pages/s",
        documents=DOCUMENTS,
        pages=pages,
        target=">= 160",
    )
    bench.record(
        "documents: the same PDFs, raw pypdfium2 text (same run)",
        raw,
        "pages/s",
        documents=DOCUMENTS,
        pages=pages,
    )
    bench.record("documents: pipeline / raw pypdfium2", pages / seconds / raw, "×", pages=pages)


def _raw_pypdfium2_pages_per_second(paths: list[Path]) -> float:
    """Text of every page with pypdfium2 alone: the floor under any PDF pipeline."""
    import pypdfium2

    start = time.perf_counter()
    count = 0
    for path in paths:
        pdf = pypdfium2.PdfDocument(path)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            count += 1
        pdf.close()
    return count / (time.perf_counter() - start)
