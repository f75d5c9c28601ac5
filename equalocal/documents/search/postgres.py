"""PostgreSQL backend: a ``tsvector`` per page in its language's configuration plus 'simple'."""

from __future__ import annotations

import re
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


def organisation_lexeme(organisation_id: int) -> str:
    """The lexeme that marks a page of an organisation in its vector ("org 12").

    No text gives it: the parser splits words at spaces. A search in a few organisations
    asks for it with the words, so the GIN index alone finds the pages (``best_pages``).
    """
    return f"org {int(organisation_id)}"


#: SQL for the vector of a row of documents_searchrow: title weighted above the text, in its
#: language's configuration and in 'simple', and the organisation's lexeme.
VECTOR_SQL = (
    f"setweight(to_tsvector({_config_case()}, title), 'A') || "
    f"to_tsvector({_config_case()}, body) || "
    "setweight(to_tsvector('simple', title), 'B') || to_tsvector('simple', body) || "
    "array_to_tsvector(ARRAY['org ' || organisation_id::text])"
)


def after_insert(*, document_ids) -> None:
    """Compute the vectors of newly inserted rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE documents_searchrow SET vector = {VECTOR_SQL} "  # noqa: S608 - our SQL
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


def _where(filters, *, organisations_indexed: bool = True) -> tuple[str, list]:
    # "+ 0" keeps the planner off the organisation index when the GIN index has the
    # organisations already (it would read every page of theirs and check its vector).
    column = "r.organisation_id" if organisations_indexed else "r.organisation_id + 0"
    clauses = [f"{column} = ANY(%s)"]
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
#: With this many organisations or fewer, their lexemes are part of the GIN lookup.
FEW_ORGANISATIONS = 10
#: A phrase's words next to each other ("a <-> b", "a <2> b", as phraseto_tsquery writes it).
_PHRASE_OPERATOR = re.compile(r"<(?:\d+|-)>")


def without_positions(query: str) -> str:
    """The tsquery with its phrases' words only required, not in order ("a & b" for
    "a <-> b"): the GIN index answers it alone, with no page's vector to read."""
    return _PHRASE_OPERATOR.sub("&", query)


def _ranked_pages(cursor, query: str, exact: str, where: str, params: list, size: int, *,
                  enough: int = 0):  # fmt: skip
    """The ``size`` newest pages matching ``query``, among those the GIN index finds for
    ``exact`` and the filters, ranked: [(document_id, page, rank)] best first.

    Each page's vector is read (from TOAST) once: for a phrase (``query`` not ``exact``) the
    newest candidates' vectors are read one after the other until ``size`` have the words in
    order, each copied once (``|| ''``) to check the order and rank it. Otherwise only the
    chosen pages' vectors are read, to rank them, and only if there are at least ``enough``
    of them (a window of newest documents with too few matches is not ranked: rank None).
    """
    if query == exact:
        cursor.execute(
            "SELECT x.document_id, x.page, "  # noqa: S608 - only our own SQL
            "CASE WHEN count(*) OVER () >= %s THEN ts_rank(x.vector, %s::tsquery) END AS score "
            "FROM (SELECT r.document_id, r.page, r.vector FROM documents_searchrow r "
            f"WHERE r.vector @@ %s::tsquery AND {where} "
            "ORDER BY r.document_id + 0 DESC, r.page LIMIT %s) x "
            "ORDER BY score DESC, x.document_id DESC, x.page",
            [enough, query, exact, *params, size],
        )
    else:
        cursor.execute(
            "SELECT y.document_id, y.page, y.score FROM ("  # noqa: S608 - only our own SQL
            "SELECT c.document_id, c.page, ts_rank(d.v, %s::tsquery) AS score "
            "FROM (SELECT r.document_id, r.page, r.vector FROM documents_searchrow r "
            f"WHERE r.vector @@ %s::tsquery AND {where} "
            "ORDER BY r.document_id + 0 DESC, r.page OFFSET 0) c "
            "CROSS JOIN LATERAL (SELECT c.vector || ''::tsvector AS v OFFSET 0) d "
            "WHERE d.v @@ %s::tsquery LIMIT %s) y "
            "ORDER BY y.score DESC, y.document_id DESC, y.page",
            [query, exact, *params, query, size],
        )
    return [
        (document_id, page, None if score is None else float(score))
        for document_id, page, score in cursor.fetchall()
    ]


def best_pages(
    terms, filters, *, size: int, languages=None, filters_in_match: bool = True
) -> list[tuple[int, int, float]]:
    """The best of the ``size`` newest matching pages, [(document_id, page, rank)] best first.

    ts_rank reads (detoasts) every vector it ranks, too slow for tens of thousands of pages:
    so when more than ``size`` pages match, only the newest ``size`` of them are ranked.

    The candidates are found by the GIN index alone, with bitmap scans only, so a page's
    vector (in TOAST, migration 0004) is read only to check a phrase's word order and to
    rank the chosen pages, once for both, in the statement that finds them
    (``_ranked_pages``):

    - in a few organisations (``FEW_ORGANISATIONS``), their lexemes are part of the lookup
      (``organisation_lexeme``); otherwise the GIN index is ANDed with a window of the newest
      documents (``WINDOWS``), then with the whole index;
    - a phrase is looked up as its words (``without_positions``), and the order of the
      words checked on the newest candidates until there are enough.

    ``filters_in_match=False`` leaves the organisations' lexemes out (the same
    results, read another way).
    """
    query = _distinct_tsquery(tuple(tuple(term) for term in terms), tuple(_configs(languages)))
    if not query:
        return []
    exact = without_positions(query)
    few = filters_in_match and len(filters.organisation_ids) <= FEW_ORGANISATIONS
    if few:
        lexemes = " | ".join(
            f"'{organisation_lexeme(pk)}'" for pk in sorted(set(filters.organisation_ids))
        )
        exact = f"( {exact} ) & ( {lexemes} )"
    where, params = _where(filters, organisations_indexed=not few)
    chosen = None
    with transaction.atomic(), connection.cursor() as cursor:
        windows = () if few else WINDOWS
        newest = 0
        if windows:
            cursor.execute("SELECT max(document_id) FROM documents_searchrow")
            newest = cursor.fetchone()[0] or 0
        # An index walk newest-first would read the vector of every page it passes.
        cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            for factor in windows:
                lowest = newest - factor * size
                if lowest <= 0:
                    break
                found = _ranked_pages(
                    cursor, query, exact, f"{where} AND r.document_id > %s", [*params, lowest],
                    size, enough=size,
                )  # fmt: skip
                if len(found) >= size:
                    chosen = found
                    break
            if chosen is None:
                chosen = _ranked_pages(cursor, query, exact, where, params, size)
        finally:
            cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")
    return chosen
