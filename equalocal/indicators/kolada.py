"""A small client for Kolada's open API (v3): KPI metadata and data, with polite retries.

Kolada needs no key. Lists in a path segment are limited to about 25 ids, so
longer lists are split into several requests; each response holds up to 5,000
rows and links the next page with ``next_url``. Rate limiting (429) and server
errors (5xx) are retried with a growing pause, honouring ``Retry-After``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

import equalocal
from equalocal.core.errors import ApplicationError

BASE_URL = "https://api.kolada.se/v3"
MAX_IDS = 25
RETRY_STATUSES = {429, 500, 502, 503, 504}


def batched(items: Iterable, size: int = MAX_IDS) -> Iterator[list]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class KoladaClient:
    """Fetches JSON from Kolada; ``opener`` is the network boundary (``.open(request, timeout)``)."""

    def __init__(
        self,
        *,
        base_url: str = BASE_URL,
        opener=None,
        timeout: float = 30,
        retries: int = 4,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.opener = opener or urllib.request.build_opener()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0

    def get_json(self, url: str) -> dict:
        """GET ``url`` and decode it, retrying 429, 5xx and network failures with backoff."""
        request = urllib.request.Request(  # noqa: S310 - the URL is Kolada's (https) or its next_url
            url,
            headers={
                "Accept": "application/json",
                "User-Agent": f"equalocal/{equalocal.__version__}",
            },
        )
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    return json.loads(response.read(), parse_float=Decimal)
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUSES or attempt == self.retries:
                    raise ApplicationError(
                        _("Kolada answered %(status)s for %(url)s.")
                        % {"status": error.code, "url": url}
                    ) from None
                self.sleep(self._pause(attempt, error.headers.get("Retry-After")))
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                if attempt == self.retries:
                    raise ApplicationError(
                        _("Kolada could not be reached (%(error)s).") % {"error": error}
                    ) from None
                self.sleep(self._pause(attempt, None))
            except ValueError:
                raise ApplicationError(
                    _("Kolada's answer for %(url)s was not JSON.") % {"url": url}
                ) from None
        raise AssertionError("unreachable")

    def _pause(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), 120.0)
        return self.backoff * 2**attempt

    def pages(self, url: str) -> Iterator[dict]:
        """Yield each page of a listing, following ``next_url`` (``next_page`` in v2)."""
        seen = set()
        while url and url not in seen:
            seen.add(url)
            page = self.get_json(url)
            yield page
            url = page.get("next_url") or page.get("next_page")

    def items(self, url: str) -> Iterator[dict]:
        for page in self.pages(url):
            yield from page.get("values", [])

    def fetch_kpi_metadata(self, ids: Iterable[str]) -> list[dict]:
        """KPI descriptions from ``/v3/kpi/{ids}``, at most 25 ids per request."""
        result = []
        for group in batched(ids):
            result.extend(self.items(f"{self.base_url}/kpi/{_ids(group)}"))
        return result

    def data_urls(
        self,
        *,
        kpis: Iterable[str],
        municipalities: Iterable[str],
        years: Iterable[int],
        from_date: date | None = None,
    ) -> list[str]:
        """The ``/v3/data/kpi/{kpis}/municipality/{ids}/year/{years}`` URLs covering the request."""
        query = f"?{urlencode({'from_date': from_date.isoformat()})}" if from_date else ""
        return [
            f"{self.base_url}/data/kpi/{_ids(k)}/municipality/{_ids(m)}/year/{_ids(y)}{query}"
            for k in batched(kpis)
            for m in batched(municipalities)
            for y in batched(years)
        ]

    def fetch_data(self, **request) -> Iterator[dict]:
        """Yield Kolada data rows ``{kpi, municipality, period, values}`` of every page."""
        for url in self.data_urls(**request):
            yield from self.items(url)


def _ids(items) -> str:
    return quote(",".join(str(item) for item in items), safe=",")


def fetch_kpi_metadata(ids: Iterable[str], *, client: KoladaClient | None = None) -> list[dict]:
    """KPI metadata for ``ids`` from ``/v3/kpi`` (see :meth:`KoladaClient.fetch_kpi_metadata`)."""
    return (client or KoladaClient()).fetch_kpi_metadata(ids)
