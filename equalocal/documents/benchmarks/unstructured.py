"""Text extraction side by side with `unstructured` (fast strategy), on the same PDFs, in one run.

`unstructured` lives in its own environment (`make bench-env`); its interpreter comes from
``UNSTRUCTURED_PYTHON``. Without it the comparison is skipped and says so.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings

FILES = 4
PAGES_PER_FILE = 5
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "bench" / "unstructured_fast.py"


def _make_pdfs(folder: Path) -> list[Path]:
    from equalocal.documents.demo_documents import write_protocols_pdf

    paths = []
    for n in range(FILES):
        path = folder / f"born-digital-{n}.pdf"
        write_protocols_pdf(path, pages=PAGES_PER_FILE)
        paths.append(path)
    return paths


def _ours(paths: list[Path]) -> tuple[float, int, int]:
    from equalocal.docmine.reading import read_text, sniff

    read_text(paths[0], sniff(paths[0].read_bytes()[:8192]))  # warm-up, like the other side
    started = time.perf_counter()
    chars = pages = 0
    for path in paths:
        result = read_text(path, sniff(path.read_bytes()[:8192]))
        pages += len(result.pages)
        chars += len(result.text)
    return time.perf_counter() - started, chars, pages


def bench_text_extraction_vs_unstructured(bench) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _make_pdfs(Path(tmp))
        seconds, chars, pages = _ours(paths)
        bench.record(
            "text extraction, equalocal (pypdfium2)", pages / seconds, "pages/s", chars=chars
        )
        python = os.environ.get("UNSTRUCTURED_PYTHON", "")
        if not python or not Path(python).exists():
            bench.record("text extraction, unstructured fast", 0, "skipped", reason="no bench-env")
            return
        completed = subprocess.run(  # noqa: S603 - our own script, our own interpreter
            [python, str(SCRIPT), *map(str, paths)], capture_output=True, text=True, check=False
        )
        lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
        if completed.returncode or not lines:
            bench.record(
                "text extraction, unstructured fast", 0, "failed", error=completed.stderr[-200:]
            )
            return
        theirs = json.loads(lines[-1])
        if not theirs["chars"]:
            bench.record("text extraction, unstructured fast", 0, "returned no text")
            return
        their_rate = pages / theirs["seconds"]
        bench.record(
            "text extraction, unstructured fast", their_rate, "pages/s", chars=theirs["chars"]
        )
        bench.record(
            "text extraction speed-up over unstructured", (pages / seconds) / their_rate, "×"
        )
