"""Report screens: the list, a new report, the report with its live progress and preview, its
files, and the draft's actions (edit, comment, send, regenerate)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalocal.core.forms import act, form_errors_as_messages, submit
from equalocal.organisations.permissions import Action, allows

from . import selectors, services
from .forms import NETWORK_KINDS, CommentForm, DraftForm, ReportForm
from .rendering import render_html


def _plans_and_bodies(organisation):
    from equalocal.networks.models import Body
    from equalocal.plans.models import ActionPlan

    plans = ActionPlan.objects.filter(organisation=organisation, deleted_at=None).order_by(
        "-period_start", "title"
    )
    if organisation.kind in NETWORK_KINDS:
        bodies = Body.objects.filter(network=organisation).order_by("name")
        # A group's plan may belong to the network or to a member that coordinates it.
        plans = plans | ActionPlan.objects.filter(deleted_at=None, pk__in=bodies.values("plan"))
    else:
        bodies = Body.objects.none()
    return plans.distinct(), bodies


@login_required
def report_list(request, org):
    organisation = selectors.get_organisation_for_reports(request.user, org)
    context = {
        "organisation": organisation,
        "reports": selectors.reports_of(organisation),
        "can_make": allows(request.user, organisation, Action.EDIT),
    }
    return render(request, "reports/list.html", context)


@login_required
def report_create(request, org):
    """Editors and admins make reports; viewers read and export them (403)."""
    organisation = selectors.get_organisation_for_reports(request.user, org, action=Action.EDIT)
    plans, bodies = _plans_and_bodies(organisation)
    form = ReportForm(request.POST or None, organisation=organisation, plans=plans, bodies=bodies)

    def save():
        data = form.cleaned_data
        return services.report_create(
            organisation=organisation,
            kind=data["kind"],
            by=request.user,
            language=data["language"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            title=data["title"],
            summary=data["summary"],
            background=data.get("background", ""),
            next_steps=data.get("next_steps", ""),
            plan=data["plan"],
            body=data.get("body"),
            public=data["public"],
            pdf_ua=data["pdf_ua"],
        )

    done = submit(request, form, save, success=_("The report is being generated."))
    if done.response:
        return done.response
    return render(request, "reports/create.html", {"organisation": organisation, "form": form})


def _detail_context(request, report) -> dict:
    snapshot = services.read_snapshot(report) if report.is_ready else None
    preview = ""
    if snapshot is not None:
        with translation.override(snapshot["language"]):
            preview = mark_safe(render_html(snapshot, standalone=False))  # noqa: S308 - rendered by the template engine, escaped
    user = request.user
    organisation = report.organisation
    member = allows(user, organisation, Action.VIEW)
    return {
        "organisation": organisation,
        "report": report,
        "preview": preview,
        "member": member,
        "public_view": not member,
        "versions": selectors.report_versions(report) if member else [],
        "comments": report.comments.select_related("author") if member else [],
        "comment_form": CommentForm(),
        "can_edit": allows(user, organisation, Action.EDIT),
        "can_change": member and _may_change(user, report),
    }


def _may_change(user, report) -> bool:
    """The author of a draft changes it, and so do the organisation's editors."""
    if report.is_frozen or not user.is_authenticated:
        return False
    return report.author_id == user.pk or allows(user, report.organisation, Action.EDIT)


def report_detail(request, org, report):
    """Members see everything; anyone else only a published report, without its comments."""
    item = selectors.get_report_for_user(request.user, org, report, public=True)
    return render(request, "reports/detail.html", _detail_context(request, item))


@login_required
def report_status(request, org, report):
    """The live progress, polled by the report page while the worker generates it."""
    item = selectors.get_report_for_user(request.user, org, report)
    if request.htmx and not item.is_active:
        # Generation ended since the page was loaded: reload it once to show the preview.
        from django_htmx.http import HttpResponseClientRefresh

        return HttpResponseClientRefresh()
    context = {"organisation": item.organisation, "report": item}
    template = "reports/detail.html#progress" if request.htmx else "reports/status.html"
    return render(request, template, context)


FILES = {
    "pdf": ("pdf_file", "application/pdf", ".pdf"),
    "docx": (
        "docx_file",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "snapshot": ("snapshot_file", "application/json", ".json"),
}


def _file(request, org, report, kind):
    item = selectors.get_report_for_user(request.user, org, report, public=True)
    field, content_type, suffix = FILES[kind]
    name = getattr(item, field)
    if not name or not default_storage.exists(name):
        raise Http404
    filename = f"{slugify(item.title) or 'report'}-v{item.version}{suffix}"
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=kind != "pdf",
        filename=filename,
        content_type=content_type,
    )


def report_pdf(request, org, report):
    return _file(request, org, report, "pdf")


def report_docx(request, org, report):
    return _file(request, org, report, "docx")


def report_snapshot(request, org, report):
    return _file(request, org, report, "snapshot")


@login_required
def report_edit(request, org, report):
    item = selectors.get_report_for_user(request.user, org, report)
    if not _may_change(request.user, item):
        if item.is_frozen:
            messages.error(request, _("This report was sent and is frozen."))
            return redirect(item)
        raise PermissionDenied
    form = DraftForm(request.POST or None, instance=item)
    if item.body_id is None:
        for name in ("background", "next_steps"):
            form.fields.pop(name, None)

    def save():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        return services.report_update(report=item, by=request.user, **fields)

    done = submit(request, form, save, success=_("The report is being generated again."))
    if done.response:
        return done.response
    context = {"organisation": item.organisation, "report": item, "form": form}
    return render(request, "reports/edit.html", context)


@login_required
@require_POST
def report_send(request, org, report):
    item = selectors.get_report_for_user(request.user, org, report, action=Action.EDIT)
    act(
        request,
        lambda: services.report_send(report=item, by=request.user),
        success=_("The report is marked as sent and is now frozen."),
    )
    return redirect(item)


@login_required
@require_POST
def report_regenerate(request, org, report):
    item = selectors.get_report_for_user(request.user, org, report, action=Action.EDIT)
    result = {}

    def call():
        result["report"] = services.report_regenerate(report=item, by=request.user)
        return result["report"]

    if act(request, call, success=_("A new version is being generated.")):
        return redirect(result["report"])
    return redirect(item)


@login_required
@require_POST
def report_comment(request, org, report):
    item = selectors.get_report_for_user(request.user, org, report)
    form = CommentForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.report_comment_add(
                report=item, by=request.user, text=form.cleaned_data["text"]
            ),
            success=_("Your comment was added."),
        )
    else:
        form_errors_as_messages(request, form)
    return redirect(item)
