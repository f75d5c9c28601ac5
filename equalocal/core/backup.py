"""Backup and restore: the database as a logical dump and the stored files, in one archive.

The archive is a gzip-compressed tar file:

- ``data.jsonl``: every row of every model (Django's JSON-lines serialisation with natural
  keys for content types and permissions), so it loads into SQLite or PostgreSQL alike;
- ``files/<storage>/<path>``: the files of each file-system storage (private files, public
  logos);
- ``manifest.json``: format, time, the schema version (the last migration of each app), the
  number of rows per model and a SHA-256 checksum of every member.

A restore goes into an empty instance only. It refuses an archive from a newer schema and a
damaged one (unreadable, a member missing or changed), loads the rows in one transaction and
then the files, reporting progress as it goes.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "equalocal-backup/1"
DATA = "data.jsonl"
MANIFEST = "manifest.json"
FILES = "files"
# Rows that are rebuilt by migrations or are transient: not part of an organisation's data.
SKIPPED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "django_tasks_database.dbtaskresult",
}
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on, with a message for the person running it."""


@dataclass
class RestoreReport:
    rows: dict[str, int]
    files: int


def _quiet(message: str) -> None:
    pass


def _models() -> list:
    chosen = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED_MODELS or model._meta.proxy or not model._meta.managed:
            continue
        chosen.append(model)
    return chosen


def _file_storages() -> dict[str, Path]:
    """The file-system storages that hold uploaded or generated files, by alias."""
    found = {}
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue
        location = getattr(storages[alias], "location", None)
        if location:
            found[alias] = Path(location)
    return found


def _stored_files(root: Path) -> Iterator[Path]:
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def schema_version() -> dict[str, str]:
    """The last applied migration of each app."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app not in latest or name > latest[app]:
            latest[app] = name
    return dict(sorted(latest.items()))


def backup(output: Path, *, progress: Progress = _quiet) -> dict:
    """Write the archive to ``output`` and return its manifest."""
    models = _models()
    counts: dict[str, int] = {}
    checksums: dict[str, str] = {}
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="equalocal-backup-") as work:
        data_path = Path(work) / DATA
        with data_path.open("w", encoding="utf-8") as stream:
            for number, model in enumerate(models, start=1):
                rows = model._base_manager.order_by("pk")
                counts[model._meta.label_lower] = rows.count()
                serializers.serialize(
                    "jsonl",
                    rows.iterator(chunk_size=2000),
                    stream=stream,
                    use_natural_foreign_keys=True,
                )
                progress(
                    _("Rows: %(done)d of %(total)d tables (%(model)s)")
                    % {"done": number, "total": len(models), "model": model._meta.label}
                )
        checksums[DATA] = _sha256_file(data_path)
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data_path, arcname=DATA)
            file_list = [
                (alias, root, path)
                for alias, root in _file_storages().items()
                for path in _stored_files(root)
            ]
            for number, (alias, root, path) in enumerate(file_list, start=1):
                name = f"{FILES}/{alias}/{path.relative_to(root).as_posix()}"
                checksums[name] = _sha256_file(path)
                archive.add(path, arcname=name, recursive=False)
                if number % 50 == 0 or number == len(file_list):
                    progress(
                        _("Files: %(done)d of %(total)d")
                        % {"done": number, "total": len(file_list)}
                    )
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "schema": schema_version(),
                "rows": counts,
                "files": len(file_list),
                "checksums": checksums,
            }
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(encoded))
    partial.replace(output)
    return manifest


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:gz")
    except FileNotFoundError:
        raise BackupError(_("There is no file %(path)s.") % {"path": path}) from None
    except (tarfile.TarError, OSError, EOFError):
        raise BackupError(
            _("%(path)s is damaged or is not an equalocal backup.") % {"path": path}
        ) from None


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.loads(archive.extractfile(member).read())
    except (KeyError, ValueError, tarfile.TarError, OSError, EOFError):
        raise BackupError(
            _("The archive has no readable manifest: it is damaged or not an equalocal backup.")
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("The archive's format %(format)s is not one this version can read.")
            % {"format": manifest.get("format")}
        )
    return manifest


def check_schema(manifest: dict) -> None:
    """Refuse an archive made by a newer version: one with a migration unknown here."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    for app, name in manifest.get("schema", {}).items():
        if (app, name) not in known:
            raise BackupError(
                _(
                    "The archive was made by a newer version of equalocal (migration %(name)s "
                    "of %(app)s is unknown here). Upgrade equalocal, then restore."
                )
                % {"name": name, "app": app}
            )


def _safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 3:
        raise BackupError(_("The archive holds an unsafe path: %(name)s.") % {"name": name})
    return path


def _instance_is_empty() -> bool:
    from django.contrib.auth import get_user_model

    if get_user_model()._base_manager.exists():
        return False
    try:
        organisation = apps.get_model("organisations", "Organisation")
    except LookupError:
        return True
    return not organisation._base_manager.exists()


def restore(path: Path, *, progress: Progress = _quiet) -> RestoreReport:
    """Bring an archive back into an empty instance (the database is migrated first)."""
    with _open(path) as archive:
        manifest = read_manifest(archive)
        check_schema(manifest)
        checksums = manifest.get("checksums", {})
        names = set(archive.getnames())
        missing = sorted(set(checksums) - names)
        if missing:
            raise BackupError(
                _("The archive is damaged: %(name)s is missing.") % {"name": missing[0]}
            )
        call_command("migrate", interactive=False, verbosity=0)
        if not _instance_is_empty():
            raise BackupError(
                _(
                    "This instance already holds data. Restore into an empty database "
                    "(a new DATABASE_URL, or remove var/equalocal.sqlite3 first)."
                )
            )
        storages_by_alias = _file_storages()
        with tempfile.TemporaryDirectory(prefix="equalocal-restore-") as work:
            progress(_("Checking the archive…"))
            # Every member is checked against its checksum before anything is written.
            for member in archive.getmembers():
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or member.name not in checksums:
                    raise BackupError(
                        _("The archive is damaged: %(name)s is not in its manifest.")
                        % {"name": member.name}
                    )
                if member.name != DATA:
                    alias = _safe_member_path(member.name).parts[1]
                    if alias not in storages_by_alias:
                        raise BackupError(
                            _("The archive holds files for an unknown storage %(alias)s.")
                            % {"alias": alias}
                        )
                target = Path(work) / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                try:
                    source = archive.extractfile(member)
                    with target.open("wb") as handle:
                        while chunk := source.read(CHUNK):
                            digest.update(chunk)
                            handle.write(chunk)
                except (tarfile.TarError, OSError, EOFError):
                    raise BackupError(
                        _("The archive is damaged: %(name)s cannot be read.")
                        % {"name": member.name}
                    ) from None
                if digest.hexdigest() != checksums[member.name]:
                    raise BackupError(
                        _("The archive is damaged: %(name)s does not match its checksum.")
                        % {"name": member.name}
                    )
            progress(_("Loading %(count)d rows…") % {"count": sum(manifest["rows"].values())})
            # loaddata runs in one transaction and resets PostgreSQL's sequences. The history
            # rows come from the archive: none are added for the many-to-many links it sets.
            history = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
            settings.SIMPLE_HISTORY_ENABLED = False
            try:
                with transaction.atomic():
                    # What the migrations loaded (the Charter texts) comes from the archive
                    # too, with the archive's keys: it is replaced, in the same transaction.
                    _empty_tables(manifest["rows"])
                    call_command(
                        "loaddata", str(Path(work) / DATA), ignorenonexistent=True, verbosity=0
                    )
            finally:
                settings.SIMPLE_HISTORY_ENABLED = history
            rows = {
                label: apps.get_model(label)._base_manager.count()
                for label in manifest["rows"]
                if _model_exists(label)
            }
            files = 0
            file_root = Path(work) / FILES
            for alias, root in storages_by_alias.items():
                for source in _stored_files(file_root / alias):
                    destination = root / source.relative_to(file_root / alias)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, destination)
                    files += 1
                    if files % 50 == 0 or files == manifest["files"]:
                        progress(
                            _("Files: %(done)d of %(total)d")
                            % {"done": files, "total": manifest["files"]}
                        )
    return RestoreReport(rows=rows, files=files)


def _empty_tables(labels) -> None:
    existing = set(connection.introspection.table_names())
    tables = set()
    for label in labels:
        if not _model_exists(label):
            continue
        model = apps.get_model(label)
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.add(through._meta.db_table)
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables & existing), reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


def _model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True
