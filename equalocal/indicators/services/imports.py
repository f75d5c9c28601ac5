"""Imports of figures from files: a private preview first, then one transaction."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.uploads import delete_private, removed_on_failure, store_private

from .. import imports
from ..models import FigureProposal, ImportBatch

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


@transaction.atomic
def import_confirm(*, batch: ImportBatch, by) -> ImportBatch:
    """Import a previewed file's valid rows in one transaction; return the import's batch.

    The preview and its file are removed once the import is recorded. A preview whose
    file is gone (confirmed twice, or cleaned up) is refused.
    """
    if batch.status != ImportBatch.Status.PREVIEW or not batch.file:
        raise ApplicationError(_("This upload has expired. Please upload the file again."))
    name = batch.file.name
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise ApplicationError(
            _("This upload has expired. Please upload the file again.")
        ) from None
    with handle:
        result = imports.import_file(path_or_file=handle, by=by, organisation=batch.organisation)
    result.file_name = batch.file_name
    if result.pk:
        result.save(update_fields=["file_name"])
    batch.delete()
    transaction.on_commit(lambda: delete_private(name))
    return result


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
