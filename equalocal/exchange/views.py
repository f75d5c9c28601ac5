"""Exports (XLSX, CSV, JSON) and spreadsheet imports with a preview; thin views over the gate,
the selectors of the pages exported and this app's services."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from equalocal.core.decorators import signed_in_or_404
from equalocal.core.errors import ApplicationError
from equalocal.core.forms import add_service_error
from equalocal.core.uploads import limit_uploads, request_too_large
from equalocal.networks import permissions as network_permissions
from equalocal.networks import selectors as network_selectors
from equalocal.networks import services as network_services
from equalocal.organisations import permissions
from equalocal.organisations.forms import OrganisationFilterForm
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import (
    get_internal_organisation_for_user,
    organisation_countries,
    organisation_list,
)
from equalocal.plans.models import ActivityStatus
from equalocal.plans.selectors import get_plan_for_user

from . import exports, services
from .forms import MembersImportForm, PlanImportForm, too_large_message
from .member_rows import MEMBER_COLUMNS, outcome_label
from .models import ImportKind
from .plan_rows import PLAN_COLUMNS
from .selectors import get_preview_for_user


def _day(value: str | None) -> date | None:
    """A date kept as ISO text in a preview, back as a date for the page to show localised."""
    return date.fromisoformat(value) if value else None


def _download(export: exports.Export, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(export.render(fmt), content_type=exports.FORMATS[fmt])
    name = f"{slugify(filename) or export.name}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Exports --------------------------------------------------------------------------------------


@never_cache
@require_safe
def organisations_export(request, fmt):
    """The public directory with the filters of its page."""
    form = OrganisationFilterForm(request.GET or None, country_codes=organisation_countries())
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    organisations = organisation_list(
        search=filters.get("q", ""),
        country=filters.get("country", ""),
        kind=filters.get("kind", ""),
    )
    return _download(exports.organisations_export(organisations), fmt, "organisations")


@never_cache
@require_safe
def plan_export(request, org, plan, fmt):
    """A plan with its goals and activities: whoever may read the plan may export it."""
    plan = get_plan_for_user(request.user, org, plan)
    return _download(exports.plan_export(plan, user=request.user), fmt, plan.title)


@never_cache
@require_safe
@signed_in_or_404
def indicators_export(request, org, fmt):
    """The organisation's figures, long (one row per value) or wide (one column per gender)."""
    organisation = get_internal_organisation_for_user(request.user, org)
    wide = request.GET.get("layout") == "wide"
    export = exports.indicators_export(organisation, wide=wide)
    return _download(export, fmt, f"{organisation.slug}-{'wide' if wide else 'long'}")


def _network(request, org, action=Action.VIEW):
    return network_selectors.get_network_for_user(
        request.user, org, today=timezone.localdate(), action=action
    )


@never_cache
@require_safe
@signed_in_or_404
def members_export(request, org, fmt):
    access = _network(request, org)
    shared = permissions.contacts_shared_with(access.network, access.member_ids)
    export = exports.members_export(
        access.network, user=request.user, today=timezone.localdate(), contacts_shared=shared
    )
    return _download(export, fmt, f"{access.network.slug}-members")


@never_cache
@require_safe
@signed_in_or_404
def dashboard_export(request, org, fmt):
    """The member dashboard with the rows and values its page shows this person."""
    access = _network(request, org)
    visibility = network_services.network_settings_for(access.network).dashboard_visibility
    only = network_selectors.dashboard_scope(request.user, access, visibility)
    own = (
        access.member_ids
        if request.user.is_staff
        else frozenset(network_permissions.member_organisation_ids(request.user))
    )
    rows = network_selectors.network_dashboard(
        access.network, today=timezone.localdate(), only=only, own=own
    )
    rows = network_selectors.filter_dashboard(rows)
    return _download(exports.dashboard_export(rows), fmt, f"{access.network.slug}-dashboard")


@never_cache
@require_safe
@signed_in_or_404
def meetings_export(request, org, group, fmt):
    access = _network(request, org)
    body = network_selectors.get_body(access.network, group)
    return _download(
        exports.meetings_export(body), fmt, f"{access.network.slug}-{body.slug}-meetings"
    )


# Imports --------------------------------------------------------------------------------------


def _upload_error(form, request) -> bool:
    """Refuse, on the form, an upload past the size limit (known before it was read)."""
    if request_too_large(request, limit=settings.IMPORTS_MAX_UPLOAD_BYTES) or (
        request.upload_limit.skipped and not request.FILES
    ):
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", too_large_message())
        return True
    return False


@never_cache
@limit_uploads("IMPORTS_MAX_UPLOAD_BYTES")
@login_required
def plan_import(request, org):
    """Upload a plan spreadsheet; its preview follows on its own page."""
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    posted = request.method == "POST"
    form = PlanImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisation=organisation,
        initial={"plan": request.GET.get("plan")},
    )
    if request.method == "POST" and not _upload_error(form, request) and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = services.plan_import_preview(
                organisation=organisation,
                upload=upload,
                filename=upload.name,
                by=request.user,
                title=form.cleaned_data["title"],
                plan=form.cleaned_data["plan"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            return redirect(
                "exchange:plan-import-preview", org=organisation.slug, preview=preview.pk
            )
    context = {"organisation": organisation, "form": form, "columns": PLAN_COLUMNS}
    return render(request, "exchange/plan_import.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def plan_import_preview(request, org, preview):
    """The preview of an uploaded plan; confirming (POST) writes it all in one transaction."""
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    item = get_preview_for_user(request.user, organisation, preview, kind=ImportKind.PLAN)
    if request.method == "POST":
        if "cancel" in request.POST:
            services.import_preview_cancel(preview=item)
            messages.info(request, _("Nothing was imported."))
            return redirect("exchange:plan-import", org=organisation.slug)
        try:
            plan = services.plan_import_confirm(preview=item, by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Imported %(file)s into “%(plan)s”.") % {"file": item.file_name, "plan": plan},
            )
            return redirect(plan)
    context = {
        "organisation": organisation,
        "preview": item,
        "goals": services.preview_goals(item),
        "activities": [
            {
                **row,
                "status_label": ActivityStatus(row["status"]).label,
                "start": _day(row["start_date"]),
                "end": _day(row["end_date"]),
            }
            for row in services.preview_activities(item)
        ],
    }
    return render(request, "exchange/plan_import_preview.html", context)


@never_cache
@limit_uploads("IMPORTS_MAX_UPLOAD_BYTES")
@login_required
def members_import(request, org):
    """Upload a list of members and seats; its preview follows on its own page."""
    access = _network(request, org, action=Action.EDIT)
    posted = request.method == "POST"
    form = MembersImportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and not _upload_error(form, request) and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = services.members_import_preview(
                network=access.network,
                upload=upload,
                filename=upload.name,
                by=request.user,
                today=timezone.localdate(),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            return redirect(
                "network_exchange:members-import-preview",
                org=access.network.slug,
                preview=preview.pk,
            )
    context = {"network": access.network, "form": form, "columns": MEMBER_COLUMNS}
    return render(request, "exchange/members_import.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def members_import_preview(request, org, preview):
    access = _network(request, org, action=Action.EDIT)
    item = get_preview_for_user(request.user, access.network, preview, kind=ImportKind.MEMBERS)
    if request.method == "POST":
        if "cancel" in request.POST:
            services.import_preview_cancel(preview=item)
            messages.info(request, _("Nothing was imported."))
            return redirect("network_exchange:members-import", org=access.network.slug)
        try:
            counts = services.members_import_confirm(
                preview=item,
                by=request.user,
                today=timezone.localdate(),
                site_url=settings.SITE_URL,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Imported: %(request)s asked to join, %(join)s joined a group, %(seat)s "
                    "new seats, %(unchanged)s unchanged."
                )
                % counts,
            )
            return redirect("networks:members", org=access.network.slug)
    rows = [{**row, "outcome_label": outcome_label(row["outcome"])} for row in item.rows]
    context = {"network": access.network, "preview": item, "rows": rows}
    return render(request, "exchange/members_import_preview.html", context)
