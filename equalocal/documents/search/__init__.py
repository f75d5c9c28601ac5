"""Full-text search over documents, behind one interface for SQLite (FTS5) and PostgreSQL.

One index row per page (``models.SearchRow``); results are per document, with the page that
matched best and a highlighted snippet from it. Words are stemmed in the page's language when
indexed and the query in each language, so "jämställdhetsplaner" finds "jämställdhetsplan" and
"decisions" finds "decision".
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import connection, transaction

from ..models import Document, Page, SearchRow
from . import postgres, sqlite
from .query import parse, stem_text
from .snippets import snippet_html


@dataclass
class SearchHit:
    document_id: int
    title: str
    organisation_name: str
    kind: str
    language: str
    page: int | None
    snippet_html: str  # escaped text with <mark> tags only
    rank: float


@dataclass
class SearchPage:
    hits: list[SearchHit] = field(default_factory=list)
    #: Matching documents; at least this many when ``total_is_estimate``.
    total: int = 0
    #: More pages matched than were ranked: there are at least ``total`` matching documents.
    total_is_estimate: bool = False


@dataclass
class Filters:
    organisation_ids: list[int]
    kind: str = ""
    language: str = ""
    year: int | None = None
    cemr_related: bool | None = None


# The languages present in the index: a query is stemmed only in those. Refreshed after a
# minute, as another process (the worker) may index a document in a new language.
_LANGUAGES_TTL = 60.0
_languages: dict = {"at": -_LANGUAGES_TTL, "codes": set()}


def indexed_languages() -> set[str]:
    now = time.monotonic()
    if now - _languages["at"] > _LANGUAGES_TTL:
        _languages["codes"] = set(
            SearchRow.objects.order_by().values_list("language", flat=True).distinct()
        )
        _languages["at"] = now
    return _languages["codes"]


def _backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def search_documents(
    *,
    organisation_ids: Collection[int],
    query: str,
    organisation_id: int | None = None,
    kind: str = "",
    language: str = "",
    year: int | None = None,
    cemr_related: bool | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Documents of ``organisation_ids`` matching every term of ``query``, best first.

    ``organisation_ids`` are the organisations the person may see; ``organisation_id``
    narrows to one of them. The year is the document's date, or its upload year. Any
    query is accepted: an empty one (or one without words) gives no results.
    """
    terms = parse(query)
    visible = [int(pk) for pk in organisation_ids]
    if organisation_id is not None:
        visible = [pk for pk in visible if pk == int(organisation_id)]
    if not terms or not visible:
        return SearchPage()
    filters = Filters(visible, kind, language, year, cemr_related)
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    languages = {language} if language else indexed_languages()
    ranked, total, estimate = _ranked(terms, filters, limit, offset, languages)
    if not ranked:
        return SearchPage(total=total, total_is_estimate=estimate)
    documents = Document.objects.select_related("organisation").in_bulk(
        [document_id for document_id, _page, _rank in ranked]
    )
    bodies = {
        (row["document_id"], row["page"]): row
        for row in SearchRow.objects.filter(
            document_id__in=[d for d, _p, _r in ranked], page__in={p for _d, p, _r in ranked}
        ).values("document_id", "page", "body", "language")
    }
    hits = []
    for document_id, page, rank in ranked:
        document = documents.get(document_id)
        if document is None:
            continue
        row = bodies.get((document_id, page), {})
        hits.append(
            SearchHit(
                document_id=document_id,
                title=document.title,
                organisation_name=document.organisation.name,
                kind=document.kind,
                language=document.language,
                page=page,
                snippet_html=snippet_html(
                    row.get("body", ""), terms, row.get("language") or document.language
                ),
                rank=float(rank),
            )
        )
    return SearchPage(hits=hits, total=total, total_is_estimate=estimate)


#: Matching pages ranked per search: with more matches than this (a common word), the newest
#: ones are ranked and the total is a floor (``total_is_estimate``).
CANDIDATES = 1000


def _ranked(terms, filters, limit: int, offset: int, languages):
    """[(document_id, best page, rank)] for the asked slice, the total, whether it is a floor.

    Ranking every match of a common word is too slow (bm25 / ts_rank of tens of thousands of
    pages), so the backends rank only the newest ``CANDIDATES`` matching pages (all of them
    when there are no more), taking more only when they hold too few documents for the slice.
    """
    backend = _backend()
    wanted = offset + limit
    # Whole multiples of CANDIDATES: every page of results up to it ranks the same pages.
    size = CANDIDATES * -(-wanted // CANDIDATES)
    while True:
        # One page more than ranked tells whether there are more matches than candidates.
        pages = backend.best_pages(terms, filters, size=size + 1, languages=languages)
        best: dict[int, tuple[int, int | None, float]] = {}
        for document_id, page, rank in pages:
            best.setdefault(document_id, (document_id, page, rank))
        more = len(pages) > size
        if not more or len(best) >= wanted:
            break
        size *= 4
    # With more matches than ranked, the documents among the ranked pages are a floor.
    total = min(len(best), size) if more else len(best)
    return list(best.values())[offset:wanted], total, more


def _year(document: Document) -> int | None:
    if document.document_date:
        return document.document_date.year
    return document.created_at.year if document.created_at else None


def index_rows(document: Document, pages) -> list[SearchRow]:
    """The index rows for a document's pages (``(number, text, language)`` triples)."""
    stemmed = connection.vendor != "postgresql"
    rows = []
    for number, text, language in pages:
        language = language or document.language
        rows.append(
            SearchRow(
                document_id=document.pk,
                page=number,
                organisation_id=document.organisation_id,
                kind=document.kind,
                language=language,
                year=_year(document),
                cemr=document.cemr_related,
                title=document.title,
                body=text,
                title_stems=stem_text(document.title, language) if stemmed else "",
                stems=stem_text(text, language) if stemmed else "",
            )
        )
    return rows


@transaction.atomic
def index_document(document: Document) -> int:
    """Replace the document's rows in the search index; returns the number of pages indexed."""
    remove_from_index(document.pk)
    pages = Page.objects.filter(document_id=document.pk).exclude(text="")
    rows = index_rows(document, pages.values_list("number", "text", "language"))
    SearchRow.objects.bulk_create(rows, batch_size=500)
    _languages["codes"] |= {row.language for row in rows}
    _backend().after_insert(document_ids=[document.pk])
    return len(rows)


@transaction.atomic
def index_documents(documents: list[Document]) -> int:
    """Replace the search index rows of many documents at once; returns the pages indexed.

    The bulk form of :func:`index_document` (for imports and generated data): one query
    reads the pages, one bulk insert writes the rows and, on PostgreSQL, one statement
    computes their vectors.
    """
    ids = [document.pk for document in documents]
    SearchRow.objects.filter(document_id__in=ids).delete()
    pages: dict[int, list] = {}
    for document_id, number, text, language in (
        Page.objects.filter(document_id__in=ids)
        .exclude(text="")
        .order_by("document_id", "number")
        .values_list("document_id", "number", "text", "language")
    ):
        pages.setdefault(document_id, []).append((number, text, language))
    rows = [
        row for document in documents for row in index_rows(document, pages.get(document.pk, []))
    ]
    SearchRow.objects.bulk_create(rows, batch_size=500)
    _languages["codes"] |= {row.language for row in rows}
    _backend().after_insert(document_ids=ids)
    return len(rows)


def remove_from_index(document_id: int) -> None:
    SearchRow.objects.filter(document_id=document_id).delete()


__all__ = [
    "SearchHit",
    "SearchPage",
    "index_document",
    "index_documents",
    "index_rows",
    "remove_from_index",
    "search_documents",
]
