"""Rate limits of the API, counted in the cache per client address (fixed windows).

Anonymous clients get a number of requests per minute; an address that sends too many
wrong or revoked tokens is refused for the rest of the window, valid token or not, so
tokens cannot be guessed. Both answer 429 with Retry-After.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache

ANONYMOUS_WINDOW = 60
FAILED_WINDOW = 15 * 60


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def client_address(request) -> str:
    # REMOTE_ADDR only: a forwarded header is the client's to forge. Behind a proxy, the
    # proxy sets REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or "unknown"


def _window(seconds: int) -> tuple[int, int]:
    now = time.time()
    start = int(now // seconds) * seconds
    return start, max(1, math.ceil(start + seconds - now))


def _count(key: str, seconds: int) -> int:
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this is the first hit of a new window.
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def hit_anonymous(request) -> None:
    """Count an anonymous request; raise RateLimited beyond the limit per minute."""
    start, retry_after = _window(ANONYMOUS_WINDOW)
    key = f"api:anon:{client_address(request)}:{start}"
    if _count(key, ANONYMOUS_WINDOW) > settings.API_ANONYMOUS_PER_MINUTE:
        raise RateLimited(retry_after)


def _failed_key(request) -> tuple[str, int]:
    start, retry_after = _window(FAILED_WINDOW)
    return f"api:failed:{client_address(request)}:{start}", retry_after


def check_failed_tokens(request) -> None:
    """Refuse an address that sent too many wrong tokens in the current window."""
    key, retry_after = _failed_key(request)
    if (cache.get(key) or 0) >= settings.API_FAILED_TOKENS_PER_15_MINUTES:
        raise RateLimited(retry_after)


def record_failed_token(request) -> None:
    key, _ = _failed_key(request)
    _count(key, FAILED_WINDOW)
