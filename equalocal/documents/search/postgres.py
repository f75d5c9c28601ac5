"""PostgreSQL backend: a ``tsvector`` per page in its language's configuration plus 'simple'."""

from __future__ import annotations

from functools import lru_cache

from django.db import connection, transaction

#: ISO 639-1 → text search configuration shipped with PostgreSQL.
CONFIGS = {
    "sv": "swedish",
    "en": "english",
    "de": "german",
    "fr": "french",
    "it": "italian",
    "es": "spanish",
    "fi": "finnish",
    "da": "danish",
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
    "nl": "dutch",
    "pt": "portuguese",
    "lt": "lithuanian",
    "ro": "romanian",
    "hu": "hungarian",
}
QUERY_CONFIGS = [*sorted(set(CONFIGS.values())), "simple"]


def _config_case() -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in CONFIGS.items())
    return f"(CASE language {cases} ELSE 'simple' END)::regconfig"


def after_insert(*, document_ids) -> None:
    """Compute the vectors of newly inserted rows: title weighted above the text."""
    config = _config_case()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE documents_searchrow SET vector = "  # noqa: S608
            f"setweight(to_tsvector({config}, title), 'A') || to_tsvector({config}, body) || "
            "setweight(to_tsvector('simple', title), 'B') || to_tsvector('simple', body) "
            "WHERE document_id = ANY(%s)",
            [list(document_ids)],
        )


def tsquery(terms: list[list[str]], languages=None) -> tuple[str, list]:
    """SQL for a tsquery: every term, each in every configuration (its stemmed forms) ORed."""
    configs = _configs(languages)
    groups, params = [], []
    for term in terms:
        function = "phraseto_tsquery" if len(term) > 1 else "plainto_tsquery"
        text = " ".join(term)
        parts = []
        for config in configs:
            parts.append(f"{function}(%s::regconfig, %s)")
            params += [config, text]
        groups.append("(" + " || ".join(parts) + ")")
    return " && ".join(groups), params


def _configs(languages) -> list[str]:
    if languages is None:
        return QUERY_CONFIGS
    return [*sorted({CONFIGS[code] for code in languages if code in CONFIGS}), "simple"]


@lru_cache(maxsize=2000)
def _distinct_tsquery(terms: tuple[tuple[str, ...], ...], configs: tuple[str, ...]) -> str:
    """The tsquery of ``terms`` as text, each term's forms once.

    Most configurations stem a word the same way, and the planner takes "a | a | a" for a
    word three times as common as "a": it then reads the whole table instead of the index.
    The forms are asked of the database (its dictionaries) and kept once each.
    """
    groups = []
    with connection.cursor() as cursor:
        for term in terms:
            function = "phraseto_tsquery" if len(term) > 1 else "plainto_tsquery"
            cursor.execute(
                f"SELECT DISTINCT {function}(c::regconfig, %s)::text "  # noqa: S608 - our names
                "FROM unnest(%s::text[]) AS c",
                [" ".join(term), list(configs)],
            )
            forms = sorted(form for (form,) in cursor.fetchall() if form)
            if forms:
                groups.append("(" + " | ".join(f"( {form} )" for form in forms) + ")")
    return " & ".join(groups)


def _where(filters) -> tuple[str, list]:
    clauses = ["r.organisation_id = ANY(%s)"]
    params: list = [list(filters.organisation_ids)]
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


#: The windows of newest documents tried before the whole index, in multiples of the pages
#: wanted: a common word has enough matches among the newest, and then the heap of only
#: those is read.
WINDOWS = (8, 32, 128)
#: With this many organisations or fewer, their own index narrows the matches enough.
FEW_ORGANISATIONS = 10


def _candidates(cursor, query: str, where: str, params: list, size: int) -> list[int]:
    cursor.execute(
        "SELECT r.id FROM documents_searchrow r "  # noqa: S608 - only our own SQL is formatted in
        f"WHERE r.vector @@ %s::tsquery AND {where} "
        "ORDER BY r.document_id + 0 DESC, r.page LIMIT %s",
        [query, *params, size],
    )
    return [pk for (pk,) in cursor.fetchall()]


def best_pages(terms, filters, *, size: int, languages=None) -> list[tuple[int, int, float]]:
    """The best of the ``size`` newest matching pages, [(document_id, page, rank)] best first.

    ts_rank reads (detoasts) every vector it ranks, too slow for tens of thousands of pages:
    so when more than ``size`` pages match, only the newest ``size`` of them are ranked.

    The matches are found with bitmap scans only: the GIN index, ANDed with the filters'
    indexes and with a window of the newest documents (``WINDOWS``), so only the heap rows of
    likely matches are read, and those are narrow (text and vector live in TOAST, migration
    0004). An index walk newest-first would read the vector of every row it passes. Only the
    chosen pages' vectors are read, to rank them.
    """
    query = _distinct_tsquery(tuple(tuple(term) for term in terms), tuple(_configs(languages)))
    if not query:
        return []
    where, params = _where(filters)
    chosen = None
    with transaction.atomic(), connection.cursor() as cursor:
        windows = WINDOWS if len(filters.organisation_ids) > FEW_ORGANISATIONS else ()
        newest = 0
        if windows:
            cursor.execute("SELECT max(document_id) FROM documents_searchrow")
            newest = cursor.fetchone()[0] or 0
        cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            for factor in windows:
                lowest = newest - factor * size
                if lowest <= 0:
                    break
                found = _candidates(
                    cursor, query, f"{where} AND r.document_id > %s", [*params, lowest], size
                )
                if len(found) >= size:
                    chosen = found
                    break
            if chosen is None:
                chosen = _candidates(cursor, query, where, params, size)
        finally:
            cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")
        if not chosen:
            return []
        cursor.execute(
            "SELECT document_id, page, ts_rank(vector, %s::tsquery) AS score "
            "FROM documents_searchrow WHERE id = ANY(%s) "
            "ORDER BY score DESC, document_id DESC, page",
            [query, chosen],
        )
        return [(d, p, float(s)) for d, p, s in cursor.fetchall()]
