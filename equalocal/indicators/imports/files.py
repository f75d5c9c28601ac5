"""Importing a file or fetched rows end to end: recognise the format, preview, import."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError

from ..models import (
    ImportBatch,
    Source,
)
from .engine import Progress, SaveBatch, counted, import_rows, preview_rows, save_batch
from .kolada_json import iter_kolada_values, kolada_rows, kpi_metadata_import
from .tables import read_csv, read_xlsx

# Files ----------------------------------------------------------------------------------------


def _sniff(fileobj) -> str:
    head = fileobj.read(8)
    fileobj.seek(0)
    if isinstance(head, str):
        head = head.encode()
    if head.startswith(b"PK"):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return "csv"


def _batch(batch: ImportBatch | None, *, source, file_name, organisation, by) -> ImportBatch:
    """The batch to record the import in: a new one, or the given (confirmed) one."""
    if batch is None:
        return ImportBatch(
            source=source, file_name=file_name[:255], organisation=organisation, by=by
        )
    batch.source = source
    return batch


def import_source_rows(
    *,
    rows: Iterable[tuple],
    source: str,
    file_name: str = "",
    by=None,
    organisation=None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
    save: SaveBatch = save_batch,
) -> ImportBatch:
    """Preview and import source rows; a file that cannot be read gives a failed batch."""
    batch = _batch(batch, source=source, file_name=file_name, organisation=organisation, by=by)
    try:
        preview = preview_rows(counted(rows, progress), source=source, organisation=organisation)
    except ApplicationError as error:
        return _failed(batch, error, dry_run=dry_run, save=save)
    return import_rows(preview, batch=batch, dry_run=dry_run, progress=progress, save=save)


def _failed(
    batch: ImportBatch, error: ApplicationError, *, dry_run: bool, save: SaveBatch = save_batch
) -> ImportBatch:
    batch.status = ImportBatch.Status.FAILED
    batch.message = error.message
    batch.errors = error.extra.get("errors") or [
        {"row": None, "column": "", "message": error.message}
    ]
    batch.rows_rejected = 0
    if not dry_run:
        save(batch)
    return batch


def import_file(
    *,
    path_or_file,
    source: str | None = None,
    by=None,
    organisation=None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
    save: SaveBatch = save_batch,
) -> ImportBatch:
    """Import a Kolada JSON response, a CSV or an XLSX file; return its :class:`ImportBatch`.

    The format is recognised from the content. A Kolada ``/v3/kpi`` response creates or
    updates the indicators instead. With ``dry_run`` nothing is saved, not even the
    batch, whose counts then tell what the import would do. A file that cannot be
    read at all gives a batch with status ``failed`` and the reason in ``message``
    and ``errors``; row errors leave those rows out and list them in ``errors``.

    A confirmed preview passes its own ``batch`` to record the import in, a ``progress``
    to hear how far it is, and a ``save`` that records the finished batch (see
    :func:`~equalocal.indicators.imports.engine.import_rows`).
    """
    options = {
        "by": by,
        "organisation": organisation,
        "dry_run": dry_run,
        "batch": batch,
        "progress": progress,
        "save": save,
    }
    if isinstance(path_or_file, str | Path):
        with open(path_or_file, "rb") as fileobj:
            return _import_open_file(fileobj, Path(path_or_file).name, source, **options)
    name = Path(getattr(path_or_file, "name", "") or "").name
    return _import_open_file(path_or_file, name, source, **options)


def _import_open_file(
    fileobj, name, source, *, by, organisation, dry_run, batch, progress, save
) -> ImportBatch:
    kind = _sniff(fileobj)
    if kind == "json":
        source = source or Source.KOLADA
        items = iter_kolada_values(fileobj)
        batch = _batch(batch, source=source, file_name=name, organisation=organisation, by=by)
        try:
            first = next(items, None)
        except ApplicationError as error:
            return _failed(batch, error, dry_run=dry_run, save=save)
        if isinstance(first, dict) and "kpi" not in first and "id" in first:
            return _import_kpis(batch, first, items, by=by, dry_run=dry_run, save=save)
        rows = kolada_rows(_chain(first, items))
    else:
        source = source or Source.FILE
        reader = read_xlsx if kind == "xlsx" else read_csv
        try:
            rows = reader(fileobj)
        except ApplicationError as error:
            batch = _batch(batch, source=source, file_name=name, organisation=organisation, by=by)
            return _failed(batch, error, dry_run=dry_run, save=save)
    return import_source_rows(
        rows=rows,
        source=source,
        file_name=name,
        by=by,
        organisation=organisation,
        dry_run=dry_run,
        batch=batch,
        progress=progress,
        save=save,
    )


def _chain(first, rest):
    if first is not None:
        yield first
    yield from rest


def _import_kpis(batch, first, items, *, by, dry_run, save: SaveBatch = save_batch) -> ImportBatch:
    try:
        kpis = list(_chain(first, items))
    except ApplicationError as error:
        return _failed(batch, error, dry_run=dry_run, save=save)
    batch.rows_read = len(kpis)
    with transaction.atomic():
        created, updated, unchanged = kpi_metadata_import(kpis, by=by)
        batch.rows_created, batch.rows_updated, batch.rows_unchanged = created, updated, unchanged
        batch.status = ImportBatch.Status.PREVIEW if dry_run else ImportBatch.Status.DONE
        batch.message = _("%(read)s indicators read: %(created)s added, %(updated)s changed.") % {
            "read": len(kpis),
            "created": created,
            "updated": updated,
        }
        if dry_run:
            transaction.set_rollback(True)
        else:
            save(batch)
    return batch
