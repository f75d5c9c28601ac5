"""Imports of figures from files: a private preview first, then one transaction in the worker."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from equalocal.core.errors import ApplicationError
from equalocal.core.uploads import delete_private, removed_on_failure, store_private

from .. import imports
from ..models import FigureProposal, ImportBatch

logger = logging.getLogger(__name__)

IMPORTS_FOLDER = "imports"
PREVIEW_KEPT_FOR = timedelta(days=1)


def import_preview(*, organisation, upload, filename: str, by) -> ImportBatch:
    """Keep an uploaded file privately and preview it: what would be added, changed, refused.

    Nothing is imported; the batch (status *previewed*) keeps the file until it is
    confirmed with :func:`import_confirm` or, unconfirmed, removed after a day.
    """
    name = store_private(
        upload, folder=IMPORTS_FOLDER, filename=filename, limit=settings.IMPORTS_MAX_UPLOAD_BYTES
    )
    with removed_on_failure(name), transaction.atomic():
        with default_storage.open(name, "rb") as handle:
            batch = imports.import_file(
                path_or_file=handle, by=by, organisation=organisation, dry_run=True
            )
        batch.file_name = PurePath(filename or "").name[:255]
        if batch.status != ImportBatch.Status.FAILED:
            batch.file.name = name
        batch.save()
    if batch.status == ImportBatch.Status.FAILED:
        # Nothing to confirm: the reason is on the batch, the file is not kept.
        delete_private(name)
    return batch


EXPIRED = _lazy("This upload has expired. Please upload the file again.")


def _enqueue(batch: ImportBatch) -> None:
    from ..tasks import run_import

    batch_id = batch.pk
    transaction.on_commit(lambda: run_import.enqueue(batch_id))


def stale_after() -> timedelta:
    """How long a running import's worker may stay silent before it counts as dead."""
    return timedelta(seconds=settings.IMPORTS_STALE_AFTER_SECONDS)


def _queue(batch: ImportBatch) -> None:
    batch.status = ImportBatch.Status.QUEUED
    batch.message = ""
    batch.progress_current = 0
    # Rows are read and checked again, then the valid ones written.
    batch.progress_total = (
        batch.rows_read + batch.rows_created + batch.rows_updated + batch.rows_unchanged
    )
    batch.language = translation.get_language() or settings.LANGUAGE_CODE
    batch.heartbeat_at = timezone.now()
    batch.save(
        update_fields=[
            "status",
            "progress_current",
            "progress_total",
            "language",
            "heartbeat_at",
            "message",
            "updated_at",
        ]
    )
    _enqueue(batch)


@transaction.atomic
def import_confirm(*, batch: ImportBatch, by) -> ImportBatch:
    """Queue a previewed file's import for a worker (:func:`import_run`); return the batch.

    The preview itself becomes the import: queued, then running with its progress, then
    done (its file removed) or failed (its file kept, to try again with
    :func:`import_retry`). A preview whose file is gone (confirmed twice, or cleaned up)
    is refused.
    """
    current = ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
    if current is None or current.status != ImportBatch.Status.PREVIEW or not current.file:
        raise ApplicationError(str(EXPIRED))
    if not default_storage.exists(current.file.name):
        raise ApplicationError(str(EXPIRED))
    _queue(current)
    return current


@transaction.atomic
def import_retry(*, batch: ImportBatch, by) -> ImportBatch:
    """Queue a failed import again, from the file it kept."""
    current = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if not current.can_retry:
        raise ApplicationError(_("Only an import that failed can be tried again."))
    _queue(current)
    return current


def import_figures(
    *,
    path_or_file,
    source: str | None = None,
    by=None,
    organisation=None,
    dry_run: bool = False,
    batch: ImportBatch | None = None,
    progress: imports.Progress | None = None,
    save: imports.SaveBatch = imports.save_batch,
) -> ImportBatch:
    """Import a file of figures (Kolada JSON, CSV, XLSX) in one transaction; its batch.

    The worker's :func:`import_run` and ``equalocal kolada import`` both import through
    here; see :func:`equalocal.indicators.imports.import_file`.
    """
    return imports.import_file(
        path_or_file=path_or_file,
        source=source,
        by=by,
        organisation=organisation,
        dry_run=dry_run,
        batch=batch,
        progress=progress,
        save=save,
    )


class _Superseded(Exception):
    """Another run owns the batch now (this one was taken for dead): roll back."""


RESULT_FIELDS = [
    "source",
    "status",
    "rows_read",
    "rows_created",
    "rows_updated",
    "rows_unchanged",
    "rows_rejected",
    "rows_proposed",
    "errors",
    "message",
]


class _Heartbeat:
    """Tells the batch how far its import is, each time in a short write of its own.

    Rows are checked outside any transaction, so those writes go through the run's own
    connection. Rows are written in one transaction: on PostgreSQL the progress then goes
    through a second connection, committed at once (the import never locks the batch's row
    before it ends). SQLite has one writer at a time, the import itself: the bar waits, and
    so does the stale check, which cannot write either until the import ends.
    """

    def __init__(self, batch: ImportBatch):
        self.batch_id = batch.pk
        self.attempt = batch.attempt
        self.checked = batch.rows_read
        self.total = batch.progress_total
        self.side = None

    def mine(self):
        return ImportBatch.objects.filter(
            pk=self.batch_id, attempt=self.attempt, status=ImportBatch.Status.RUNNING
        )

    def __call__(self, stage: str, done: int) -> None:
        now = timezone.now()
        if stage == "check":
            self.checked = done
            self.mine().update(progress_current=min(done, self.total), heartbeat_at=now)
            return
        if connection.vendor != "postgresql":
            return
        if self.side is None:
            self.side = connection.copy()
        table = connection.ops.quote_name(ImportBatch._meta.db_table)
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET progress_current = %s, heartbeat_at = %s "  # noqa: S608 - our names
                "WHERE id = %s AND attempt = %s AND status = %s",
                [
                    min(self.checked + done, self.total),
                    now,
                    self.batch_id,
                    self.attempt,
                    ImportBatch.Status.RUNNING.value,
                ],
            )

    def finish(self, batch: ImportBatch) -> None:
        """Record the finished batch, in the import's transaction, if this run still owns it."""
        now = timezone.now()
        fields = {name: getattr(batch, name) for name in RESULT_FIELDS}
        done = batch.status == ImportBatch.Status.DONE
        name = batch.file.name if batch.file else ""
        if done:
            fields["file"] = ""
        if not self.mine().update(
            **fields, progress_current=self.total, heartbeat_at=now, updated_at=now
        ):
            raise _Superseded
        if done and name:
            transaction.on_commit(lambda: delete_private(name))

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def import_run(*, batch_id: int) -> ImportBatch | None:
    """Import a queued batch's file (in the worker); return the batch. Idempotent.

    Only one worker moves a queued batch to running. The rows are read and checked, then
    written in one transaction with the finished batch, so a worker killed mid-import
    leaves nothing; the periodic check (``tasks.requeue_stale_imports``) queues the batch
    again once its heartbeat has been silent for :func:`stale_after`, and a run that was
    only slow and was taken over meanwhile rolls back. A failure leaves the batch failed,
    with a message in the language of the person who confirmed it, and keeps the file.
    """
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING,
        attempt=F("attempt") + 1,
        progress_current=0,
        heartbeat_at=timezone.now(),
        updated_at=timezone.now(),
    )
    batch = ImportBatch.objects.select_related("organisation", "by").filter(pk=batch_id).first()
    if not claimed or batch is None:
        return batch
    heartbeat = _Heartbeat(batch)
    with translation.override(batch.language or settings.LANGUAGE_CODE):
        try:
            with default_storage.open(batch.file.name, "rb") as handle:
                import_figures(
                    path_or_file=handle,
                    source=batch.source,
                    by=batch.by,
                    organisation=batch.organisation,
                    batch=batch,
                    progress=heartbeat,
                    save=heartbeat.finish,
                )
        except _Superseded:
            pass
        except FileNotFoundError:
            heartbeat.mine().update(status=ImportBatch.Status.FAILED, message=str(EXPIRED), file="")
        except Exception:
            logger.exception("import %s failed", batch_id)
            heartbeat.mine().update(
                status=ImportBatch.Status.FAILED,
                message=_(
                    "The import could not be finished, and nothing of it was written. "
                    "Try again; if it fails again, tell us."
                ),
                updated_at=timezone.now(),
            )
        finally:
            heartbeat.close()
    return ImportBatch.objects.filter(pk=batch_id).first()


def imports_requeue(*, queued: bool = True) -> int:
    """Queue again the imports nobody is running; return how many.

    Those are the running ones whose heartbeat has been silent for :func:`stale_after`
    (their worker died: its transaction wrote nothing) and, with ``queued``, the queued
    ones (left by a queue that was emptied). The periodic check leaves queued ones alone:
    their task is waiting in the queue.
    """
    from ..tasks import run_import

    dead = Q(status=ImportBatch.Status.RUNNING, heartbeat_at__lt=timezone.now() - stale_after())
    waiting = (Q(status=ImportBatch.Status.QUEUED) | dead) if queued else dead
    ids = []
    for batch in ImportBatch.objects.filter(waiting).only(
        "pk", "status", "attempt", "heartbeat_at"
    ):
        # Conditional: a worker that was only slow and spoke meanwhile keeps its import.
        if ImportBatch.objects.filter(
            pk=batch.pk, status=batch.status, attempt=batch.attempt, heartbeat_at=batch.heartbeat_at
        ).update(status=ImportBatch.Status.QUEUED, heartbeat_at=timezone.now()):
            ids.append(batch.pk)
    for batch_id in ids:
        run_import.enqueue(batch_id)
    return len(ids)


def import_previews_discard(*, now=None) -> int:
    """Remove previews nobody confirmed within a day, with their files; return how many."""
    cutoff = (now or timezone.now()) - PREVIEW_KEPT_FOR
    stale = list(
        ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW, created_at__lt=cutoff)
    )
    for batch in stale:
        name = batch.file.name if batch.file else ""
        batch.delete()
        delete_private(name)
    return len(stale)


# Figures a network proposes to a member -------------------------------------------------------


@transaction.atomic
def proposal_answer(*, proposal: FigureProposal, accept: bool, by) -> FigureProposal:
    """The member's answer to figures its network imported for it.

    Accepting imports the rows for the member, as its own import (one transaction, the same
    checks and upsert as any import); rejecting writes nothing. A proposal is answered once.
    """
    current = FigureProposal.objects.select_for_update().get(pk=proposal.pk)
    if current.status != FigureProposal.Status.PENDING:
        raise ApplicationError(_("These figures have been answered already."))
    current.answered_by = by
    current.answered_at = timezone.now()
    if not accept:
        current.status = FigureProposal.Status.REJECTED
        current.save()
        return current
    rows = [
        (row[0], current.organisation_id, row[1], row[2], row[3], _decimal(row[4]), *row[5:])
        for row in current.rows
    ]
    preview = imports.Preview(
        source=current.source, rows=rows, rows_read=len(rows), has_notes=current.has_notes
    )
    batch = ImportBatch(
        source=current.source,
        file_name=_("Proposed by %(network)s") % {"network": current.network.name},
        organisation=current.organisation,
        by=by,
    )
    current.result = imports.import_rows(preview, batch=batch)
    current.status = FigureProposal.Status.ACCEPTED
    current.save()
    return current


def _decimal(value):
    return None if value is None else Decimal(value)
