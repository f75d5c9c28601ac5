"""The REST API (``/api/v1/``): one NinjaAPI with a router per domain.

Every GET answer carries an ETag (a digest of its body); a client that sends it back in
``If-None-Match`` gets 304 without the body. Answers vary by token and language.
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponseNotModified
from ninja import NinjaAPI, Swagger

from . import errors
from .routers import (
    commitments,
    documents,
    index,
    indicators,
    library,
    networks,
    organisations,
    plans,
    reports,
)

DESCRIPTION = """The equalocal REST API.

Public data (what organisations publish) needs no token. An organisation's internal data
needs a personal API token, created under *Your profile → API tokens* and sent as
`Authorization: Bearer eql_…`; it acts with your roles. Lists are paged with `cursor`
(the `next_cursor` of the previous page) and `limit`. Errors are
`{"error": {"code", "message", "fields"}}`.

Writes go through the same services as the pages, with the same roles and optimistic locks:
send the `lock_version` you read (for figures, their `updated_at`); a stale one gives 409
(`conflict`). A network only asks an organisation to become a member; the organisation's
admins answer (`/organisations/{slug}/network-requests`), and answering a request answered
already gives 409 (`state_conflict`).
"""


def _etag_matches(header: str, etag: str) -> bool:
    candidates = {part.strip().removeprefix("W/") for part in header.split(",")}
    return "*" in candidates or etag in candidates


class EqualocalApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Vary"] = "Authorization, Accept-Language"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
            response["ETag"] = etag
            response["Cache-Control"] = "private, no-cache"
            header = request.headers.get("If-None-Match")
            if header and _etag_matches(header, etag):
                not_modified = HttpResponseNotModified()
                for name in ("ETag", "Vary", "Cache-Control"):
                    not_modified[name] = response[name]
                return not_modified
        return response


api = EqualocalApi(
    title="equalocal API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", index.router)
api.add_router("", organisations.router)
api.add_router("", commitments.router)
api.add_router("", plans.router)
api.add_router("", indicators.router)
api.add_router("", networks.router)
api.add_router("", documents.router)
api.add_router("", library.router)
api.add_router("", reports.router)
