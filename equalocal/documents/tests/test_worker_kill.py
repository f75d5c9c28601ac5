"""A worker killed mid-document: the next one resumes it, and no OCR'd page is done twice.

The worker runs in a subprocess on a file SQLite database of its own (the test database is
in memory), and is killed with SIGKILL once some pages are OCR'd. Run as a script, this
module is that worker: ``python -m equalocal.documents.tests.test_worker_kill DB MEDIA CMD``.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import fixtures

ROOT = Path(__file__).resolve().parents[3]
TEXT = "\n\n".join(
    f"Sida {n}. Kommunstyrelsen beslutar att anta handlingsplanen för jämställdhet. "
    "Arbetet följs upp varje år av kommunens jämställdhetsstrateg och redovisas i "
    "kommunfullmäktige tillsammans med årsredovisningen. " * 6
    for n in range(1, 8)
)


def _run(db: Path, media: Path, *args: str, stale_minutes: int = 10, **popen):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "equalocal.config.settings.test",
        "DATABASE_URL": f"sqlite:///{db}",
        "DOCUMENTS_STALE_AFTER_MINUTES": str(stale_minutes),
    }
    command = [sys.executable, "-m", "equalocal.documents.tests.test_worker_kill"]
    return subprocess.Popen([*command, str(db), str(media), *args], env=env, cwd=ROOT, **popen)


def _pages(db: Path) -> dict[int, str]:
    with sqlite3.connect(db, timeout=20) as connection:
        return dict(connection.execute("SELECT number, source FROM documents_page"))


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_killed_worker_leaves_the_document_resumable(tmp_path):
    db, media, log = tmp_path / "worker.sqlite3", tmp_path / "media", tmp_path / "ocr.log"
    pdf = fixtures.make_scanned_003_pdf(tmp_path / "scan.pdf", text=TEXT, dpi=150)
    setup = _run(db, media, "setup", str(pdf), stdout=subprocess.PIPE)
    out, _ = setup.communicate(timeout=300)
    assert setup.returncode == 0
    document_id = json.loads(out.decode().strip().splitlines()[-1])["document"]

    worker = _run(db, media, "process", str(document_id), str(log), start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            done = [n for n, source in _pages(db).items() if source == "ocr"] if db.exists() else []
            if done:
                break
            assert worker.poll() is None, "the worker ended before it could be killed"
            time.sleep(0.1)
        os.killpg(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    before = _pages(db)
    saved = {n for n, source in before.items() if source == "ocr"}
    total = len(before)
    assert 0 < len(saved) < total, "the worker was not killed mid-document"

    # Its heartbeat is fresh: another worker must leave the document alone for now.
    _run(db, media, "process", str(document_id), str(log)).wait(timeout=120)
    assert _pages(db) == before

    # Once the heartbeat is stale, the next worker takes over and finishes.
    resumed = _run(db, media, "process", str(document_id), str(log), stale_minutes=0)
    assert resumed.wait(timeout=300) == 0
    after = _pages(db)
    assert set(after) == set(before)
    assert all(source == "ocr" for source in after.values())
    with sqlite3.connect(db) as connection:
        stage, ocr_count = connection.execute(
            "SELECT stage, ocr_page_count FROM documents_document WHERE id = ?", [document_id]
        ).fetchone()
    assert stage == "review"
    assert ocr_count == total
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    # The resumed run asked OCR only for the pages the killed one had not saved.
    assert set(runs[-1]) == set(before) - saved
    assert not saved & set(runs[-1])


def _main(db: str, media: str, command: str, *args: str) -> None:
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = media
    from django.core.management import call_command

    if command == "setup":
        from equalocal.documents.services import document_upload, upload
        from equalocal.organisations.models import Organisation

        call_command("migrate", verbosity=0)
        upload._enqueue = lambda document_id: None  # queued only: the test starts the worker
        org = Organisation.objects.create(
            kind="municipality", name="Ragunda", slug="ragunda", country="SE"
        )
        document, _ = document_upload(
            organisation=org, file=Path(args[0]), filename="scan.pdf", by=None
        )
        print(json.dumps({"document": document.pk}))
        return

    from equalocal.docmine import reading
    from equalocal.documents.services import document_process

    original = reading.ocr_pages

    def logged(path, file_type, page_numbers, **kwargs):
        with open(args[1], "a") as log:
            log.write(json.dumps(list(page_numbers)) + "\n")
        return original(path, file_type, page_numbers, **kwargs)

    reading.ocr_pages = logged
    document_process(document_id=int(args[0]))


if __name__ == "__main__":
    _main(*sys.argv[1:])
