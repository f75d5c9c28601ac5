"""Real worker processes for tests: a database they share with the test, starting, waiting
and killing them, and looking at what they did.

On PostgreSQL the workers use the test database itself, so tests that use them are
transactional. On SQLite, whose test database lives in memory, they use a file database
copied from one migrated once per session. Either way the test reads the database with
plain SQL (:meth:`WorkerLab.rows`), as an outside observer.

Run as a script, this module sets up data for such tests in the workers' database:
``python -m tests.workers COMMAND ARGS``, printing one JSON line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "tests.worker_settings"


def _env(url: str, media: Path, extra: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": url,
        "EQUALOCAL_TEST_MEDIA": str(media),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A file SQLite database with every migration applied, made once per session."""
    path = tmp_path_factory.mktemp("workers") / "migrated.sqlite3"
    media = path.parent / "media"
    subprocess.run(
        [sys.executable, "-m", "equalocal", "migrate", "--no-input", "-v0"],
        env=_env(f"sqlite:///{path}", media, {}),
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    return path


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def pause(self) -> None:
        """SIGSTOP: freeze the worker where it stands, to look before deciding what to do."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when the machine or the OOM killer stops it."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


@dataclass
class WorkerLab:
    """The workers' database (``url``), media folder and environment, and their processes."""

    url: str
    vendor: str
    media: Path
    sqlite_path: Path | None
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return _env(self.url, self.media, self.extra_env)

    def script(self, *args: str, timeout: float = 300, wrapper: tuple = ()) -> dict:
        """Run ``python -m tests.workers ARGS`` against the workers' database; its JSON.

        ``wrapper`` is a command the script runs under (it ends with the Python to run).
        """
        done = subprocess.run(
            [*(wrapper or (sys.executable,)), "-m", "tests.workers", *args],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, name: str, *args: str) -> Worker:
        """Start ``equalocal worker`` (or ``equalocal ARGS`` when given) in its own session."""
        log = self.media.parent / f"{name}.log"
        command = args or ("worker", "--worker-id", name, "--interval", "0.2")
        with log.open("w") as handle:
            process = subprocess.Popen(
                [sys.executable, "-m", "equalocal", *command],
                env=self.env(),
                cwd=ROOT,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = Worker(name, process, log)
        self.workers.append(worker)
        return worker

    def wait_started(self, worker: Worker, timeout: float = 120) -> None:
        self.wait_for(lambda: "Starting worker" in worker.output(), timeout, worker=worker)

    def wait_for(self, condition, timeout: float, *, worker: Worker | None = None, every=0.05):
        deadline = time.monotonic() + timeout
        while not condition():
            for running in [worker] if worker else self.workers:
                if running.process.poll() is not None and running.process.returncode != -9:
                    pytest.fail(f"worker {running.name} ended:\n{running.output()[-3000:]}")
            assert time.monotonic() < deadline, "timed out:\n" + "\n".join(
                f"--- {w.name}\n{w.output()[-2000:]}" for w in self.workers
            )
            time.sleep(every)

    def writing(self, table: str | None = None) -> bool:
        """A worker's transaction has begun writing: it holds the write lock on SQLite; on
        PostgreSQL it has a transaction id (and its statement names ``table``, when given)."""
        if self.sqlite_path is not None:
            probe = sqlite3.connect(self.sqlite_path, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                probe.close()
        sql = (
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        if table is None:
            return bool(self.rows(sql))
        return bool(self.rows(sql + " AND query LIKE %s", (f"%{table}%",)))

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of ``sql`` (``%s`` placeholders), read outside any worker's transaction."""
        if self.sqlite_path is not None:
            with sqlite3.connect(self.sqlite_path, timeout=30) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def tasks(self, path_suffix: str) -> list[dict]:
        """The queue's rows of the tasks whose path ends with ``path_suffix``."""
        rows = self.rows(
            "SELECT status, worker_ids, args_kwargs, return_value, started_at, finished_at "
            "FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
            (f"%{path_suffix}",),
        )
        keys = ("status", "worker_ids", "args_kwargs", "return_value", "started_at", "finished_at")
        loaded = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            for key in ("worker_ids", "args_kwargs", "return_value"):
                if isinstance(item[key], str):
                    item[key] = json.loads(item[key])
            loaded.append(item)
        return loaded

    def files(self, folder: str) -> list[str]:
        root = self.media / folder
        if not root.exists():
            return []
        return sorted(str(p.relative_to(self.media)) for p in root.rglob("*") if p.is_file())

    def stop(self) -> None:
        for worker in self.workers:
            if worker.process.poll() is None:
                worker.kill()


@pytest.fixture
def worker_lab(request, tmp_path, transactional_db):
    """A database and media folder shared with real worker processes (see the module)."""
    from django.db import connection

    media = tmp_path / "media"
    media.mkdir()
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        lab = WorkerLab(url=url, vendor="postgresql", media=media, sqlite_path=None)
    else:
        path = tmp_path / "workers.sqlite3"
        shutil.copy(request.getfixturevalue("migrated_sqlite"), path)
        lab = WorkerLab(url=f"sqlite:///{path}", vendor="sqlite", media=media, sqlite_path=path)
    yield lab
    lab.stop()


# The script: data for the workers -------------------------------------------------------------


def _organisation(slug: str):
    from equalocal.organisations.models import Organisation

    return Organisation.objects.get_or_create(
        slug=slug,
        defaults={"kind": "municipality", "name": slug.title(), "country": "SE"},
    )[0]


def _reports(count: str) -> dict:
    from datetime import date

    from equalocal.accounts.models import User
    from equalocal.organisations.models import Membership, Role
    from equalocal.reports.services import report_create

    org = _organisation("ragunda")
    user = User.objects.create_user(email=f"strateg{User.objects.count()}@example.org")
    Membership.objects.create(user=user, organisation=org, role=Role.EDITOR)  # makes reports
    reports = [
        report_create(
            organisation=org,
            kind="follow_up",
            by=user,
            language="sv",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            title=f"Uppföljning {n}",
        ).pk
        for n in range(int(count))
    ]
    return {"reports": reports}


def _documents(count: str, folder: str) -> dict:
    from equalocal.documents.services import document_upload
    from equalocal.documents.tests.fixtures import make_born_digital_pdf

    org = _organisation("ragunda")
    documents = []
    for n in range(int(count)):
        path = make_born_digital_pdf(Path(folder) / f"protokoll-{n}.pdf", pages=n + 1)
        document, _created = document_upload(
            organisation=org, file=path, filename=path.name, by=None
        )
        documents.append(document.pk)
    return {"documents": documents}


def _enqueue(task_path: str, times: str) -> dict:
    from django.utils.module_loading import import_string

    task = import_string(task_path)
    return {"queued": [str(task.enqueue().id) for _ in range(int(times))]}


def _kolada(organisations: str, folder: str) -> dict:
    from equalocal.indicators.benchmarks import write_kolada_file
    from equalocal.indicators.models import Indicator, Source
    from equalocal.organisations.models import Organisation

    codes = [f"{7000 + n}" for n in range(int(organisations))]
    Organisation.objects.bulk_create(
        Organisation(
            slug=f"kommun-{code}",
            name=f"Kommun {code}",
            kind="municipality",
            country="SE",
            official_code=code,
        )
        for code in codes
    )
    kpis = [f"B{n:05d}" for n in range(10)]
    Indicator.objects.bulk_create(
        Indicator(code=kpi, title_en=f"KPI {kpi}", source=Source.KOLADA) for kpi in kpis
    )
    path = Path(folder) / "kolada.json"
    rows = write_kolada_file(path, codes=codes, kpis=kpis)
    return {"file": str(path), "rows": rows}


def _imports(organisations: str, folder: str) -> dict:
    """A Kolada file as :func:`_kolada` makes, previewed through the import service and
    confirmed: queued for a worker."""
    from django.core.files import File

    from equalocal.accounts.models import User
    from equalocal.indicators.services import import_confirm, import_preview

    kolada = _kolada(organisations, folder)
    user = User.objects.create_user(email="importer@example.org")
    with open(kolada["file"], "rb") as handle:
        preview = import_preview(
            organisation=None, upload=File(handle), filename="kolada.json", by=user
        )
    batch = import_confirm(batch=preview, by=user)
    return {"batch": batch.pk, "rows": kolada["rows"], "file": batch.file.name}


def _organisations(*slugs: str) -> dict:
    return {"organisations": [_organisation(slug).pk for slug in slugs]}


def _full_disk(folder: str) -> dict:
    """Upload through the real pages while ``MEDIA_ROOT`` is a nearly full filesystem: a
    document, an indicator file, then a small document that fits in what is left."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from equalocal.accounts.models import User
    from equalocal.documents.models import Document, StoredFile
    from equalocal.indicators.models import ImportBatch
    from equalocal.organisations.models import Membership

    org = _organisation("ragunda")
    user = User.objects.create_user(email="editor@example.org")
    Membership.objects.create(user=user, organisation=org, role="editor")
    client = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="localhost")
    client.force_login(user)
    line = "Kommunstyrelsen beslutar att anta handlingsplanen för jämställdhet.\n"
    big, figures, small = (Path(folder) / name for name in ("big.txt", "big.csv", "small.txt"))
    big.write_text(line * 20_000)
    figures.write_text(
        "indicator,organisation,period,gender,value\n" + "N1,2480,2024,T,1\n" * 60_000
    )
    small.write_text(line * 20)

    def files():
        root = Path(settings.MEDIA_ROOT)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    def counts():
        return [Document.objects.count(), StoredFile.objects.count(), ImportBatch.objects.count()]

    documents = reverse("documents:upload", kwargs={"org": org.slug})
    with big.open("rb") as handle:
        document = client.post(documents, {"files": handle})
    with figures.open("rb") as handle:
        imported = client.post(
            reverse("indicators:import", kwargs={"org": org.slug}), {"file": handle}
        )
    after_failures = {"counts": counts(), "files": files()}
    with small.open("rb") as handle:
        fitting = client.post(documents, {"files": handle})
    return {
        "document": [document.status_code, document.content.decode()],
        "import": [imported.status_code, imported.content.decode()],
        "after_failures": after_failures,
        "fitting": fitting.status_code,
        "after_fitting": {"counts": counts(), "files": files()},
    }


COMMANDS = {
    "full-disk": _full_disk,
    "organisations": _organisations,
    "reports": _reports,
    "documents": _documents,
    "enqueue": _enqueue,
    "kolada": _kolada,
    "imports": _imports,
}


def _main(command: str, *args: str) -> None:
    import django

    django.setup()
    print(json.dumps(COMMANDS[command](*args)))


if __name__ == "__main__":
    _main(*sys.argv[1:])
