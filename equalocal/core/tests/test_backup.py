"""Backup and restore: the database and the stored files in one archive, back into an empty
instance on the same database, and across databases (SQLite → PostgreSQL and back)."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from equalocal.core.backup import MANIFEST, BackupError, backup, read_manifest, restore
from tests.personas import build_personas

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
PG_ADMIN_URL = os.environ.get(
    "BACKUP_TEST_PG_URL", "postgresql://postgres:postgres@127.0.0.1:5432/postgres"
)


def row_counts(labels) -> dict[str, int]:
    return {label: apps.get_model(label)._base_manager.count() for label in labels}


def all_file_hashes() -> dict[str, str]:
    """The files of every file-system storage (private files, public logos), by storage."""
    from equalocal.core.backup import _file_storages

    return {
        f"{alias}/{name}": digest
        for alias, root in _file_storages().items()
        for name, digest in file_hashes(root).items()
    }


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def data():
    """The personas' organisations, plans, network, indicators and a stored PDF, plus a file
    with a name to escape in the archive. Transactional tests empty the database, so the
    Charter texts the migrations load are loaded again."""
    from equalocal.charters.reference import load_reference

    load_reference(apps)
    build_personas()
    default_storage.save("private/notes/ärende 1.txt", ContentFile(b"Protokoll"))


def test_round_trip_into_an_empty_instance_keeps_every_row_and_file(data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    lines = []
    manifest = backup(archive, progress=lines.append)
    before_rows = row_counts(manifest["rows"])
    before_files = all_file_hashes()
    assert before_rows["organisations.organisation"] >= 4
    assert before_rows["plans.activity"] >= 1
    assert manifest["files"] == len(before_files) >= 2
    assert manifest["database"] == connection.vendor
    assert manifest["schema"]["plans"].startswith("00")
    assert any(line.startswith("Files:") for line in lines)

    call_command("flush", interactive=False, verbosity=0)
    for root in (Path(settings.MEDIA_ROOT), Path(settings.PUBLIC_MEDIA_ROOT)):
        for path in root.rglob("*"):
            if path.is_file():
                path.unlink()
    assert row_counts(["organisations.organisation"]) == {"organisations.organisation": 0}

    report = restore(archive, progress=lines.append)

    assert row_counts(manifest["rows"]) == before_rows
    assert report.rows == before_rows
    assert all_file_hashes() == before_files
    assert report.files == len(before_files)


def test_restore_refuses_an_instance_that_holds_data(data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_restore_refuses_a_newer_schema(data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    newer = rewrite_manifest(
        archive, tmp_path / "newer.tar.gz", lambda m: m["schema"].update(plans="9999_future")
    )
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(BackupError, match=r"newer version of equalocal.*9999_future"):
        restore(newer)


def test_restore_refuses_a_damaged_archive_and_writes_nothing(data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    changed = rewrite_manifest(
        archive,
        tmp_path / "changed.tar.gz",
        lambda m: m["checksums"].update({"data.jsonl": "0" * 64}),
    )
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(BackupError, match=r"data\.jsonl does not match its checksum"):
        restore(changed)
    with pytest.raises(BackupError, match="damaged"):
        restore(truncated)
    with pytest.raises(BackupError, match="no file"):
        restore(tmp_path / "missing.tar.gz")
    assert row_counts(["organisations.organisation"]) == {"organisations.organisation": 0}


def test_backup_command_reports_rows_and_files(data, tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path / "b.tar.gz"), stdout=out)
    assert "Backup written to" in out.getvalue()
    with tarfile.open(tmp_path / "b.tar.gz") as archive:
        manifest = read_manifest(archive)
        names = archive.getnames()
    assert "data.jsonl" in names
    assert any(name.endswith("ärende 1.txt") for name in names)
    assert set(manifest["checksums"]) == set(names) - {MANIFEST}


def rewrite_manifest(source: Path, target: Path, change) -> Path:
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            content = old.extractfile(member).read()
            if member.name == MANIFEST:
                manifest = json.loads(content)
                change(manifest)
                content = json.dumps(manifest).encode()
                member.size = len(content)
            new.addfile(member, io.BytesIO(content))
    return target


# Across databases: the archive made here is restored by the `equalocal` command into a new
# database of the other kind (SQLite → PostgreSQL when the suite runs on SQLite, PostgreSQL →
# SQLite when it runs on PostgreSQL), in a process of its own, and compared.


def _other_database(tmp_path) -> tuple[str, callable]:
    if connection.vendor == "sqlite":
        name = f"equalocal_restore_{os.getpid()}"
        try:
            admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as error:
            pytest.fail(
                f"The SQLite → PostgreSQL restore test needs PostgreSQL at {PG_ADMIN_URL} "
                f"(set BACKUP_TEST_PG_URL): {error}"
            )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

        def drop():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", drop
    return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None


def test_restore_into_the_other_database(data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    manifest = backup(archive)
    before_files = all_file_hashes()
    url, drop = _other_database(tmp_path)
    media = tmp_path / "restored-media"
    public = tmp_path / "restored-public-media"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "PUBLIC_MEDIA_ROOT": str(public),
        "EQUALOCAL_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "equalocal.config.settings.local",
    }
    command = [sys.executable, "-m", "equalocal"]
    try:
        result = subprocess.run(
            [*command, "restore", str(archive)], env=env, capture_output=True, text=True, cwd=ROOT
        )
        assert result.returncode == 0, result.stderr
        assert "Restored" in result.stdout
        counts = subprocess.run(
            [
                *command,
                "shell",
                "-c",
                "import json; from django.apps import apps; "
                f"print(json.dumps({{l: apps.get_model(l)._base_manager.count() "
                f"for l in {sorted(manifest['rows'])!r}}}))",
            ],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert counts.returncode == 0, counts.stderr
        restored = json.loads(counts.stdout.strip().splitlines()[-1])
    finally:
        drop()
    assert restored == manifest["rows"]
    restored_files = {f"default/{n}": d for n, d in file_hashes(media).items()}
    restored_files |= {f"public/{n}": d for n, d in file_hashes(public).items()}
    assert restored_files == before_files
