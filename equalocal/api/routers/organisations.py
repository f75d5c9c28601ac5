"""Organisations: the public directory."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Query, Router, Schema

from equalocal.organisations.models import Organisation
from equalocal.organisations.permissions import role_in
from equalocal.organisations.selectors import get_organisation_for_user, organisation_list

from ..auth import public
from ..errors import ERRORS
from ..inputs import Input, Text
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["organisations"])

ORDERINGS = {"name": "name", "-name": "-name", "id": "id", "-updated": "-updated_at"}


class OrganisationListItem(Schema):
    slug: str
    name: str
    kind: str
    country: str
    official_code: str
    parent: str | None
    website: str


class OrganisationList(Schema):
    items: list[OrganisationListItem]
    next_cursor: str | None


class OrganisationFilters(Input):
    country: str | None = None
    kind: str | None = None
    q: str | None = None
    ordering: Literal["name", "-name", "id", "-updated"] = "name"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _item(organisation: Organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "country": str(organisation.country.code or ""),
        "official_code": organisation.official_code,
        "parent": organisation.parent.slug if organisation.parent_id else None,
        "website": organisation.website,
    }


@router.get(
    "/organisations",
    response={200: OrganisationList, **ERRORS},
    auth=public,
    url_name="organisations",
)
def list_organisations(request, filters: Query[OrganisationFilters]):
    """The organisation directory (public), as on its page: filter by country (ISO code),
    kind, and ``q`` (in the name or slug, or the official code exactly)."""
    rows = organisation_list(
        search=filters.q or "",
        country=(filters.country or "").upper(),
        kind=filters.kind or "",
    )
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings=ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_item(o) for o in page.items], "next_cursor": page.next_cursor}


class OrganisationDetail(Schema):
    slug: str
    name: str
    kind: str
    country: str
    official_code: str
    parent: str | None
    website: str
    description: str
    your_role: str | None


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetail, **ERRORS},
    auth=public,
    url_name="organisation",
)
def get_organisation(request, slug: Text):
    """One organisation (public), with the caller's role in it."""
    organisation = get_organisation_for_user(request.user, slug)
    role = role_in(request.user, organisation)
    return {
        **_item(organisation),
        "description": organisation.description,
        "your_role": str(role) if role else None,
    }
