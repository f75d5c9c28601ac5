"""SQLite backend: an FTS5 index over the stemmed words (migration 0002), ranked by BM25.

The filter columns are indexed too (migration 0005): for a search in a few organisations, or
with a kind, language or year, they are added to the match, so FTS5 only compares the words'
positions on the pages that pass the filters. The same filters are applied to the rows
themselves as well, so the results are the same with or without them in the match.
"""

from __future__ import annotations

from django.db import connection

from .query import variants, words

# Title words count three times as much as words in the page; the filter columns not at all.
RANK = "bm25(documents_fts, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0)"
#: The words of a query are looked for in these columns only.
TEXT_COLUMNS = "{title_stems stems}"
#: With this many organisations or fewer, they are part of the match. With more, matching the
#: ids costs more than it saves: most pages are in one of them.
FEW_ORGANISATIONS = 20


def match_expression(terms: list[list[str]], languages=None) -> str:
    """An FTS5 query: every term, each as any of its stemmed forms. Only word characters
    reach it, each phrase in double quotes, so it cannot be a syntax error."""
    groups = []
    for term in terms:
        forms = " OR ".join('"' + " ".join(form) + '"' for form in variants(term, languages))
        groups.append(f"({forms})")
    return f"{TEXT_COLUMNS} : ({' AND '.join(groups)})"


def _token(value) -> str:
    """A filter's value as FTS5 sees it (a quoted phrase of its words), or "" for none."""
    found = words(str(value))
    return '"' + " ".join(found) + '"' if found else ""


def filter_expression(filters) -> str:
    """The filters as an FTS5 query over the filter columns ("" when none is worth it)."""
    parts = []
    organisations = sorted({int(pk) for pk in filters.organisation_ids})
    if len(organisations) <= FEW_ORGANISATIONS:
        parts.append(f"organisation_id : ({' OR '.join(_token(pk) for pk in organisations)})")
    for column, value in (
        ("kind", filters.kind),
        ("language", filters.language),
        ("year", filters.year),
    ):
        token = _token(value) if value else ""
        if token:
            parts.append(f"{column} : {token}")
    return " AND ".join(parts)


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


def _match(terms, filters, languages, filters_in_match: bool) -> str:
    match = match_expression(terms, languages)
    narrowing = filter_expression(filters) if filters_in_match else ""
    return f"{match} AND {narrowing}" if narrowing else match


def _source(terms, filters, languages, *, filters_in_match: bool = True) -> tuple[str, list]:
    where, params = _where(filters)
    # The planner would look each match up by primary key, reading the page's whole row
    # (its text and stems, in overflow pages, come before document_id); the covering index
    # holds every column the search reads.
    source = (
        "FROM documents_fts JOIN documents_searchrow r INDEXED BY documents_searchrow_filter "
        f"ON r.id = documents_fts.rowid WHERE documents_fts MATCH %s AND {where}"
    )
    return source, [_match(terms, filters, languages, filters_in_match), *params]


def best_pages(
    terms, filters, *, size: int, languages=None, filters_in_match: bool = True
) -> list[tuple[int, int, float]]:
    """The best of the ``size`` newest matching pages, [(document_id, page, rank)] best first.

    Ranking every match costs too much for a common word (bm25 of tens of thousands of
    pages): FTS5 walks the match newest first and only the first ``size`` pages that pass the
    filters are ranked, so all matches are ranked when there are no more than that.

    With a phrase, the pages are found first and then ranked by bm25 of the phrase's words:
    bm25 of the phrase itself weighs it by comparing its words' positions in every page of
    the index, on each search. ``filters_in_match=False`` leaves the filters out of the match
    (the same results, slower).
    """
    source, params = _source(terms, filters, languages, filters_in_match=filters_in_match)
    with connection.cursor() as cursor:
        if all(len(term) == 1 for term in terms):
            cursor.execute(
                f"SELECT r.document_id, r.page, {RANK} {source} "
                "ORDER BY documents_fts.rowid DESC LIMIT %s",
                [*params, size],
            )
            rows = cursor.fetchall()
        else:
            cursor.execute(
                f"SELECT documents_fts.rowid, r.document_id, r.page {source} "
                "ORDER BY documents_fts.rowid DESC LIMIT %s",
                [*params, size],
            )
            found = cursor.fetchall()
            if not found:
                return []
            # Every page with the phrase has its words: they are ranked among the pages
            # with the words in the same span of the index.
            words = [[word] for term in terms for word in term]
            cursor.execute(
                f"SELECT rowid, {RANK} FROM documents_fts "  # noqa: S608 - our own SQL
                "WHERE documents_fts MATCH %s AND rowid BETWEEN %s AND %s",
                [
                    _match(words, filters, languages, filters_in_match),
                    min(rowid for rowid, _d, _p in found),
                    max(rowid for rowid, _d, _p in found),
                ],
            )
            scores = dict(cursor.fetchall())
            rows = [(document_id, page, scores[rowid]) for rowid, document_id, page in found]
    rows.sort(key=lambda row: (row[2], -row[0], row[1] or 0))
    return [(document_id, page, -score) for document_id, page, score in rows]


def after_insert(*, document_ids) -> None:
    """Nothing to do: triggers on documents_searchrow keep the FTS5 index current."""
