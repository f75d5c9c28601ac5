"""Rendered parts of pages kept in the cache: ``{% cachedfragment key %}`` (core/templatetags).

A part is kept under a key that holds everything it shows: the version of its data (a
fingerprint read from the database in one query, so every worker and server sees a change
at once, whatever wrote it), the language, the day, the address and what the viewer may do.
A change gives a new key; nothing needs to be deleted, and old parts expire.

What is kept holds no visitor's secret: a ``{% csrf_token %}`` inside the part is kept as a
placeholder and replaced by this request's token each time the part is shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

#: How long a rendered part is kept; a new version of its data replaces it sooner.
SECONDS = 60 * 60
CSRF_PLACEHOLDER = "csrf-token-placeholder-4b1f0c"


def fragment_key(name: str, *parts: object) -> str:
    """The cache key of the part ``name`` for these parts (versions, language, viewer…)."""
    text = "\n".join(str(part) for part in parts)
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
