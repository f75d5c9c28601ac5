"""Documents of an organisation: metadata and the extracted fields a person accepted.

Documents are internal: members only (404 for others). Items still to review or rejected
are not shown: nothing extracted counts until a person accepts it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from equalocal.documents.models import Document, ExtractedItem, ItemStatus

from .. import access
from ..auth import public
from ..errors import ERRORS
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["documents"])


class DocumentListItem(Schema):
    id: int
    title: str
    original_filename: str
    file_type: str
    size: int
    stage: str
    kind: str
    language: str
    cemr_related: bool | None
    document_date: date | None
    page_count: int
    created_at: datetime
    processed_at: datetime | None


class DocumentList(Schema):
    items: list[DocumentListItem]
    next_cursor: str | None


class DocumentFilters(Schema):
    stage: str | None = None
    kind: str | None = None
    language: str | None = None
    ordering: Literal["-created", "title", "id"] = "-created"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _document(document: Document) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "original_filename": document.original_filename,
        "file_type": document.stored_file.file_type,
        "size": document.stored_file.size,
        "stage": document.stage,
        "kind": document.kind,
        "language": document.language,
        "cemr_related": document.cemr_related,
        "document_date": document.document_date,
        "page_count": document.page_count,
        "created_at": document.created_at,
        "processed_at": document.processed_at,
    }


@router.get(
    "/organisations/{slug}/documents",
    response={200: DocumentList, **ERRORS},
    auth=public,
    url_name="documents",
)
def list_documents(request, slug: str, filters: Query[DocumentFilters]):
    """The organisation's documents (members only); filter by stage, kind and language."""
    organisation = access.organisation(request, slug)
    rows = Document.objects.filter(organisation=organisation).select_related("stored_file")
    for name in ("stage", "kind", "language"):
        value = getattr(filters, name)
        if value:
            rows = rows.filter(**{name: value})
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings={"-created": "-created_at", "title": "title", "id": "id"},
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_document(d) for d in page.items], "next_cursor": page.next_cursor}


class AcceptedItem(Schema):
    id: int
    kind: str
    page: int | None
    fields: dict[str, Any] = Field(description="As extracted, with the reviewer's corrections.")
    confidence: float
    reviewed_at: datetime | None


class DocumentDetail(Schema):
    id: int
    title: str
    original_filename: str
    file_type: str
    size: int
    stage: str
    kind: str
    language: str
    cemr_related: bool | None
    document_date: date | None
    page_count: int
    ocr_page_count: int
    created_at: datetime
    processed_at: datetime | None
    accepted_items: list[AcceptedItem]


@router.get(
    "/organisations/{slug}/documents/{document_id}",
    response={200: DocumentDetail, **ERRORS},
    auth=public,
    url_name="document",
)
def get_document(request, slug: str, document_id: int):
    """One document's metadata and its accepted extracted items (members only)."""
    organisation = access.organisation(request, slug)
    accepted = ExtractedItem.objects.filter(status=ItemStatus.ACCEPTED).order_by(
        "kind", "order", "pk"
    )
    document = get_object_or_404(
        Document.objects.select_related("stored_file").prefetch_related(
            Prefetch("items", queryset=accepted, to_attr="accepted")
        ),
        pk=document_id,
        organisation=organisation,
    )
    return {
        **_document(document),
        "ocr_page_count": document.ocr_page_count,
        "accepted_items": [
            {
                "id": item.pk,
                "kind": item.kind,
                "page": item.page,
                "fields": item.values,
                "confidence": item.confidence,
                "reviewed_at": item.reviewed_at,
            }
            for item in document.accepted
        ],
    }
