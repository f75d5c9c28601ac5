"""The public site: no sign-in, only what organisations publish, cacheable by ETag."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from . import selectors
from .exports import signatories_csv, signatory_record
from .forms import DirectoryFilterForm
from .geo import HEIGHT, WIDTH, europe


def _version(request):
    if not hasattr(request, "_public_version"):
        request._public_version = selectors.public_data_version()
    return request._public_version


def _last_modified(request, *args, **kwargs):
    # A signed-in visitor's page carries their own header: validated by ETag only.
    if request.user.is_authenticated:
        return None
    return _version(request)[0]


def _etag(request, *args, **kwargs):
    """Changes with the public data, the address (filters), the language, the visitor and
    the day (deadlines count days)."""
    parts = [
        _version(request)[1],
        request.get_full_path(),
        get_language() or "",
        str(request.user.pk or ""),
        timezone.localdate().isoformat(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


cacheable = condition(etag_func=_etag, last_modified_func=_last_modified)


PAGE_SIZE = 50
# Rendered parts are kept while the public data stay the same (the key holds their version).
CACHE_SECONDS = 60 * 60


def _cached(request, name: str, build):
    """``build()``'s result for this page, address, language and day, computed once for each
    version of the public data. What is kept holds no visitor's data (no CSRF token)."""
    parts = [name, _version(request)[1], request.get_full_path(), get_language() or ""]
    parts.append(timezone.localdate().isoformat())
    key = "public:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _directory(request):
    today = timezone.localdate()
    rows = selectors.signatories(today=today)
    countries = sorted({str(row.organisation.country) for row in rows})
    form = DirectoryFilterForm(request.GET or None, country_codes=countries)
    filters = form.filters()
    shown = selectors.filter_signatories(rows, **filters)
    # Counts per country of what the other filters show, so a country filter stays readable.
    by_country = selectors.counts_by_country(
        selectors.filter_signatories(rows, **{**filters, "country": ""})
    )
    return form, filters, rows, shown, by_country


def _query(filters: dict) -> str:
    """The filters as a query string for the other views of the same signatories."""
    return urlencode({name: value for name, value in filters.items() if value})


def _render_part(request, template: str, context: dict) -> str:
    return render_to_string(template, context, request=request)


@require_safe
@cacheable
def directory(request):
    def build():
        form, filters, rows, shown, by_country = _directory(request)
        page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "shown": len(shown),
            "total": len(rows),
            "by_country": by_country,
            "filtered": any(filters.values()),
            "query": _query(filters),
            "associations": selectors.national_associations(),
            "structured": _directory_structured(request, shown),
        }
        status = 400 if form.is_bound and not form.is_valid() else 200
        return status, _render_part(request, "public/parts/directory.html", context)

    status, body = _cached(request, "directory", build)
    return render(request, "public/directory.html", {"body": body}, status=status)


def _directory_structured(request, rows) -> dict:
    """schema.org ItemList of the signatories shown (the first page's worth, with their profiles)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": str(_("Signatories of the Equality Charter")),
        "numberOfItems": len(rows),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": row.organisation.name,
                "url": request.build_absolute_uri(
                    reverse("public:profile", kwargs={"org": row.organisation.slug})
                ),
            }
            for n, row in enumerate(rows[:PAGE_SIZE], start=1)
        ],
    }


@require_safe
@cacheable
def directory_csv(request):
    def build():
        _form, _filters, _rows, shown, _counts = _directory(request)
        return signatories_csv(shown, base_url=request.build_absolute_uri("/")[:-1])

    response = HttpResponse(_cached(request, "csv", build), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="signatories.csv"'
    return response


@require_safe
@cacheable
def directory_json(request):
    def build():
        form, filters, _rows, shown, by_country = _directory(request)
        if form.is_bound and not form.is_valid():
            return 400, {"errors": form.errors.get_json_data()}
        base = request.build_absolute_uri("/")[:-1]
        return 200, {
            "count": len(shown),
            "filters": filters,
            "countries": {code: n for code, _name, n in by_country},
            "signatories": [signatory_record(row, base_url=base) for row in shown],
        }

    def encoded():
        # The encoded body is what is kept: 2,000 signatories cost more to encode than to send.
        status, data = build()
        return status, json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)

    status, body = _cached(request, "json-body", encoded)
    return HttpResponse(body, status=status, content_type="application/json")


@require_safe
@cacheable
def signatory_map(request):
    def build():
        form, filters, _rows, shown, by_country = _directory(request)
        points, unplaced = selectors.map_points(shown)
        page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "shown": len(shown),
            "points": points,
            "unplaced": unplaced,
            "by_country": by_country,
            "countries": europe(),
            "countries_with": {code for code, _name, _n in by_country},
            "width": WIDTH,
            "height": HEIGHT,
            "filtered": any(filters.values()),
            "query": _query(filters),
        }
        return _render_part(request, "public/parts/map.html", context)

    return render(request, "public/map.html", {"body": _cached(request, "map", build)})


@require_safe
@cacheable
def profile(request, org):
    organisation = selectors.get_public_organisation(org)
    public = selectors.profile(organisation, today=timezone.localdate())
    return render(
        request,
        "public/profile.html",
        {
            "profile": public,
            "organisation": organisation,
            "structured": _structured(request, public),
        },
    )


def _structured(request, public) -> dict:
    """schema.org GovernmentOrganization for the profile."""
    org = public.organisation
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": org.name,
        "url": request.build_absolute_uri(request.path),
        "address": {"@type": "PostalAddress", "addressCountry": str(org.country)},
    }
    if org.address:
        data["address"]["streetAddress"] = org.address
    if org.phone:
        data["telephone"] = org.phone
    if org.website:
        data["sameAs"] = [org.website]
    if org.latitude is not None and org.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(org.latitude),
            "longitude": float(org.longitude),
        }
    if org.vision or org.description:
        data["description"] = org.vision or org.description
    return data


@require_safe
@cacheable
def national(request, org):
    association = selectors.get_national_association(org)
    overview = selectors.national_overview(association, today=timezone.localdate())
    return render(request, "public/national.html", {"overview": overview})
