"""The dashboard, the plan list and a plan's pages: detail, form, versions, bin, timeline,
coverage, consultations and bulk status changes."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from equalocal.core.errors import ApplicationError
from equalocal.core.forms import submit
from equalocal.core.fragments import fragment_key, remembered
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import (
    get_internal_organisation_for_user,
    get_organisation_for_user,
    memberships_for_user,
)

from .. import selectors, services
from ..forms import ActivityFilterForm, BulkStatusForm, CompareForm, ConsultationForm, PlanForm
from ..models import ActionPlan
from .common import may_edit, next_url, status_choices

# Dashboard and list ---------------------------------------------------------------------------


@login_required
def dashboard(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    today = timezone.localdate()
    can_edit = may_edit(request, organisation)
    # The figures are computed once for each version of the organisation's plan data and
    # day, and read only when their rendering (names as this viewer may see them, the
    # buttons they may use, in their language) is not kept yet.
    version = selectors.organisation_plans_version(organisation)
    board = SimpleLazyObject(
        lambda: remembered(
            fragment_key("organisation-dashboard", organisation.pk, version, today),
            lambda: selectors.organisation_dashboard(organisation, today=today),
        )
    )
    context = {
        "board_key": fragment_key(
            "organisation-dashboard-board",
            organisation.pk,
            version,
            today,
            can_edit,
            request.user.is_staff,
            sorted(m.organisation_id for m in memberships_for_user(request.user)),
        ),
        "organisation": organisation,
        "board": board,
        "coverage": SimpleLazyObject(lambda: board.coverage_counts),
        "can_edit": can_edit,
    }
    return render(request, "plans/dashboard.html", context)


def plan_list(request, org):
    organisation = get_organisation_for_user(request.user, org)
    plans = selectors.plans_with_progress(selectors.plans_of(organisation, user=request.user))
    context = {
        "organisation": organisation,
        "plans": plans,
        "internal": permissions.can_view_internal(request.user, organisation),
        "progress_visible": selectors.progress_visible(request.user, organisation),
        "can_edit": may_edit(request, organisation),
        "can_manage": permissions.can_manage(request.user, organisation),
    }
    return render(request, "plans/list.html", context)


# Plans ------------------------------------------------------------------------------------------

# The parts of the plan page that refresh themselves after an inline update (``planChanged``).
_PLAN_PARTIALS = {"plan-progress": "progress", "plan-goals": "goals"}


def plan_detail(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan)
    organisation = item.organisation
    today = timezone.localdate()
    # The page shows the roll-ups, not the summary's activities: the rows are read apart.
    summary = selectors.plan_summary(item, today=today, details=False)
    progress_visible = selectors.progress_visible(request.user, organisation)
    partial = _PLAN_PARTIALS.get(request.htmx.target) if request.htmx else None
    if partial:
        context = {"plan": item, "organisation": organisation, "summary": summary}
        context["can_edit"] = may_edit(request, organisation)
        context["progress_visible"] = progress_visible
        return render(request, f"plans/detail.html#{partial}", context)
    articles = list(selectors.plan_articles(item))
    filter_form = ActivityFilterForm(
        request.GET or None,
        goals=[row.goal for row in summary.goals if row.goal is not None],
        articles=articles,
        responsible_names=selectors.responsible_names(item, user=request.user),
        status_visible=progress_visible,
    )
    filters = filter_form.filters() or {"sort": "order"}
    internal = permissions.can_view_internal(request.user, organisation)
    # Read only when the rows are not in the cache yet (the template evaluates it).
    activities = selectors.activity_list(
        item, **filters, names_visible=internal, status_visible=progress_visible
    )
    can_edit = may_edit(request, organisation)
    # The rows show the plan's data as this viewer may see and change it, on this address
    # (filters, sort, the form's way back), today (overdue), in this language, with or without
    # progress: a member's rows, or rows from before the organisation stopped publishing its
    # progress, are never shown to a viewer who may not see it.
    rows = (
        selectors.plan_version(item),
        today,
        request.get_full_path(),
        internal,
        f"progress-visible:{progress_visible}",
        can_edit,
        # Whose names show (organisations.permissions.can_see_person).
        request.user.is_staff,
        sorted(m.organisation_id for m in memberships_for_user(request.user)),
    )
    context = {
        "organisation": organisation,
        "plan": item,
        "summary": summary,
        "activities": activities,
        "activities_key": fragment_key("plan-activities", *rows),
        "activities_count_key": fragment_key("plan-activities-count", *rows),
        "filters_key": fragment_key("plan-activity-filters", *rows),
        "filter_form": filter_form,
        "sort": filters["sort"],
        "filtered": any(value for key, value in filters.items() if key != "sort"),
        "internal": internal,
        "progress_visible": progress_visible,
        "can_edit": can_edit,
        "can_manage": permissions.can_manage(request.user, organisation),
        "today": today,
        "priorities": list(item.priorities.select_related("charter").order_by("number")),
        "reference_goals": list(item.reference_goals.select_related("goal_set")),
        "consultations": list(item.consultations.all()),
        "has_newer_version": ActionPlan.objects.filter(previous_version=item).exists(),
        "status_choices": status_choices(),
        "consultation_form": ConsultationForm() if can_edit else None,
        # The rows' inline forms are unbound on this page (see plans/includes/activity_row.html).
        "form": None,
        "saved": False,
        "next_url": request.get_full_path(),
    }
    template = "plans/detail.html"
    if request.htmx:
        template += "#activities"
    return render(request, template, context)


def _plan_form_page(request, form, organisation, plan=None, conflict=None):
    context = {"form": form, "organisation": organisation, "plan": plan, "conflict": conflict}
    return render(request, "plans/plan_form.html", context)


def _save_plan(request, form, **extra):
    return services.plan_save(
        plan=form.instance,
        by=request.user,
        priorities=form.cleaned_data["priorities"],
        reference_goals=form.cleaned_data["reference_goals"],
        goal_texts=form.goal_texts(),
        **extra,
    )


@login_required
def plan_create(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    form = PlanForm(
        request.POST or None,
        instance=ActionPlan(organisation=organisation),
        organisation=organisation,
    )
    done = submit(
        request,
        form,
        lambda: _save_plan(request, form),
        success=lambda plan: _("The plan “%(title)s” was created.") % {"title": plan.title},
    )
    return done.response or _plan_form_page(request, form, organisation)


@login_required
def plan_edit(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    # The form edits a copy, so the page's title and breadcrumbs keep the saved values.
    form = PlanForm(request.POST or None, instance=copy(item), organisation=item.organisation)
    done = submit(
        request,
        form,
        lambda: _save_plan(request, form, expected_lock_version=form.expected_lock_version()),
        success=_("The changes were saved."),
        then=item,
    )
    return done.response or _plan_form_page(request, form, item.organisation, item, done.conflict)


@login_required
def plan_delete(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    if request.method == "POST":
        services.plan_delete(plan=item, by=request.user)
        messages.success(
            request,
            _("The plan “%(title)s” was moved to the bin; an admin can restore it for 30 days.")
            % {"title": item.title},
        )
        return redirect("plans:list", org=org)
    context = {
        "plan": item,
        "organisation": item.organisation,
        "goals": item.goals.count(),
        "activities": item.activities.count(),
    }
    return render(request, "plans/plan_delete.html", context)


@login_required
def plan_bin(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.MANAGE)
    context = {"organisation": organisation, "plans": selectors.deleted_plans_of(organisation)}
    return render(request, "plans/bin.html", context)


@login_required
@require_POST
def plan_restore(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.MANAGE, deleted=True)
    try:
        services.plan_restore(plan=item, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("plans:bin", org=org)
    messages.success(request, _("The plan “%(title)s” was restored.") % {"title": item.title})
    return redirect(item)


@login_required
@require_POST
def plan_new_version(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    try:
        new = services.plan_new_version(plan=item, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(item)
    messages.success(
        request,
        _("Version %(number)s was created as a draft; version %(previous)s stays as it was.")
        % {"number": new.version_number, "previous": item.version_number},
    )
    return redirect(new)


@login_required
def plan_compare(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan)
    # Earlier versions may be drafts, and the comparison shows the activities' statuses and
    # progress: comparing is for members (404 for anyone else), also on a published plan
    # whose progress is published.
    permissions.require(request.user, item.organisation)
    versions = selectors.plan_versions(item)
    form = CompareForm(request.GET or None, versions=versions, plan=item)
    comparison = None
    if form.is_bound and form.is_valid():
        other = next(version for version in versions if version.pk == form.cleaned_data["other"])
        comparison = selectors.plan_comparison(item, other)
    context = {
        "plan": item,
        "organisation": item.organisation,
        "versions": versions,
        "form": form,
        "comparison": comparison,
    }
    return render(request, "plans/compare.html", context)


def plan_timeline(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan)
    activities = list(item.activities.select_related("goal"))
    first, last, bars, months = selectors.plan_timeline(item, activities)
    progress_visible = selectors.progress_visible(request.user, item.organisation)
    dated = {bar.activity.pk for bar in bars}
    today = timezone.localdate()
    today_offset = None
    if bars and first <= today <= last:
        today_offset = round((today - first).days / ((last - first).days or 1) * 100, 2)
    month_columns = selectors.timeline_months(first, last, months)
    context = {
        "plan": item,
        "organisation": item.organisation,
        "first": first,
        "last": last,
        "bars": bars,
        "months": month_columns,
        "years": selectors.timeline_years(month_columns),
        "undated": [a for a in activities if a.pk not in dated],
        # Overdue means not done yet: a status, shown only with the statuses.
        "overdue": {a.pk for a in activities if a.is_overdue(today)} if progress_visible else set(),
        "progress_visible": progress_visible,
        "today": today,
        "today_offset": today_offset,
    }
    return render(request, "plans/timeline.html", context)


def plan_coverage(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan)
    summary = selectors.plan_summary(item, today=timezone.localdate(), reference_goals=False)
    rows = selectors.plan_coverage(item, summary)
    goals = [row.goal for row in summary.goals if row.goal is not None]
    context = {
        "plan": item,
        "organisation": item.organisation,
        "goals": goals,
        "matrix": selectors.coverage_matrix(rows, goals),
        "gaps": [row for row in rows if row.gap],
    }
    return render(request, "plans/coverage.html", context)


@login_required
def consultation_add(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    form = ConsultationForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.consultation_add(plan=item, by=request.user, **form.cleaned_data),
        success=_("The consultation was recorded."),
        then=f"{item.get_absolute_url()}#consultations",
    )
    if done.response:
        return done.response
    context = {"form": form, "plan": item, "organisation": item.organisation}
    return render(request, "plans/consultation_form.html", context)


@login_required
@require_POST
def bulk_status(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    form = BulkStatusForm(request.POST, plan=item)
    if form.is_valid():
        try:
            count = services.activities_bulk_set_status(
                plan=item,
                activity_ids=[activity.pk for activity in form.cleaned_data["activities"]],
                status=form.cleaned_data["status"],
                by=request.user,
            )
        except (ApplicationError, ValidationError) as exc:
            message = exc.message if isinstance(exc, ApplicationError) else " ".join(exc.messages)
            messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext(
                    "The status of %(count)d activity was changed.",
                    "The status of %(count)d activities was changed.",
                    count,
                )
                % {"count": count},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(next_url(request, item.get_absolute_url()))
