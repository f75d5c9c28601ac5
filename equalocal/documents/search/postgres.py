"""PostgreSQL backend: a ``tsvector`` per page in its language's configuration plus 'simple'."""

from __future__ import annotations

from django.db import connection

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
    configs = QUERY_CONFIGS
    if languages is not None:
        configs = [*sorted({CONFIGS[code] for code in languages if code in CONFIGS}), "simple"]
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


def _source(terms, filters, languages) -> tuple[str, list]:
    query_sql, query_params = tsquery(terms, languages)
    where, params = _where(filters)
    # Only our own SQL is formatted in; every value is a parameter.
    source = (
        f"FROM documents_searchrow r, (SELECT {query_sql} AS query) q "
        f"WHERE r.vector @@ q.query AND {where}"
    )
    return source, [*query_params, *params]


def best_pages(terms, filters, *, size: int, languages=None) -> list[tuple[int, int, float]]:
    """The best of the ``size`` newest matching pages, [(document_id, page, rank)] best first.

    ts_rank reads (detoasts) every vector it ranks, too slow for tens of thousands of pages:
    so when more than ``size`` pages match, only the newest ``size`` of them are ranked.
    """
    source, params = _source(terms, filters, languages)
    query_sql, query_params = tsquery(terms, languages)
    # Words alone are decided by the GIN index (with the filters' indexes ANDed in): the
    # matches are sorted without reading a vector, "+ 0" keeping the planner from walking the
    # document_id index and testing vector after vector. A phrase needs every candidate's
    # vector rechecked anyway, so there the newest are best found walking that index.
    phrase = any(len(term) > 1 for term in terms)
    newest = "r.document_id DESC" if phrase else "r.document_id + 0 DESC"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.document_id, s.page, ts_rank(s.vector, q.query) AS score "  # noqa: S608
            f"FROM documents_searchrow s, (SELECT {query_sql} AS query) q WHERE s.id IN ("
            f"SELECT r.id {source} ORDER BY {newest}, r.page LIMIT %s) "
            "ORDER BY score DESC, s.document_id DESC, s.page",
            [*query_params, *params, size],
        )
        return [(d, p, float(s)) for d, p, s in cursor.fetchall()]
