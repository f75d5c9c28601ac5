"""The API's front door (``GET /api/v1/``): what it is and where to go from there."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router, Schema

from ..auth import public
from ..errors import ERRORS

router = Router(tags=["index"])

# The public collections a client starts from, by the operation's url_name.
COLLECTIONS = ("organisations", "practices", "publications", "events")


class ApiLinks(Schema):
    docs: str
    openapi: str
    organisations: str
    practices: str
    publications: str
    events: str


class ApiIndex(Schema):
    name: str
    version: str
    links: ApiLinks


@router.get("/", response={200: ApiIndex, **ERRORS}, auth=public, url_name="index")
def api_index(request):
    """The API's name and version, with links to its documentation, its OpenAPI document
    and the public collections to start from."""
    from ..main import api

    namespace = request.resolver_match.namespace

    def link(name: str) -> str:
        return request.build_absolute_uri(reverse(f"{namespace}:{name}"))

    return {
        "name": api.title,
        "version": api.version,
        "links": {
            "docs": link("openapi-view"),
            "openapi": link("openapi-json"),
            **{name: link(name) for name in COLLECTIONS},
        },
    }
