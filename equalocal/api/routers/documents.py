"""Documents of an organisation: metadata, the extracted fields a person accepted, and their
review.

Documents are internal: members only (404 for others). A document's own view shows the
accepted items only: nothing extracted counts until a person accepts it. Editors review the
items (``/items``: accept, with corrections, or reject) and rename documents through the same
services as the review page, with the same optimistic locks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from equalocal.documents import services
from equalocal.documents.models import Document, ExtractedItem, ItemKind, ItemStatus
from equalocal.documents.selectors import (
    accepted_items,
    documents_of,
    get_document_for_user,
    get_item_for_user,
    items_of,
    organisations_for_review,
    plan_for_review,
)
from equalocal.organisations.permissions import Action

from .. import access
from ..auth import private, public
from ..errors import ERRORS, ApiError
from ..inputs import Input, Text
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


class DocumentFilters(Input):
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
def list_documents(request, slug: Text, filters: Query[DocumentFilters]):
    """The organisation's documents (members only); filter by stage, kind and language."""
    organisation = access.organisation(request, slug)
    rows = documents_of(
        organisation,
        stage=filters.stage or "",
        kind=filters.kind or "",
        language=filters.language or "",
    )
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
    lock_version: int
    accepted_items: list[AcceptedItem]


@router.get(
    "/organisations/{slug}/documents/{document_id}",
    response={200: DocumentDetail, **ERRORS},
    auth=public,
    url_name="document",
)
def get_document(request, slug: Text, document_id: int):
    """One document's metadata and its accepted extracted items (members only)."""
    return _document_detail(get_document_for_user(request.user, slug, document_id))


def _document_detail(document: Document) -> dict:
    return {
        **_document(document),
        "ocr_page_count": document.ocr_page_count,
        "lock_version": document.lock_version,
        "accepted_items": [
            {
                "id": item.pk,
                "kind": item.kind,
                "page": item.page,
                "fields": item.values,
                "confidence": item.confidence,
                "reviewed_at": item.reviewed_at,
            }
            for item in accepted_items(document)
        ],
    }


class DocumentUpdate(Input):
    lock_version: int = Field(description="The lock_version read with the document.")
    title: str = Field(min_length=1, max_length=300)


@router.patch(
    "/organisations/{slug}/documents/{document_id}",
    response={200: DocumentDetail, **ERRORS},
    auth=private,
    url_name="document-update",
)
def update_document(request, slug: Text, document_id: int, payload: DocumentUpdate):
    """Rename a document (editors and admins); a stale ``lock_version`` gives 409."""
    document = get_document_for_user(request.user, slug, document_id, action=Action.EDIT)
    access.writing(request)
    services.document_update(
        document=document,
        by=request.user,
        title=payload.title,
        lock_version=payload.lock_version,
    )
    return _document_detail(get_document_for_user(request.user, slug, document.pk))


# Review of extracted items --------------------------------------------------------------------

ItemStatusName = Literal["pending", "accepted", "rejected"]
assert set(ItemStatusName.__args__) == set(ItemStatus.values)


class ItemOut(Schema):
    id: int
    kind: str
    status: str
    page: int | None
    extracted: dict[str, Any] = Field(description="The fields as the extractor found them.")
    corrected: dict[str, Any] = Field(description="The reviewer's corrections only.")
    fields: dict[str, Any] = Field(description="As extracted, with the corrections applied.")
    confidence: float
    evidence: str
    reviewed_at: datetime | None
    lock_version: int


class ItemList(Schema):
    items: list[ItemOut]
    next_cursor: str | None


class ItemFilters(Input):
    status: ItemStatusName | None = None
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _item(item: ExtractedItem) -> dict:
    return {
        "id": item.pk,
        "kind": item.kind,
        "status": item.status,
        "page": item.page,
        "extracted": item.data,
        "corrected": item.corrected,
        "fields": item.values,
        "confidence": item.confidence,
        "evidence": item.evidence,
        "reviewed_at": item.reviewed_at,
        "lock_version": item.lock_version,
    }


@router.get(
    "/organisations/{slug}/documents/{document_id}/items",
    response={200: ItemList, **ERRORS},
    auth=public,
    url_name="document-items",
)
def list_items(request, slug: Text, document_id: int, filters: Query[ItemFilters]):
    """The document's extracted items in every state, for its review (members only);
    filter by ``status`` (``pending``: still to review)."""
    document = get_document_for_user(request.user, slug, document_id)
    page = paginate(
        items_of(document, status=filters.status or ""),
        ordering="id",
        orderings={"id": "id"},
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_item(i) for i in page.items], "next_cursor": page.next_cursor}


CorrectionValue = str | int | None


class ItemAccept(Input):
    lock_version: int = Field(description="The lock_version read with the item.")
    corrections: dict[str, CorrectionValue] = Field(
        default_factory=dict,
        max_length=20,
        description=(
            "Fields to correct before accepting, by name (a decision's: organisation, "
            "organisation_id, country, decision_date, signing_date, proposal_date, deciding_body, "
            "paragraph, case_number, decision_type, status, evidence; an activity row's: goal, "
            "activity, responsible, timeframe, status, charter_article)."
        ),
    )
    plan: int | None = Field(
        None,
        description="For an activity row: the organisation's plan to add it to; without it, "
        "a draft plan made for the document.",
    )


MAX_CORRECTION_LENGTH = 2000


def _corrections(request, item: ExtractedItem, corrections: dict) -> dict:
    """The corrections as the review form would send them: texts of a bounded length, and an
    organisation only among those the reviewer may choose."""
    for name, value in corrections.items():
        if isinstance(value, str) and len(value) > MAX_CORRECTION_LENGTH:
            raise ApiError(
                422,
                "invalid_input",
                _("The input is not valid."),
                {name: [_("This text is too long.")]},
            )
    chosen = corrections.get("organisation_id")
    if chosen not in (None, ""):
        allowed = {str(o.pk) for o in organisations_for_review(request.user, item)}
        if str(chosen) not in allowed:
            raise ApiError(
                422,
                "invalid_input",
                _("The input is not valid."),
                {"organisation_id": [_("Choose an organisation from the list.")]},
            )
    return corrections


def _review_plan(item: ExtractedItem, plan_id: int | None):
    if plan_id is None or item.kind != ItemKind.ACTION_ROW:
        return None
    plan = plan_for_review(item.document.organisation, plan_id)
    if plan is None:
        raise ApiError(
            422,
            "invalid_input",
            _("The input is not valid."),
            {"plan": [_("Choose one of the organisation's plans.")]},
        )
    return plan


def _item_for_review(request, slug: str, document_id: int, item_id: int) -> ExtractedItem:
    item = get_item_for_user(request.user, slug, document_id, item_id, action=Action.EDIT)
    access.writing(request)
    return item


@router.post(
    "/organisations/{slug}/documents/{document_id}/items/{item_id}/accept",
    response={200: ItemOut, **ERRORS},
    auth=private,
    url_name="document-item-accept",
)
def accept_item(request, slug: Text, document_id: int, item_id: int, payload: ItemAccept):
    """Accept an extracted item, with corrections, as on the review page (editors and
    admins): a decision to sign adds a step to the commitment, a plan's adoption marks the
    plan adopted, an activity row becomes an activity. A stale ``lock_version`` gives 409;
    any refusal saves nothing."""
    item = _item_for_review(request, slug, document_id, item_id)
    services.item_accept(
        item=item,
        by=request.user,
        corrections=_corrections(request, item, payload.corrections),
        lock_version=payload.lock_version,
        plan=_review_plan(item, payload.plan),
    )
    item.refresh_from_db()
    return _item(item)


class ItemReject(Input):
    lock_version: int = Field(description="The lock_version read with the item.")


@router.post(
    "/organisations/{slug}/documents/{document_id}/items/{item_id}/reject",
    response={200: ItemOut, **ERRORS},
    auth=private,
    url_name="document-item-reject",
)
def reject_item(request, slug: Text, document_id: int, item_id: int, payload: ItemReject):
    """Reject an extracted item (editors and admins): nothing is changed, and it is not
    offered again. A stale ``lock_version`` gives 409."""
    item = _item_for_review(request, slug, document_id, item_id)
    services.item_reject(item=item, by=request.user, lock_version=payload.lock_version)
    item.refresh_from_db()
    return _item(item)
