"""Documents: uploaded files, their pages and tables, and what was extracted for review."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from equalocal.core.models import TimeStampedModel


def stored_file_path(instance: StoredFile, filename: str) -> str:
    """Content-addressed: the same bytes are stored once, under their SHA-256."""
    sha = instance.sha256
    return f"documents/{sha[:2]}/{sha[2:4]}/{sha}"


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word document (DOCX)")
    ODT = "odt", _("OpenDocument text (ODT)")
    HTML = "html", _("Web page (HTML)")
    TEXT = "text", _("Plain text")
    PNG = "png", _("PNG image")
    JPEG = "jpeg", _("JPEG image")
    TIFF = "tiff", _("TIFF image")
    UNKNOWN = "unknown", _("Unknown")


class StoredFile(models.Model):
    """The original bytes of an upload, kept unchanged, stored once per SHA-256."""

    sha256 = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to=stored_file_path, max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    file_type = models.CharField(
        _("file type"), max_length=10, choices=FileType.choices, default=FileType.UNKNOWN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256[:12]


class Stage(models.TextChoices):
    QUEUED = "queued", _("Queued")
    READING = "reading", _("Extracting text")
    OCR = "ocr", _("Recognising text (OCR)")
    REPAIRING = "repairing", _("Repairing OCR errors")
    LANGUAGE = "language", _("Detecting language")
    CLASSIFYING = "classifying", _("Classifying")
    EXTRACTING = "extracting", _("Extracting decisions and activities")
    INDEXING = "indexing", _("Indexing for search")
    REVIEW = "review", _("Ready for review")
    REVIEWED = "reviewed", _("Reviewed")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


#: Stages in which a worker is (or should be) processing the document.
ACTIVE_STAGES = (
    Stage.QUEUED,
    Stage.READING,
    Stage.OCR,
    Stage.REPAIRING,
    Stage.LANGUAGE,
    Stage.CLASSIFYING,
    Stage.EXTRACTING,
    Stage.INDEXING,
)


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Decision or protocol extract")
    ACTION_PLAN = "action_plan", _("Action plan")
    REPORT = "report", _("Progress or interim report")
    WEB_PAGE = "web_page", _("Web page or news")
    OTHER = "other", _("Other (motion, agenda, guidance)")


class Document(TimeStampedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("organisation"),
    )
    stored_file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    original_filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    # Processing state, written by the pipeline and shown live.
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.QUEUED, db_index=True
    )
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=30, blank=True)  # a types.RejectReason value
    error_detail = models.TextField(blank=True)  # technical detail, for staff
    attempts = models.PositiveSmallIntegerField(default=0)
    cancel_requested = models.BooleanField(default=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # last sign of life from a worker
    processed_at = models.DateTimeField(null=True, blank=True)

    # What the pipeline found.
    language = models.CharField(_("language"), max_length=8, blank=True)  # ISO 639-1
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices, blank=True)
    kind_confidence = models.FloatField(null=True, blank=True)
    cemr_related = models.BooleanField(_("concerns the Charter"), null=True, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    ocr_page_count = models.PositiveIntegerField(_("pages read by OCR"), default=0)
    warnings = models.JSONField(default=list, blank=True)  # RejectReason values that were not fatal

    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "stored_file"], name="document_once_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_current / self.progress_total))


class PageSource(models.TextChoices):
    TEXT_LAYER = "text_layer", _("Text layer")
    OCR = "ocr", _("OCR")
    NONE = "none", _("Not read yet")


class Page(models.Model):
    """One page of text (a whole DOCX/HTML/text file is one page)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(_("page"))  # 1-based
    text = models.TextField(blank=True)  # repaired
    raw_text = models.TextField(blank=True)  # as read, before repair
    source = models.CharField(max_length=10, choices=PageSource.choices, default=PageSource.NONE)
    ocr_confidence = models.FloatField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    repairs = models.JSONField(default=list, blank=True)  # list of types.Repair as dicts

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="page_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} p. {self.number}"


class DocumentTable(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tables")
    page = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=list)  # list of rows, each a list of cell strings

    class Meta:
        ordering = ["document", "order"]

    def __str__(self) -> str:
        return f"{self.document_id} table {self.order}"


class ItemKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    ACTION_ROW = "action_row", _("Activity")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ExtractedItem(models.Model):
    """A decision or action-table row found in a document, waiting for a person's review.

    Nothing extracted changes other data until someone accepts it. Accepting records the object
    it created or updated in ``target`` — the provenance link shown on that object.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=ItemKind.choices)
    order = models.PositiveIntegerField(default=0)
    page = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict)  # fields as extracted (types.Decision / types.ActionRow)
    corrected = models.JSONField(default=dict, blank=True)  # the reviewer's corrections only
    confidence = models.FloatField(default=0.0)
    evidence = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["document", "kind", "order", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.order} of {self.document_id}"

    @property
    def values(self) -> dict:
        """The extracted fields with the reviewer's corrections applied."""
        return {**self.data, **self.corrected}


class SearchRow(models.Model):
    """One page of a document as the search index sees it (``documents.search``).

    The full-text index itself is kept by the database: an FTS5 table fed by triggers on
    SQLite, a ``tsvector`` column with a GIN index on PostgreSQL (both made by migration
    0002). The filter columns are copied from the document so a search never joins it.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    page = models.PositiveIntegerField(null=True, blank=True)
    organisation_id = models.BigIntegerField()
    kind = models.CharField(max_length=12, blank=True)
    language = models.CharField(max_length=8, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    cemr = models.BooleanField(null=True, blank=True)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Stemmed words in the page's language, for SQLite's FTS5 (PostgreSQL stems by itself).
    title_stems = models.TextField(blank=True)
    stems = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation_id", "year"]),
            # Covers the lookup from a full-text match to its filter columns, so the search
            # never reads the wide rows (text and stems) of pages it does not show.
            models.Index(
                fields=["id", "document", "page", "organisation_id", "kind", "language", "year",
                        "cemr"],
                name="documents_searchrow_filter",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.document_id} p. {self.page}"
