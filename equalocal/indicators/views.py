import functools
from copy import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from equalocal.core.errors import ApplicationError
from equalocal.core.forms import act, add_service_error, submit
from equalocal.core.fragments import fragment_key
from equalocal.core.uploads import limit_uploads, request_too_large
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_organisation_for_user, memberships_for_user

from . import charts, selectors, services
from .forms import (
    ConfirmImportForm,
    GridRowForm,
    ImportForm,
    IndicatorFilterForm,
    IndicatorForm,
    ScorecardForm,
    TargetForm,
    YearForm,
)
from .models import Indicator, Scorecard, Target

# Indicators -------------------------------------------------------------------------------------


@login_required
def indicator_list(request):
    filter_form = IndicatorFilterForm(request.GET or None)
    indicators = selectors.indicator_list(user=request.user, **filter_form.filters())
    organisation = request.organisation
    context = {
        "indicators": indicators,
        "filter_form": filter_form,
        "organisation": organisation,
        "can_edit": organisation is not None and permissions.can_edit(request.user, organisation),
    }
    template = "indicators/list.html"
    if request.htmx:
        template += "#rows"
    return render(request, template, context)


def _figures_organisation(request, indicator):
    """The organisation whose figures the page shows: ``?org=``, else the current one."""
    slug = request.GET.get("org")
    if slug:
        return selectors.get_organisation_for_figures(request.user, slug)
    return request.organisation


@login_required
def indicator_detail(request, indicator):
    item = selectors.get_indicator_for_user(request.user, indicator)
    organisation = _figures_organisation(request, item)
    figures = selectors.indicator_figures(item, organisation)
    series = figures.series()
    target = figures.target
    chart = None
    if series:
        chart = charts.line_chart(
            series,
            title=_("%(title)s in %(organisation)s")
            % {"title": item.title, "organisation": organisation.name},
            unit=item.unit,
            target=target.value if target is not None and target.kind == "value" else None,
        )
    context = {
        "indicator": item,
        "organisation": organisation,
        "organisations": selectors.visible_organisations(request.user),
        "figures": figures,
        "chart": chart,
        "target": target,
        "can_edit": _may_edit_indicator(request.user, item),
    }
    return render(request, "indicators/detail.html", context)


def _may_edit_indicator(user, indicator) -> bool:
    if indicator.owner is None:
        return user.is_staff
    return permissions.can_edit(user, indicator.owner)


def _indicator_form_page(request, form, organisation, indicator=None):
    context = {"form": form, "organisation": organisation, "indicator": indicator}
    return render(request, "indicators/indicator_form.html", context)


@login_required
def indicator_create(request, org):
    organisation = selectors.get_organisation_for_figures(request.user, org, action=Action.EDIT)
    form = IndicatorForm(
        request.POST or None, instance=Indicator(owner=organisation), organisation=organisation
    )
    done = submit(
        request,
        form,
        lambda: services.indicator_save(indicator=form.instance, by=request.user, **form.links()),
        success=lambda indicator: (
            _("The indicator “%(code)s” was created.") % {"code": indicator.code}
        ),
        then=lambda indicator: f"{indicator.get_absolute_url()}?org={organisation.slug}",
    )
    return done.response or _indicator_form_page(request, form, organisation)


@login_required
def indicator_edit(request, indicator):
    item = selectors.get_indicator_for_user(request.user, indicator, action=Action.EDIT)
    # The form edits a copy, so the page's title keeps the saved values.
    form = IndicatorForm(request.POST or None, instance=copy(item), organisation=item.owner)
    done = submit(
        request,
        form,
        lambda: services.indicator_save(indicator=form.instance, by=request.user, **form.links()),
        success=_("The changes were saved."),
        then=item,
    )
    return done.response or _indicator_form_page(request, form, item.owner, item)


# Scorecards -------------------------------------------------------------------------------------


def scorecard_list(request, org):
    organisation = get_organisation_for_user(request.user, org)
    context = {
        "organisation": organisation,
        "scorecards": selectors.scorecards_of(organisation, user=request.user),
        "comparing": selectors.scorecards_comparing(
            organisation, user=request.user, today=timezone.localdate()
        ),
        "internal": permissions.can_view_internal(request.user, organisation),
        "can_edit": permissions.can_edit(request.user, organisation),
    }
    return render(request, "indicators/scorecards.html", context)


def scorecard_detail(request, org, scorecard):
    item = selectors.get_scorecard_for_user(request.user, org, scorecard)
    internal = permissions.can_view_internal(request.user, item.owner)
    today = timezone.localdate()

    @functools.cache
    def table():
        """Read and drawn only when the rendered table is not in the cache yet."""
        table = selectors.scorecard_table(item, today=today, user=request.user, public=not internal)
        for row in table.rows:
            for cell, member in zip(row.cells, table.organisations, strict=True):
                cell.sparkline = _sparkline(row.indicator, member, cell) if cell.shared else ""
        return table

    context = {
        # The table shows the figures this viewer may see (own organisations, staff, inside
        # or outside the network), for this version of the data, day and language.
        "table_key": fragment_key(
            "scorecard-table",
            item.pk,
            selectors.scorecard_version(item),
            today,
            internal,
            request.user.is_staff,
            sorted(m.organisation_id for m in memberships_for_user(request.user)),
        ),
        "organisation": item.owner,
        "scorecard": item,
        "table": table,
        "internal": internal,
        "can_edit": permissions.can_edit(request.user, item.owner),
    }
    return render(request, "indicators/scorecard.html", context)


def _sparkline(indicator, organisation, cell):
    """The cell's trend as a small chart whose name says the first and latest values."""
    periods = [row for row in cell.figures.periods if row.headline is not None]
    if len(periods) < 2:
        return ""
    first, last = periods[0], periods[-1]
    label = _(
        "Trend of %(title)s in %(organisation)s: %(first)s in %(from)s, %(last)s in %(to)s"
    ) % {
        "title": indicator.title,
        "organisation": organisation.name,
        "first": number_format(first.headline.normalize()),
        "from": first.period,
        "last": number_format(last.headline.normalize()),
        "to": last.period,
    }
    return charts.sparkline(cell.trend, label=label)


def _scorecard_form(request, organisation, scorecard):
    form = ScorecardForm(request.POST or None, instance=copy(scorecard), organisation=organisation)
    done = submit(
        request,
        form,
        lambda: services.scorecard_save(
            scorecard=form.instance, indicator_ids=form.indicator_ids(), by=request.user
        ),
        success=lambda saved: _("The scorecard “%(title)s” was saved.") % {"title": saved.title},
    )
    if done.response:
        return done.response
    context = {
        "form": form,
        "organisation": organisation,
        "scorecard": scorecard if scorecard.pk else None,
    }
    return render(request, "indicators/scorecard_form.html", context)


@login_required
def scorecard_create(request, org):
    organisation = selectors.get_organisation_for_figures(request.user, org, action=Action.EDIT)
    return _scorecard_form(request, organisation, Scorecard(owner=organisation))


@login_required
def scorecard_edit(request, org, scorecard):
    item = selectors.get_scorecard_for_user(request.user, org, scorecard, action=Action.EDIT)
    return _scorecard_form(request, item.owner, item)


# The grid ---------------------------------------------------------------------------------------


def _grid_year(request) -> int:
    form = YearForm(request.GET if "year" in request.GET else {"year": _default_year()})
    if form.is_valid():
        return form.cleaned_data["year"]
    return _default_year()


def _default_year() -> int:
    return timezone.localdate().year - 1


def _initial(values: dict) -> dict:
    """Stored values as the inputs show them: 12.5, not 12.5000."""
    return {
        gender: format(value.normalize(), "f")
        for gender, value in values.items()
        if value is not None
    }


def _save_rows(forms, scorecard, year, by) -> bool:
    """Save the valid rows' entered cells in one go; a refused cell shows on its field."""
    outcome = services.scorecard_grid_save(
        scorecard=scorecard,
        organisation=scorecard.owner,
        year=year,
        rows={form.indicator.pk: form.values() for form in forms},
        by=by,
    )
    for form in forms:
        for field_name, message in outcome.errors.get(form.indicator.pk, {}).items():
            form.add_error(field_name, message)
    return outcome.ok


@login_required
def scorecard_grid(request, org, scorecard):
    """Enter a year's values: one row per indicator (htmx saves a row) or all rows at once."""
    item = selectors.get_scorecard_for_user(request.user, org, scorecard, action=Action.EDIT)
    organisation = item.owner
    year = _grid_year(request)
    row_pk = request.POST.get("row") if request.method == "POST" else None
    if request.htmx and row_pk:
        if not row_pk.isdigit():
            raise Http404
        row = selectors.grid_row(item, int(row_pk), year=year)
        form = GridRowForm(request.POST, indicator=row.indicator)
        saved = False
        if form.is_valid():
            saved = _save_rows([form], item, year, request.user)
        if saved:
            row = selectors.grid_row(item, int(row_pk), year=year)
            form = GridRowForm(initial=_initial(row.values), indicator=row.indicator)
        context = {"scorecard": item, "organisation": organisation, "year": year}
        context.update({"row": row, "form": form, "saved": saved})
        return render(request, "indicators/includes/grid_row.html", context)

    rows = selectors.grid_rows(item, year=year)
    if request.method == "POST":
        forms = [GridRowForm(request.POST, indicator=row.indicator) for row in rows]
        # Every row is tried, so each refused cell shows its message.
        valid = [form.is_valid() for form in forms]
        if all(valid) and _save_rows(forms, item, year, request.user):
            messages.success(request, _("The values of %(year)s were saved.") % {"year": year})
            url = reverse("indicators:grid", kwargs={"org": org, "scorecard": item.pk})
            return redirect(f"{url}?year={year}")
    else:
        forms = [GridRowForm(initial=_initial(row.values), indicator=row.indicator) for row in rows]
    context = {
        "scorecard": item,
        "organisation": organisation,
        "year": year,
        "years": list(range(_default_year() + 1, _default_year() - 15, -1)),
        "grid": list(zip(rows, forms, strict=True)),
        "has_errors": any(form.errors for form in forms),
    }
    return render(request, "indicators/grid.html", context)


# Targets ----------------------------------------------------------------------------------------


@login_required
def target_list(request, org):
    organisation = selectors.get_organisation_for_figures(request.user, org, action=Action.EDIT)
    form = TargetForm(
        request.POST or None, instance=Target(organisation=organisation), organisation=organisation
    )
    done = submit(
        request,
        form,
        # A target for an indicator and year that has one already replaces it.
        lambda: services.target_upsert(target=form.instance, by=request.user),
        success=lambda target: (
            _("The target of %(code)s for %(year)s was saved.")
            % {"code": target.indicator.code, "year": target.year}
        ),
        then=reverse("indicators:targets", kwargs={"org": organisation.slug}),
    )
    if done.response:
        return done.response
    context = {
        "organisation": organisation,
        "form": form,
        "targets": selectors.targets_of(organisation),
    }
    return render(request, "indicators/targets.html", context)


# Import -----------------------------------------------------------------------------------------


@limit_uploads("IMPORTS_MAX_UPLOAD_BYTES")
@login_required
def import_upload(request, org):
    """Upload a file and preview it with its row errors; confirming imports its valid rows."""
    organisation = selectors.get_organisation_for_figures(request.user, org, action=Action.EDIT)
    limit = settings.IMPORTS_MAX_UPLOAD_BYTES
    context = {"organisation": organisation, "batch": None}
    form = ImportForm()
    if request.method == "POST" and request_too_large(request, limit=limit):
        form = ImportForm.too_large()
    elif request.method == "POST" and "preview" in request.POST:
        return _import_confirm(request, organisation)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if request.upload_limit.skipped and not request.FILES:
            form = ImportForm.too_large()
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = services.import_preview(
                    organisation=organisation, upload=upload, filename=upload.name, by=request.user
                )
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                context.update({"batch": batch, "valid_rows": _valid_rows(batch)})
    context["form"] = form
    return render(request, "indicators/import.html", context)


def _import_confirm(request, organisation):
    """Import the preview this person made, if it is still there."""
    confirm = ConfirmImportForm(request.POST)
    preview = (
        selectors.get_import_preview_for_user(
            request.user, organisation, confirm.cleaned_data["preview"]
        )
        if confirm.is_valid()
        else None
    )
    try:
        if preview is None:
            raise ApplicationError(_("This upload has expired. Please upload the file again."))
        batch = services.import_confirm(batch=preview, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("indicators:import", org=organisation.slug)
    return redirect("indicators:batch", org=organisation.slug, batch=batch.pk)


def _valid_rows(batch) -> int:
    return max(batch.rows_read - batch.rows_rejected, 0)


@login_required
def batch_list(request, org):
    organisation = selectors.get_organisation_for_figures(request.user, org)
    batches = list(selectors.batches_of(organisation)[:50])
    context = {
        "organisation": organisation,
        "batches": batches,
        "can_edit": permissions.can_edit(request.user, organisation),
        "summary": ngettext("%(count)s import", "%(count)s imports", len(batches))
        % {"count": len(batches)},
    }
    return render(request, "indicators/batches.html", context)


@login_required
def batch_detail(request, org, batch):
    """One import: its live progress while a worker runs it (polled by htmx, refreshed
    without JS), then what it added, changed and left out, or why it failed."""
    item = selectors.get_batch_for_user(request.user, org, batch)
    context = {
        "organisation": item.organisation,
        "batch": item,
        "can_edit": permissions.can_edit(request.user, item.organisation),
    }
    template = "indicators/batch.html#progress" if request.htmx else "indicators/batch.html"
    return render(request, template, context)


@login_required
@require_POST
def batch_retry(request, org, batch):
    item = selectors.get_batch_for_user(request.user, org, batch, action=Action.EDIT)
    act(
        request,
        lambda: services.import_retry(batch=item, by=request.user),
        success=_("The import was queued again."),
    )
    return redirect("indicators:batch", org=org, batch=item.pk)


# Figures proposed by a network ----------------------------------------------------------------


@login_required
def proposal_list(request, org):
    """Figures networks proposed to this organisation: its editors accept or reject them."""
    organisation = selectors.get_organisation_for_figures(request.user, org)
    proposals = selectors.proposals_for(organisation)
    pending = [p for p in proposals if p.status == p.Status.PENDING]
    context = {
        "organisation": organisation,
        "pending": [(p, selectors.proposal_rows(p)) for p in pending],
        "answered": [p for p in proposals if p.status != p.Status.PENDING],
        "can_edit": permissions.can_edit(request.user, organisation),
    }
    return render(request, "indicators/proposals.html", context)


@login_required
@require_POST
def proposal_answer(request, org, proposal):
    item = selectors.get_proposal_for_user(request.user, org, proposal, action=Action.EDIT)
    accept = request.POST.get("answer") == "accept"
    act(
        request,
        lambda: services.proposal_answer(proposal=item, accept=accept, by=request.user),
        success=(
            _("The figures from %(network)s were imported.")
            if accept
            else _("The figures from %(network)s were rejected; nothing was written.")
        )
        % {"network": item.network.name},
    )
    return redirect("indicators:proposals", org=org)
