"""The public site: no sign-in, only what organisations publish, cacheable by ETag."""

from __future__ import annotations

import hashlib

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
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


@require_safe
@cacheable
def directory(request):
    form, filters, rows, shown, by_country = _directory(request)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    context = {
        "form": form,
        "rows": shown,
        "total": len(rows),
        "by_country": by_country,
        "filtered": any(filters.values()),
        "query": query,
        "associations": selectors.national_associations(),
        "structured": _directory_structured(request, shown),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "public/directory.html", context, status=status)


def _directory_structured(request, rows) -> dict:
    """schema.org ItemList of the signatories shown (the first 100, with their profiles)."""
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
            for n, row in enumerate(rows[:100], start=1)
        ],
    }


@require_safe
@cacheable
def directory_csv(request):
    _form, _filters, _rows, shown, _counts = _directory(request)
    response = HttpResponse(
        signatories_csv(shown, base_url=request.build_absolute_uri("/")[:-1]),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="signatories.csv"'
    return response


@require_safe
@cacheable
def directory_json(request):
    form, filters, _rows, shown, by_country = _directory(request)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    base = request.build_absolute_uri("/")[:-1]
    return JsonResponse(
        {
            "count": len(shown),
            "filters": filters,
            "countries": {code: n for code, _name, n in by_country},
            "signatories": [signatory_record(row, base_url=base) for row in shown],
        },
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
@cacheable
def signatory_map(request):
    form, filters, _rows, shown, by_country = _directory(request)
    points, unplaced = selectors.map_points(shown)
    countries_with = {code for code, _name, _n in by_country}
    context = {
        "form": form,
        "rows": shown,
        "points": points,
        "unplaced": unplaced,
        "by_country": by_country,
        "countries": europe(),
        "countries_with": countries_with,
        "width": WIDTH,
        "height": HEIGHT,
        "filtered": any(filters.values()),
    }
    return render(request, "public/map.html", context)


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
