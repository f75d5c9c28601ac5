"""Processing a document: read, OCR, repair, detect language, analyse, index.

``document_process`` runs in the background worker (``tasks.process_document``). It claims the
document first, so two workers never process the same one, and writes its stage, progress and
a heartbeat as it goes, each as a small UPDATE the page can poll. Every stage can be run again:
a worker killed mid-document leaves pages already read or OCR'd in the database, and the next
worker carries on from there. A bad file never makes it raise: the document ends FAILED with
the reason's code. The original file is only ever read.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.docmine.types import (
    UNKNOWN,
    DocumentRejected,
    FileType,
    OrganisationCandidate,
    PageText,
    RejectReason,
    Table,
)

from ..messages import GAVE_UP, INTERNAL
from ..models import (
    ACTIVE_STAGES,
    Document,
    DocumentTable,
    ExtractedItem,
    ItemKind,
    ItemStatus,
    Page,
    PageSource,
    Stage,
)

logger = logging.getLogger(__name__)


LANGUAGE_SAMPLE = 2000


class Cancelled(Exception):
    """Someone asked to stop processing this document."""


def limits_from_settings():
    """The reading limits, with the bounds an administrator set in the environment."""
    from equalocal.docmine.reading.limits import DEFAULT_LIMITS

    return replace(
        DEFAULT_LIMITS,
        max_bytes=settings.DOCUMENTS_MAX_UPLOAD_BYTES,
        max_pages=settings.DOCUMENTS_MAX_PAGES,
        max_pixels=settings.DOCUMENTS_MAX_PIXELS,
    )


#: Runs a document may start before it is given up (a file that kills the worker each time).
MAX_ATTEMPTS = 3


def _stale_before():
    return timezone.now() - timedelta(minutes=settings.DOCUMENTS_STALE_AFTER_MINUTES)


def _free() -> Q:
    """Nobody works on the document: no heartbeat, or a stale one (a worker that died)."""
    return Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=_stale_before())


def _claim(document_id: int) -> bool:
    """Take the document for this worker: one atomic conditional UPDATE, so only one worker
    wins, and a cancellation that came first (the stage is no longer active) wins over it.
    """
    claimed = (
        Document.objects.filter(pk=document_id, stage__in=ACTIVE_STAGES)
        .filter(_free())
        .update(heartbeat_at=timezone.now(), attempts=F("attempts") + 1)
    )
    return claimed == 1


class _Run:
    """The state of one processing run, with the small writes the page polls."""

    def __init__(self, document: Document):
        self.document = document
        self.id = document.pk

    def write(self, *, unless_cancelled: bool = False, **fields) -> None:
        """Write ``fields`` (and the heartbeat); with ``unless_cancelled``, only while no
        cancellation is requested, raising ``Cancelled`` otherwise."""
        fields["heartbeat_at"] = timezone.now()
        documents = Document.objects.filter(pk=self.id)
        if unless_cancelled:
            documents = documents.filter(cancel_requested=False)
        if not documents.update(**fields) and unless_cancelled:
            raise Cancelled
        for name, value in fields.items():
            setattr(self.document, name, value)

    def stage(self, stage: str, *, total: int = 0) -> None:
        """Move to the next stage, only while the document is still active: a cancellation
        that landed since the claim is never overwritten, nor one requested since."""
        moved = Document.objects.filter(
            pk=self.id, stage__in=ACTIVE_STAGES, cancel_requested=False
        ).update(stage=stage, progress_current=0, progress_total=total, heartbeat_at=timezone.now())
        if not moved:
            raise Cancelled
        self.document.stage = stage

    def progress(self, current: int, total: int | None = None) -> None:
        fields = {"progress_current": current}
        if total is not None:
            fields["progress_total"] = total
        self.write(**fields)

    def check_cancel(self) -> None:
        if Document.objects.filter(pk=self.id, cancel_requested=True).exists():
            raise Cancelled


@contextmanager
def _local_path(stored_file):
    """A path on disk for the stored file; a temporary copy for storages without one."""
    try:
        path = Path(stored_file.file.path)
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    with tempfile.NamedTemporaryFile(prefix="equalocal-doc-") as copy:
        with stored_file.file.open("rb") as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        yield Path(copy.name)


def _file_type(stored_file, path: Path) -> FileType:
    if stored_file.file_type and stored_file.file_type != "unknown":
        return FileType(stored_file.file_type)
    from equalocal.docmine.reading.sniff import HEAD_BYTES, sniff

    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    file_type = sniff(head, "", path=path)
    type(stored_file).objects.filter(pk=stored_file.pk).update(file_type=file_type.value)
    return file_type


# Stages -----------------------------------------------------------------------------------------


def _read(run: _Run, path: Path, file_type: FileType, limits) -> None:
    """Text layer, DOCX, ODT, HTML or text → Page rows (``source="none"`` where OCR is needed)."""
    from equalocal.docmine.reading import read_text

    document = run.document
    if document.pages.exists():
        return  # read by an earlier run; OCR picks up where it stopped
    run.stage(Stage.READING)
    result = read_text(path, file_type, limits=limits)
    with transaction.atomic():
        Page.objects.bulk_create(
            Page(
                document_id=run.id,
                number=page.number,
                text=page.text if not page.needs_ocr else "",
                raw_text=(page.raw_text or page.text) if not page.needs_ocr else "",
                source=PageSource.NONE if page.needs_ocr else PageSource.TEXT_LAYER,
                language=page.language or "",
            )
            for page in result.pages
        )
        DocumentTable.objects.filter(document_id=run.id).delete()
        DocumentTable.objects.bulk_create(
            DocumentTable(document_id=run.id, page=table.page, order=order, rows=table.rows)
            for order, table in enumerate(result.tables)
        )
        warnings = list(dict.fromkeys([*document.warnings, *map(str, result.warnings)]))
        run.write(page_count=len(result.pages), warnings=warnings)
        if not document.title and result.title:
            run.write(title=result.title[:300])


def _ocr(run: _Run, path: Path, file_type: FileType, limits) -> None:
    """OCR the pages that have no text yet; each page is saved as soon as it is done."""
    from equalocal.docmine.reading import ocr_languages_for, ocr_pages

    missing = list(
        Page.objects.filter(document_id=run.id, source=PageSource.NONE)
        .order_by("number")
        .values_list("number", flat=True)
    )
    if not missing:
        return
    already = Page.objects.filter(document_id=run.id, source=PageSource.OCR).count()
    total = already + len(missing)
    run.stage(Stage.OCR, total=total)
    run.progress(already)
    organisation = run.document.organisation
    languages = ocr_languages_for(organisation.country.code or None, run.document.language or None)
    done = already
    failed = []
    pages = ocr_pages(path, file_type, missing, languages=languages, limits=limits)
    try:
        for page in pages:
            if page.needs_ocr:
                # Tesseract gave up on this page; it stays unread and a retry tries it again.
                failed.append(page.number)
                continue
            with transaction.atomic():
                Page.objects.filter(document_id=run.id, number=page.number).update(
                    text=page.text,
                    raw_text=page.raw_text or page.text,
                    source=PageSource.OCR,
                    ocr_confidence=page.ocr_confidence,
                    repairs=[],
                )
                _store_page_tables(run, page.number, page.tables)
            done += 1
            run.progress(done)
            run.check_cancel()
    finally:
        close = getattr(pages, "close", None)
        if close is not None:
            close()
    run.write(ocr_page_count=total - len(failed))
    if failed:
        if (
            len(failed) == total
            and not Page.objects.filter(document_id=run.id).exclude(text="").exists()
        ):
            raise DocumentRejected(RejectReason.OCR_FAILED, f"pages {failed}")
        warnings = list(dict.fromkeys([*run.document.warnings, RejectReason.OCR_FAILED.value]))
        run.write(warnings=warnings)


def _store_page_tables(run: _Run, number: int, tables: list[Table]) -> None:
    """The tables rebuilt from an OCR'd page's word boxes, after the document's others."""
    if not tables:
        return
    DocumentTable.objects.filter(document_id=run.id, page=number).delete()
    last = DocumentTable.objects.filter(document_id=run.id).aggregate(last=Max("order"))["last"]
    start = 0 if last is None else last + 1
    DocumentTable.objects.bulk_create(
        DocumentTable(document_id=run.id, page=number, order=start + offset, rows=table.rows)
        for offset, table in enumerate(tables)
    )


def _repair(run: _Run) -> None:
    """Repair OCR damage (lost diacritics, confusions) on OCR'd pages, and on text layers
    that look OCR-damaged (a scanner's text layer); clean text is left as it is. The raw
    text is kept and every change recorded."""
    from equalocal.docmine.extraction import stopword_language
    from equalocal.docmine.text.language import detect_language
    from equalocal.docmine.text.repair import looks_damaged, repair_cells, repair_text

    fallback = run.document.language or _country_language(run.document)
    candidates = Page.objects.filter(
        document_id=run.id, source__in=(PageSource.OCR, PageSource.TEXT_LAYER)
    ).only("id", "raw_text", "language", "source")
    pages = []
    for page in candidates:
        if page.source == PageSource.OCR:
            language = detect_language(page.raw_text) or fallback or "en"
            pages.append((page, language))
            continue
        # Text layers are mostly clean: a quick guess of the language decides whether to
        # look closer, and the detector runs only on pages that look damaged.
        guess = page.language or stopword_language(page.raw_text) or fallback
        if guess and looks_damaged(page.raw_text, guess):
            language = detect_language(page.raw_text) or guess
            if looks_damaged(page.raw_text, language):
                pages.append((page, language))
    if not pages:
        return
    run.stage(Stage.REPAIRING, total=len(pages))
    for done, (page, language) in enumerate(pages, start=1):
        text, repairs = repair_text(page.raw_text, language)
        page.text = text
        page.repairs = [_repair_dict(repair) for repair in repairs]
        page.save(update_fields=["text", "repairs"])
        if page.source == PageSource.OCR:
            # Tables rebuilt from the page's word boxes hold the same words: repaired alike.
            for table in DocumentTable.objects.filter(document_id=run.id, page=page.number):
                table.rows = repair_cells(table.rows, language)
                table.save(update_fields=["rows"])
        run.progress(done)


def _repair_dict(repair) -> dict:
    from dataclasses import asdict, is_dataclass

    return asdict(repair) if is_dataclass(repair) else dict(repair)


_COUNTRY_LANGUAGES = {
    "SE": "sv", "FI": "fi", "NO": "nb", "DK": "da", "DE": "de", "AT": "de", "EE": "et",
    "LV": "lv", "LT": "lt", "PL": "pl", "FR": "fr", "IT": "it", "ES": "es", "PT": "pt",
    "NL": "nl", "GB": "en", "IE": "en",
}  # fmt: skip


def _country_language(document: Document) -> str:
    return _COUNTRY_LANGUAGES.get(document.organisation.country.code or "", "")


def _languages(run: _Run) -> list[Page]:
    """Language of each page and of the document (the language with the most text)."""
    from equalocal.docmine.text.language import detect_page_languages

    run.stage(Stage.LANGUAGE)
    pages = list(Page.objects.filter(document_id=run.id).order_by("number"))
    # A page's first couple of thousand characters tell its language as well as the whole page.
    found = detect_page_languages([page.text[:LANGUAGE_SAMPLE] for page in pages])
    weight: Counter[str] = Counter()
    changed = []
    for page, language in zip(pages, found, strict=True):
        language = language or ""
        if page.language != language:
            page.language = language
            changed.append(page)
        if language:
            weight[language] += len(page.text)
    if changed:
        Page.objects.bulk_update(changed, ["language"], batch_size=500)
    document_language = weight.most_common(1)[0][0] if weight else ""
    run.write(language=document_language)
    return pages


# The registered organisations as candidates, with the fingerprint they were read at: a worker
# analysing one document after another reads the list once until an organisation changes,
# and the extractor keeps its prepared index for as long as it gets the same list.
_CANDIDATES: list[tuple] = [(None, [])]


def organisation_candidates() -> list[OrganisationCandidate]:
    """Every organisation as a name the extractor may match, with its short name as alias."""
    from equalocal.organisations.models import Organisation

    fingerprint = tuple(
        Organisation.objects.aggregate(
            count=Count("pk"), last=Max("pk"), changed=Max("updated_at")
        ).values()
    )
    seen, candidates = _CANDIDATES[0]
    if seen == fingerprint:
        return candidates
    candidates = [
        OrganisationCandidate(id=pk, name=name, country=str(country or ""), aliases=(slug,))
        for pk, name, country, slug in Organisation.objects.values_list(
            "pk", "name", "country", "slug"
        ).order_by("pk")
    ]
    _CANDIDATES[0] = (fingerprint, candidates)
    return candidates


def _default_to_owner(decision, owner) -> None:
    """A decision names another organisation only when its own sentence does.

    Protocols rarely repeat the municipality's name beside each decision ("Kommunstyrelsen
    undertecknar …"), while a passing mention elsewhere ("Meddelande från SKR:s styrelse") must
    not make the decision someone else's: then it is the document owner's.
    """
    if decision.organisation_id == owner.pk:
        return
    named = decision.organisation != UNKNOWN and _mentions(decision.evidence, decision.organisation)
    if named:
        return
    decision.organisation = owner.name
    decision.organisation_id = owner.pk
    if owner.country:
        decision.country = str(owner.country)


def _mentions(sentence: str, name: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(name.casefold(), sentence.casefold()) >= 85


def _parse_date(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _fingerprint(kind: str, data: dict) -> tuple:
    ignored = {"confidence", "page", "organisation_id"}
    return (kind, tuple(sorted((k, str(v)) for k, v in data.items() if k not in ignored)))


def _analyse(run: _Run, pages: list[Page]) -> None:
    """Classify the document and extract decisions and action rows as items to review."""
    from equalocal.docmine.extraction import analyse

    run.stage(Stage.CLASSIFYING)
    document = run.document
    page_texts = [
        PageText(
            number=page.number,
            text=page.text,
            source=page.source,
            ocr_confidence=page.ocr_confidence,
            language=page.language or None,
            raw_text=page.raw_text,
        )
        for page in pages
    ]
    tables = [
        Table(rows=rows, page=page)
        for page, rows in DocumentTable.objects.filter(document_id=run.id).values_list(
            "page", "rows"
        )
    ]
    analysis = analyse(
        "\n\n".join(page.text for page in pages),
        tables=tables,
        pages=page_texts,
        language=document.language or None,
        organisations=organisation_candidates(),
        filename=document.original_filename,
    )
    run.write(
        kind=analysis.kind if analysis.kind else "other",
        kind_confidence=analysis.kind_confidence,
        cemr_related=analysis.cemr_related,
        document_date=_parse_date(analysis.document_date),
    )

    run.stage(Stage.EXTRACTING)
    for decision in analysis.decisions:
        _default_to_owner(decision, document.organisation)
    found = [(ItemKind.DECISION, d.as_dict()) for d in analysis.decisions] + [
        (ItemKind.ACTION_ROW, r.as_dict()) for r in analysis.action_rows
    ]
    with transaction.atomic():
        ExtractedItem.objects.filter(document_id=run.id, status=ItemStatus.PENDING).delete()
        # Items a person already accepted or rejected stay, and are not offered again.
        reviewed = {
            _fingerprint(kind, data)
            for kind, data in ExtractedItem.objects.filter(document_id=run.id).values_list(
                "kind", "data"
            )
        }
        ExtractedItem.objects.bulk_create(
            ExtractedItem(
                document_id=run.id,
                kind=kind,
                order=order,
                page=data.get("page"),
                data=data,
                confidence=float(data.get("confidence") or 0.0),
                evidence=str(data.get("evidence") or "")[:5000],
            )
            for order, (kind, data) in enumerate(found)
            if _fingerprint(kind, data) not in reviewed
        )
        run.progress(len(found), len(found))


def _index(run: _Run) -> None:
    from ..search import index_document

    run.stage(Stage.INDEXING)
    run.document.refresh_from_db()  # a title a person changed meanwhile is indexed as changed
    index_document(run.document)


def _finish(run: _Run) -> None:
    items = ExtractedItem.objects.filter(document_id=run.id).aggregate(
        total=Count("pk"), pending=Count("pk", filter=Q(status=ItemStatus.PENDING))
    )
    done = items["total"] > 0 and items["pending"] == 0
    fields = {
        "stage": Stage.REVIEWED if done else Stage.REVIEW,
        "processed_at": timezone.now(),
        "error_code": "",
        "error_detail": "",
    }
    if not Page.objects.filter(document_id=run.id).exclude(text="").exists():
        fields["warnings"] = list(
            dict.fromkeys([*run.document.warnings, RejectReason.NO_TEXT.value])
        )
    run.write(unless_cancelled=True, **fields)  # a cancellation asked meanwhile still wins


def _fail(document_id: int, code: str, detail: str) -> None:
    Document.objects.filter(pk=document_id).update(
        stage=Stage.FAILED,
        error_code=code,
        error_detail=detail[:20000],
        heartbeat_at=None,
        cancel_requested=False,
    )


def document_process(*, document_id: int) -> None:
    """Run (or resume) every stage for a document; never raises for a bad file.

    Does nothing when the document is not active, or another worker holds it (its
    heartbeat is recent). A file the readers reject ends FAILED with the reason as
    ``error_code``; any other error ends FAILED with ``"internal"`` and the traceback
    in ``error_detail`` (and the log), so one bad document cannot stop a worker.
    A cancellation requested from the page is honoured between stages and OCR pages.
    """
    if not _claim(document_id):
        logger.info("Document %s is not waiting for processing; skipped", document_id)
        return
    try:
        document = Document.objects.select_related("organisation", "stored_file").get(
            pk=document_id
        )
        run = _Run(document)
        limits = limits_from_settings()
        with _local_path(document.stored_file) as path:
            file_type = _file_type(document.stored_file, path)
            _read(run, path, file_type, limits)
            _ocr(run, path, file_type, limits)
        _repair(run)
        pages = _languages(run)
        _analyse(run, pages)
        _index(run)
        _finish(run)
    except Cancelled:
        Document.objects.filter(pk=document_id).update(
            stage=Stage.CANCELLED, cancel_requested=False, heartbeat_at=None
        )
        logger.info("Document %s: processing cancelled", document_id)
    except DocumentRejected as rejected:
        _fail(document_id, str(rejected.reason), rejected.detail)
        logger.info("Document %s rejected: %s", document_id, rejected)
    except Exception:
        logger.exception("Document %s: processing failed", document_id)
        _fail(document_id, INTERNAL, traceback.format_exc())


# Retry, cancel, take over -----------------------------------------------------------------------


def _enqueue(document_id: int) -> None:
    from ..tasks import process_document

    transaction.on_commit(lambda: process_document.enqueue(document_id))


@transaction.atomic
def _is_stuck(document: Document) -> bool:
    """Active, but no worker has shown a sign of life for the stale period."""
    if document.stage not in ACTIVE_STAGES or document.stage == Stage.QUEUED:
        return False
    return document.heartbeat_at is None or document.heartbeat_at < _stale_before()


def document_retry(*, document: Document, by) -> Document:
    """Queue a failed, cancelled or stuck document again; pages already read are kept."""
    if document.stage not in (Stage.FAILED, Stage.CANCELLED) and not _is_stuck(document):
        raise ApplicationError(_("Only a failed or cancelled document can be tried again."))
    Document.objects.filter(pk=document.pk).update(
        stage=Stage.QUEUED,
        error_code="",
        error_detail="",
        cancel_requested=False,
        heartbeat_at=None,
        progress_current=0,
        progress_total=0,
        attempts=0,
    )
    document.refresh_from_db()
    _enqueue(document.pk)
    logger.info("Document %s queued again by %s", document.pk, getattr(by, "pk", None))
    return document


def document_cancel(*, document: Document, by) -> Document:
    """Stop processing: a document nobody works on is cancelled at once, a running one at
    its next step.

    "Nobody works on it" is part of the UPDATE's condition, not read beforehand: a worker
    that claims the document in the same instant either comes first (its fresh heartbeat
    makes this update miss, and the cancellation is requested instead) or finds the
    document cancelled and leaves it so.
    """
    cancelled_now = (
        Document.objects.filter(pk=document.pk, stage__in=ACTIVE_STAGES)
        .filter(_free())
        .update(stage=Stage.CANCELLED, cancel_requested=False, heartbeat_at=None)
    )
    if not cancelled_now:
        requested = Document.objects.filter(pk=document.pk, stage__in=ACTIVE_STAGES).update(
            cancel_requested=True
        )
        if not requested:
            raise ApplicationError(_("This document is not being processed."))
    logger.info("Document %s: cancel by %s", document.pk, getattr(by, "pk", None))
    document.refresh_from_db()
    return document


def documents_requeue_stale(*, older_than: timedelta | None = None) -> int:
    """Queue again the active documents no worker has shown a sign of life on for a while.

    A worker killed mid-document leaves its task marked running for ever; the worker that
    starts next calls this so the document is picked up and finished. Queueing one twice
    is harmless: only one run can claim it.
    """
    if older_than is None:
        older_than = timedelta(minutes=settings.DOCUMENTS_STALE_AFTER_MINUTES)
    cutoff = timezone.now() - older_than
    stale = list(
        Document.objects.filter(stage__in=ACTIVE_STAGES)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, updated_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    given_up = list(
        Document.objects.filter(pk__in=stale, attempts__gte=MAX_ATTEMPTS).values_list(
            "pk", flat=True
        )
    )
    if given_up:
        Document.objects.filter(pk__in=given_up).update(
            stage=Stage.FAILED,
            error_code=GAVE_UP,
            error_detail=f"Stopped without finishing {MAX_ATTEMPTS} times.",
            heartbeat_at=None,
        )
        logger.warning("Documents %s given up after %s attempts", given_up, MAX_ATTEMPTS)
        stale = [pk for pk in stale if pk not in given_up]
    if stale:
        # Backdate the heartbeat so the queued run may claim it at once.
        Document.objects.filter(pk__in=stale, heartbeat_at__isnull=False).update(heartbeat_at=None)
    for document_id in stale:
        _enqueue(document_id)
    return len(stale)
