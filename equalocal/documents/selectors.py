"""Reads of documents, their pages and extracted items, and the access helpers that scope them.

Documents are private to their organisation: members read them (non-members get 404),
editors upload, review, retry and cancel, admins also delete (403 below the role needed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from equalocal.organisations import permissions
from equalocal.organisations.models import Organisation
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import memberships_for_user

from .models import Document, DocumentTable, ExtractedItem, ItemKind, ItemStatus, Page

__all__ = [
    "DocumentDetail",
    "accepted_items",
    "document_detail_context",
    "document_languages",
    "document_list",
    "documents_of",
    "get_document_for_user",
    "get_item_for_user",
    "get_page_for_document",
    "items_of",
    "organisations_for_review",
    "plan_for_review",
    "plans_for_review",
    "provenance_for",
    "review_context",
    "search_hits_with_slugs",
    "searchable_organisations",
]


LIST_PAGE_SIZE = 50


def _check(user, organisation: Organisation, action: str) -> None:
    permissions.require(user, organisation, action)


def get_document_for_user(user, org_slug: str, pk: int, *, action: str = Action.VIEW) -> Document:
    """A document of the organisation: 404 for non-members, 403 below ``action``.

    Action.VIEW is for members, Action.EDIT (upload, review, retry, cancel, rename) for editors,
    Action.MANAGE (delete) for admins.
    """
    document = get_object_or_404(
        Document.objects.select_related("organisation", "stored_file", "uploaded_by"),
        pk=pk,
        organisation__slug=org_slug,
    )
    _check(user, document.organisation, action)
    return document


def get_item_for_user(
    user, org_slug: str, doc_pk: int, item_pk: int, *, action: str = Action.EDIT
) -> ExtractedItem:
    """An extracted item of a document of the organisation; reviewing it needs Action.EDIT."""
    document = get_document_for_user(user, org_slug, doc_pk, action=action)
    item = get_object_or_404(ExtractedItem, pk=item_pk, document=document)
    item.document = document
    return item


def get_page_for_document(document: Document, number: int) -> Page:
    """One page of the document by its number; 404 when it has no such page."""
    return get_object_or_404(Page, document=document, number=number)


def document_list(
    *,
    organisation: Organisation,
    stage: str = "",
    kind: str = "",
    language: str = "",
    q: str = "",
    page: int | str | None = 1,
    per_page: int = LIST_PAGE_SIZE,
) -> PaginatorPage:
    """One page of the organisation's documents, newest first, filtered.

    Each document carries ``pending_count`` (items still to review). Two queries
    whatever the number of documents: the count and the page.
    """
    queryset = documents_of(organisation, stage=stage, kind=kind, language=language, q=q)
    queryset = queryset.order_by("-created_at", "-id")
    return Paginator(queryset, per_page).get_page(page)


def documents_of(
    organisation: Organisation, *, stage: str = "", kind: str = "", language: str = "", q: str = ""
) -> QuerySet:
    """The organisation's documents, filtered, each with ``pending_count`` (items still to
    review); the caller orders and pages them."""
    queryset = (
        Document.objects.filter(organisation=organisation)
        .select_related("stored_file", "uploaded_by")
        .annotate(pending_count=Count("items", filter=Q(items__status=ItemStatus.PENDING)))
    )
    if stage:
        queryset = queryset.filter(stage=stage)
    if kind:
        queryset = queryset.filter(kind=kind)
    if language:
        queryset = queryset.filter(language=language)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(original_filename__icontains=q))
    return queryset


def items_of(document: Document, *, status: str = "") -> QuerySet:
    """The document's extracted items in every state (or in ``status``)."""
    items = ExtractedItem.objects.filter(document=document)
    if status:
        items = items.filter(status=status)
    return items


def accepted_items(document: Document) -> list[ExtractedItem]:
    """The items a person accepted: all that counts of what was extracted."""
    return list(
        ExtractedItem.objects.filter(document=document, status=ItemStatus.ACCEPTED).order_by(
            "kind", "order", "pk"
        )
    )


def document_languages(organisation: Organisation) -> list[str]:
    """The languages the organisation's documents are in, for the filter."""
    return list(
        Document.objects.filter(organisation=organisation)
        .exclude(language="")
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )


@dataclass
class DocumentDetail:
    """What the document page shows besides the document itself."""

    pages: list[Page]
    tables: list[DocumentTable]
    decisions: list[ExtractedItem] = field(default_factory=list)
    action_rows: list[ExtractedItem] = field(default_factory=list)

    @property
    def items(self) -> list[ExtractedItem]:
        return self.decisions + self.action_rows

    @property
    def pending_count(self) -> int:
        return sum(1 for item in self.items if item.status == ItemStatus.PENDING)

    @property
    def confident_pending_count(self) -> int:
        return sum(
            1
            for item in self.items
            if item.status == ItemStatus.PENDING and item.confidence >= CONFIDENT
        )


#: The threshold of "accept all confident items".
CONFIDENT = 0.8


def _items(document: Document) -> tuple[list[ExtractedItem], list[ExtractedItem]]:
    items = list(
        document.items.select_related("reviewed_by", "target_type")
        .prefetch_related("target")
        .order_by("kind", "order", "id")
    )
    for item in items:
        item.document = document
    decisions = [item for item in items if item.kind == ItemKind.DECISION]
    action_rows = [item for item in items if item.kind == ItemKind.ACTION_ROW]
    return decisions, action_rows


def document_detail_context(document: Document) -> DocumentDetail:
    """The document's pages (without their text), tables and items grouped by kind."""
    pages = list(document.pages.defer("text", "raw_text").order_by("number"))
    tables = list(document.tables.order_by("order", "id"))
    decisions, action_rows = _items(document)
    return DocumentDetail(pages=pages, tables=tables, decisions=decisions, action_rows=action_rows)


@dataclass
class ReviewContext:
    """The review screen: the page shown, the navigator and the items."""

    page: Page | None
    page_numbers: list[int]
    detail: DocumentDetail


def review_context(document: Document, page_number: int | None = None) -> ReviewContext:
    """The items and one page (the first page when ``page_number`` is None); 404 when the
    document has pages but not that one."""
    page_numbers = list(document.pages.order_by("number").values_list("number", flat=True))
    page = None
    if page_number is not None:
        page = get_page_for_document(document, page_number)
    elif page_numbers:
        page = document.pages.get(number=page_numbers[0])
    tables = list(document.tables.order_by("order", "id"))
    decisions, action_rows = _items(document)
    detail = DocumentDetail(pages=[], tables=tables, decisions=decisions, action_rows=action_rows)
    return ReviewContext(page=page, page_numbers=page_numbers, detail=detail)


def provenance_for(obj, *more) -> list[ExtractedItem]:
    """Accepted items whose target is ``obj`` (or any of ``more``), with their documents.

    These are the documents and pages the objects were created or updated from; one query.
    """
    condition = Q()
    for target in (obj, *more):
        if target is None or target.pk is None:
            continue
        # Matched by the content type's natural key in the same query, so a cold
        # content-type cache costs no extra query.
        meta = target._meta.concrete_model._meta
        condition |= Q(
            target_type__app_label=meta.app_label,
            target_type__model=meta.model_name,
            target_id=target.pk,
        )
    if not condition:
        return []
    return list(
        ExtractedItem.objects.filter(condition)
        .select_related("document__organisation")
        .order_by("document__title", "page", "id")
    )


def searchable_organisations(user) -> list[Organisation]:
    """Organisations whose documents the user may search: their own; all for staff."""
    if not user.is_authenticated:
        return []
    if user.is_staff:
        return list(
            Organisation.objects.filter(pk__in=Document.objects.values("organisation_id"))
            .order_by("name")
            .only("pk", "name", "slug")
        )
    return [membership.organisation for membership in memberships_for_user(user)]


@dataclass(frozen=True)
class LinkedHit:
    """A search hit with its organisation's slug, for the link to the document."""

    hit: object
    organisation_slug: str


def search_hits_with_slugs(hits) -> list[LinkedHit]:
    """Search hits with what their links need; one query for the whole page of hits."""
    slugs = dict(
        Document.objects.filter(pk__in=[hit.document_id for hit in hits]).values_list(
            "pk", "organisation__slug"
        )
    )
    return [
        LinkedHit(hit=hit, organisation_slug=slugs[hit.document_id])
        for hit in hits
        if hit.document_id in slugs
    ]


def plan_for_review(organisation: Organisation, plan_pk: int):
    """One of :func:`plans_for_review`, or None (an input to check)."""
    return plans_for_review(organisation).filter(pk=plan_pk).first()


def plans_for_review(organisation: Organisation) -> QuerySet:
    """The organisation's live plans an accepted activity can be added to."""
    from equalocal.plans.models import ActionPlan

    return (
        ActionPlan.objects.alive()
        .filter(organisation=organisation)
        .order_by("-period_start", "title")
        .only("pk", "title", "period_start", "period_end", "version_number", "status")
    )


def organisations_for_review(user, item) -> list:
    """The registered organisations a reviewer may record a decision for: the document's,
    the one the extractor matched, and every organisation the reviewer can edit."""
    from equalocal.organisations.models import Organisation
    from equalocal.organisations.permissions import can_edit
    from equalocal.organisations.selectors import memberships_for_user

    chosen = {item.document.organisation_id}
    matched = item.values.get("organisation_id")
    if matched:
        chosen.add(matched)
    for membership in memberships_for_user(user):
        if can_edit(user, membership.organisation):
            chosen.add(membership.organisation_id)
    return list(Organisation.objects.filter(pk__in=chosen).order_by("name"))
