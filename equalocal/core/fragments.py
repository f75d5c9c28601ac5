"""Rendered parts of pages kept in the cache: ``{% cachedfragment key %}`` (core/templatetags).

A part is kept under a key that holds everything it shows: the version of its data (a
fingerprint read from the database in one query, so every worker and server sees a change
at once, whatever wrote it), the day, the address and what the viewer may do; the active
language is always part of the key.
A change gives a new key; nothing needs to be deleted, and old parts expire.

What is kept holds no visitor's secret: a ``{% csrf_token %}`` inside the part is kept as a
placeholder and replaced by this request's token each time the part is shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: How long a rendered part is kept; a new version of its data replaces it sooner.
SECONDS = 60 * 60
CSRF_PLACEHOLDER = "csrf-token-placeholder-4b1f0c"


def fragment_key(name: str, *parts: object) -> str:
    """The cache key of the part ``name`` for these parts (versions, viewer…) in the active
    language: what is kept under it, rendered or computed, may hold translated text."""
    text = "\n".join(str(part) for part in (*parts, f"language:{get_language()}"))
    return f"fragment:{name}:{hashlib.sha256(text.encode()).hexdigest()}"


def cached_fragment(
    key: str, render: Callable[[str], str], csrf_token: Callable[[], str]
) -> SafeString:
    """The part under ``key``, rendered by ``render(placeholder)`` when it is not kept yet
    (with the placeholder in place of the CSRF token); ``csrf_token()`` gives this
    request's token, asked for only when the part holds a form."""
    html = cache.get(key)
    if html is None:
        html = str(render(CSRF_PLACEHOLDER))
        cache.set(key, html, SECONDS)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token())
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


def remembered(key: str, compute: Callable[[], object]):
    """``compute()``'s result kept in the cache under ``key`` (from :func:`fragment_key`, with
    the version of the data it is derived from): derived figures computed once per version."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value


def version_rows(sql: str, params) -> list[tuple]:
    """The rows of a data-version query, sorted: ``sql`` is ``SELECT n, count, latest,
    sum … UNION ALL SELECT …``, one row per table.

    The parts run as derived tables side by side in one row rather than as a ``UNION ALL``:
    for a union PostgreSQL's planner sums the parts' costs and starts parallel workers,
    whose start-up costs ten times the query itself (12 ms instead of 1.3 ms for the plan
    page's version on national data); and no part's bare NULL is taken for text."""
    parts = sql.split(" UNION ALL ")
    joined = "SELECT * FROM " + " CROSS JOIN ".join(  # noqa: S608 - our own SQL
        f"({part}) AS part_{n}" for n, part in enumerate(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(joined, params)
        row = cursor.fetchone()
    width = len(row) // len(parts)
    return sorted(tuple(row[n : n + width]) for n in range(0, len(row), width))
