"""Uploading documents: check, store once by SHA-256, queue for processing; edit and delete."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.locking import claim_lock
from equalocal.core.uploads import room_for_files, spool, too_large_error
from equalocal.docmine.types import DocumentRejected, RejectReason

from ..messages import error_message
from ..models import Document, Stage, StoredFile

logger = logging.getLogger(__name__)


@dataclass
class UploadOutcome:
    """What became of one file of a multi-file upload."""

    filename: str
    document: Document | None
    created: bool
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.document is not None


def _size_of(file) -> int | None:
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def _too_large(size: int) -> ApplicationError:
    return too_large_error(size, settings.DOCUMENTS_MAX_UPLOAD_BYTES)


def _title_from(filename: str) -> str:
    stem = PurePath(filename).stem if filename else ""
    return " ".join(stem.replace("_", " ").split())[:300] or _("Untitled document")


def _store(*, path: Path, sha256: str, size: int, file_type: str, written: list) -> StoredFile:
    """The StoredFile for these bytes: the existing one, or a new one written to storage.

    The names of the files it writes are added to ``written``.
    """
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing is not None:
        if not existing.file.storage.exists(existing.file.name):
            # The row survived its file (restored database, lost volume): write it back.
            with path.open("rb") as handle:
                existing.file.save(sha256, File(handle), save=True)
            written.append(existing.file.name)
        return existing
    stored = StoredFile(sha256=sha256, size=size, file_type=file_type)
    name = stored.file.field.generate_filename(stored, sha256)
    storage = stored.file.storage
    if storage.exists(name):
        # Same bytes, same name: an earlier copy whose row is gone. Content-addressed, so reuse it.
        stored.file.name = name
    else:
        with path.open("rb") as handle:
            stored.file.save(sha256, File(handle), save=False)
        written.append(stored.file.name)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        # Another upload of the same bytes won the race; both documents share its file.
        return StoredFile.objects.get(sha256=sha256)
    return stored


def _forget_unrecorded(names: list[str]) -> None:
    """Delete the files an upload wrote when no row records them (the rows rolled back)."""
    for name in names:
        if not StoredFile.objects.filter(file=name).exists():
            StoredFile.file.field.storage.delete(name)


def _enqueue(document_id: int) -> None:
    from ..tasks import process_document

    transaction.on_commit(lambda: process_document.enqueue(document_id))


def document_upload(
    *, organisation, file, filename: str, by, title: str = ""
) -> tuple[Document, bool]:
    """Store an uploaded file for ``organisation`` and queue it for processing.

    ``file`` is a Django ``UploadedFile``, any binary file object, or a path. Its size is
    checked before it is read (``DOCUMENTS_MAX_UPLOAD_BYTES``), then it is copied once in
    chunks while its SHA-256 is computed; the type comes from the content, not the name.
    The same bytes already uploaded to this organisation return ``(existing, False)``; the
    same bytes in another organisation share the stored file. A name whose extension does
    not fit the content gives a warning, not a refusal. Raises ApplicationError (field
    ``file``) for an empty file, a file over the limit, or content that cannot be read.
    """
    from equalocal.docmine.reading.sniff import extension_mismatch, sniff

    if isinstance(file, (str, Path)):
        path = Path(file)
        filename = filename or path.name
        with path.open("rb") as handle:
            return document_upload(
                organisation=organisation, file=handle, filename=filename, by=by, title=title
            )

    limit = settings.DOCUMENTS_MAX_UPLOAD_BYTES
    declared = _size_of(file)
    if declared == 0:
        raise ApplicationError(error_message(RejectReason.EMPTY), field="file")
    if declared is not None and declared > limit:
        raise _too_large(declared)

    spooled = spool(file, limit=limit)
    temp, sha256, size, head = spooled.path, spooled.sha256, spooled.size, spooled.head
    try:
        if size == 0:
            raise ApplicationError(error_message(RejectReason.EMPTY), field="file")
        warnings: list[str] = []
        try:
            file_type = sniff(head, filename, path=temp)
        except DocumentRejected as rejected:
            if rejected.reason != RejectReason.CORRUPT:
                raise ApplicationError(error_message(rejected.reason), field="file") from None
            # Damaged, but kept: processing ends with a clear "corrupt" status on the page.
            file_type = "unknown"
        else:
            if extension_mismatch(file_type, filename):
                warnings.append(RejectReason.EXTENSION_MISMATCH.value)
        written: list[str] = []
        try:
            with room_for_files(), transaction.atomic():
                stored = _store(
                    path=temp, sha256=sha256, size=size, file_type=str(file_type), written=written
                )
                existing = Document.objects.filter(
                    organisation=organisation, stored_file=stored
                ).first()
                if existing is not None:
                    return existing, False
                document = Document.objects.create(
                    organisation=organisation,
                    stored_file=stored,
                    title=(title or "").strip()[:300] or _title_from(filename),
                    original_filename=(filename or sha256)[:255],
                    uploaded_by=by,
                    stage=Stage.QUEUED,
                    warnings=warnings,
                )
                _enqueue(document.pk)
        except BaseException:
            _forget_unrecorded(written)
            raise
    finally:
        temp.unlink(missing_ok=True)
    logger.info("Document %s uploaded (%s, %s bytes)", document.pk, file_type, size)
    return document, True


def document_upload_many(*, organisation, files: Iterable, by) -> list[UploadOutcome]:
    """Upload several files; one that is refused does not stop the others.

    ``files`` holds UploadedFiles (their ``name`` is the file name), paths, or
    ``(filename, file)`` pairs.
    """
    outcomes = []
    for entry in files:
        if isinstance(entry, tuple):
            filename, file = entry
        elif isinstance(entry, (str, Path)):
            filename, file = Path(entry).name, entry
        else:
            filename, file = PurePath(getattr(entry, "name", "") or "").name, entry
        try:
            document, created = document_upload(
                organisation=organisation, file=file, filename=filename, by=by
            )
        except ApplicationError as error:
            outcomes.append(UploadOutcome(filename, None, False, error.message))
        else:
            outcomes.append(UploadOutcome(filename, document, created))
    return outcomes


@transaction.atomic
def document_update(
    *, document: Document, by, title: str, lock_version: int | None = None
) -> Document:
    """Rename a document; a stale ``lock_version`` raises ConcurrentEditError."""
    title = " ".join((title or "").split())
    if not title:
        raise ApplicationError(_("Give the document a title."), field="title")
    if len(title) > 300:
        raise ApplicationError(_("The title can be at most 300 characters long."), field="title")
    claim_lock(Document, document, lock_version)
    document.title = title
    Document.objects.filter(pk=document.pk).update(title=title)
    from ..search import index_document

    document.refresh_from_db()
    if document.stage in (Stage.REVIEW, Stage.REVIEWED):
        index_document(document)
    return document


def document_delete(*, document: Document, by) -> None:
    """Delete a document with its pages and extracted items, and remove it from search.

    The stored file stays while another organisation's document uses the same bytes;
    with the last one it is deleted from storage too (after the transaction commits).
    Objects created by accepting its items stay: they are the organisation's data now.
    """
    from ..search import remove_from_index

    stored = document.stored_file
    document_id = document.pk
    with transaction.atomic():
        remove_from_index(document_id)
        document.delete()
        if not stored.documents.exists():
            name, storage = stored.file.name, stored.file.storage
            stored.delete()
            transaction.on_commit(lambda: storage.delete(name))
    logger.info("Document %s deleted by %s", document_id, getattr(by, "pk", None))
