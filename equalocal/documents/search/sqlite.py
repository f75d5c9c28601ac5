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


def search(terms, filters, *, limit: int, offset: int, languages=None):
    """[(document_id, best page, rank)] best first, and the number of matching documents."""
    where, params = _where(filters)
    source = (
        "FROM documents_fts JOIN documents_searchrow r ON r.id = documents_fts.rowid "
        f"WHERE documents_fts MATCH %s AND {where}"
    )
    match = match_expression(terms, languages)
    # bm25() cannot sit inside an aggregate: rank the pages first, then keep each document's best.
    matched = f"WITH m AS MATERIALIZED (SELECT r.document_id, r.page, {RANK} AS score {source}) "
    with connection.cursor() as cursor:
        # SQLite takes the bare column (page) from the row holding the min() aggregate; the
        # window counts the documents in the same pass, so the match is evaluated once.
        cursor.execute(
            matched + "SELECT document_id, page, min(score) AS best, count(*) OVER () FROM m "  # noqa: S608
            "GROUP BY document_id ORDER BY best, document_id LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        rows = cursor.fetchall()
        ranked = [(document_id, page, -score) for document_id, page, score, _total in rows]
        if rows:
            return ranked, rows[0][3]
        if offset == 0:
            return [], 0
        cursor.execute(f"SELECT count(DISTINCT r.document_id) {source}", [match, *params])
        total = cursor.fetchone()[0]
    return ranked, total


def after_insert(*, document_ids) -> None:
    """Nothing to do: triggers on documents_searchrow keep the FTS5 index current."""
