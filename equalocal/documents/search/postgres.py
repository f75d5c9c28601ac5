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


def search(terms, filters, *, limit: int, offset: int, languages=None):
    """[(document_id, best page, rank)] best first, and the number of matching documents."""
    query_sql, query_params = tsquery(terms, languages)
    where, params = _where(filters)
    # Only our own SQL is formatted in; every value is a parameter.
    matched = (
        f"WITH q AS (SELECT {query_sql} AS query), "  # noqa: S608
        "m AS (SELECT r.document_id, r.page, ts_rank(r.vector, q.query) AS score "
        f"FROM documents_searchrow r, q WHERE r.vector @@ q.query AND {where}) "
    )
    with connection.cursor() as cursor:
        # The window counts the documents in the same pass, so the match is evaluated once.
        cursor.execute(
            matched + "SELECT document_id, page, score, count(*) OVER () FROM ("  # noqa: S608
            "SELECT DISTINCT ON (document_id) document_id, page, score FROM m "
            "ORDER BY document_id, score DESC) best "
            "ORDER BY score DESC, document_id LIMIT %s OFFSET %s",
            [*query_params, *params, limit, offset],
        )
        rows = cursor.fetchall()
        ranked = [(d, p, float(s)) for d, p, s, _total in rows]
        if rows:
            return ranked, rows[0][3]
        if offset == 0:
            return [], 0
        cursor.execute(
            matched + "SELECT count(DISTINCT document_id) FROM m",  # noqa: S608
            [*query_params, *params],
        )
        total = cursor.fetchone()[0]
    return ranked, total
