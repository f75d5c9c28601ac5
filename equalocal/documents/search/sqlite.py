"""SQLite backend: an FTS5 index over the stemmed words (migration 0002), ranked by BM25."""

from __future__ import annotations

from django.db import connection

from .query import variants

# Title words count three times as much as words in the page.
RANK = "bm25(documents_fts, 3.0, 1.0)"


def match_expression(terms: list[list[str]], languages=None) -> str:
    """An FTS5 query: every term, each as any of its stemmed forms. Only word characters
    reach it, each phrase in double quotes, so it cannot be a syntax error."""
    groups = []
    for term in terms:
        forms = " OR ".join('"' + " ".join(form) + '"' for form in variants(term, languages))
        groups.append(f"({forms})")
    return " AND ".join(groups)


def _where(filters) -> tuple[str, list]:
    clauses = [f"r.organisation_id IN ({', '.join(['%s'] * len(filters.organisation_ids))})"]
    params: list = list(filters.organisation_ids)
    if filters.kind:
        clauses.append("r.kind = %s")
        params.append(filters.kind)
    if filters.language:
        clauses.append("r.language = %s")
        params.append(filters.language)
    if filters.year:
        clauses.append("r.year = %s")
        params.append(int(filters.year))
    if filters.cemr_related is not None:
        clauses.append("r.cemr = %s")
        params.append(bool(filters.cemr_related))
    return " AND ".join(clauses), params


def _source(terms, filters, languages) -> tuple[str, list]:
    where, params = _where(filters)
    source = (
        "FROM documents_fts JOIN documents_searchrow r ON r.id = documents_fts.rowid "
        f"WHERE documents_fts MATCH %s AND {where}"
    )
    return source, [match_expression(terms, languages), *params]


def best_pages(terms, filters, *, size: int, languages=None) -> list[tuple[int, int, float]]:
    """The best of the ``size`` newest matching pages, [(document_id, page, rank)] best first.

    Ranking every match costs too much for a common word (bm25 of tens of thousands of
    pages): FTS5 walks the match newest first and only the first ``size`` pages that pass the
    filters are ranked, so all matches are ranked when there are no more than that.
    """
    source, params = _source(terms, filters, languages)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.document_id, r.page, {RANK} {source} "
            "ORDER BY documents_fts.rowid DESC LIMIT %s",
            [*params, size],
        )
        rows = cursor.fetchall()
    rows.sort(key=lambda row: (row[2], -row[0], row[1] or 0))
    return [(document_id, page, -score) for document_id, page, score in rows]


def after_insert(*, document_ids) -> None:
    """Nothing to do: triggers on documents_searchrow keep the FTS5 index current."""
