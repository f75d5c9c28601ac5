from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.core.forms import add_service_error
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import (
    get_internal_organisation_for_user,
    get_organisation_for_user,
)

from . import selectors, services
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    BulkStatusForm,
    CompareForm,
    ConsultationForm,
    GoalForm,
    GoalSetForm,
    PlanForm,
    ProgressForm,
)
from .models import ActionPlan, Activity, ActivityStatus, Goal, GoalSet


def _next_url(request, default: str) -> str:
    """Where a plain form goes back to: a safe ``next`` from the form, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _status_choices() -> list[tuple[str, str]]:
    """Status choices with their labels translated once, not once per row of a long table."""
    return [(value, str(label)) for value, label in ActivityStatus.choices]


def _may_edit(request, organisation) -> bool:
    return permissions.can_edit(request.user, organisation)


# Dashboard and list ---------------------------------------------------------------------------


@login_required
def dashboard(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    today = timezone.localdate()
    board = selectors.organisation_dashboard(organisation, today=today)
    context = {
        "organisation": organisation,
        "board": board,
        "coverage": board.coverage_counts,
        "can_edit": _may_edit(request, organisation),
    }
    return render(request, "plans/dashboard.html", context)


def plan_list(request, org):
    organisation = get_organisation_for_user(request.user, org)
    plans = selectors.plans_with_progress(selectors.plans_of(organisation, user=request.user))
    context = {
        "organisation": organisation,
        "plans": plans,
        "internal": permissions.can_view_internal(request.user, organisation),
        "can_edit": _may_edit(request, organisation),
        "can_manage": permissions.can_manage(request.user, organisation),
    }
    return render(request, "plans/list.html", context)


# Plans ------------------------------------------------------------------------------------------


def plan_detail(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan)
    organisation = item.organisation
    today = timezone.localdate()
    summary = selectors.plan_summary(item, today=today)
    if request.htmx and request.htmx.target == "plan-progress":
        return render(request, "plans/detail.html#progress", {"plan": item, "summary": summary})
    articles = list(selectors.plan_articles(item))
    filter_form = ActivityFilterForm(
        request.GET or None,
        goals=[row.goal for row in summary.goals if row.goal is not None],
        articles=articles,
        responsible_names=selectors.responsible_names(item),
    )
    filters = filter_form.filters() or {"sort": "order"}
    activities = list(selectors.activity_list(item, **filters))
    internal = permissions.can_view_internal(request.user, organisation)
    can_edit = _may_edit(request, organisation)
    context = {
        "organisation": organisation,
        "plan": item,
        "summary": summary,
        "activities": activities,
        "filter_form": filter_form,
        "sort": filters["sort"],
        "filtered": any(value for key, value in filters.items() if key != "sort"),
        "internal": internal,
        "can_edit": can_edit,
        "can_manage": permissions.can_manage(request.user, organisation),
        "today": today,
        "priorities": list(item.priorities.order_by("number")),
        "reference_goals": list(item.reference_goals.select_related("goal_set")),
        "consultations": list(item.consultations.all()),
        "has_newer_version": ActionPlan.objects.filter(previous_version=item).exists(),
        "status_choices": _status_choices(),
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


@login_required
def plan_create(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    form = PlanForm(
        request.POST or None,
        instance=ActionPlan(organisation=organisation),
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_save(
                plan=form.instance,
                by=request.user,
                priorities=form.cleaned_data["priorities"],
                reference_goals=form.cleaned_data["reference_goals"],
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The plan “%(title)s” was created.") % {"title": plan.title}
            )
            return redirect(plan)
    return _plan_form_page(request, form, organisation)


@login_required
def plan_edit(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    # The form edits a copy, so the page's title and breadcrumbs keep the saved values.
    form = PlanForm(request.POST or None, instance=copy(item), organisation=item.organisation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(
                plan=form.instance,
                by=request.user,
                priorities=form.cleaned_data["priorities"],
                reference_goals=form.cleaned_data["reference_goals"],
                expected_lock_version=form.expected_lock_version(),
            )
        except ConcurrentEditError as exc:
            add_service_error(form, exc)
            conflict = form.show_conflict(exc.current)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(item)
    return _plan_form_page(request, form, item.organisation, item, conflict)


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
        copy = services.plan_new_version(plan=item, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(item)
    messages.success(
        request,
        _("Version %(number)s was created as a draft; version %(previous)s stays as it was.")
        % {"number": copy.version_number, "previous": item.version_number},
    )
    return redirect(copy)


@login_required
def plan_compare(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan)
    if not permissions.can_view_internal(request.user, item.organisation):
        raise Http404
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
    dated = {bar.activity.pk for bar in bars}
    today = timezone.localdate()
    today_offset = None
    if bars and first <= today <= last:
        today_offset = round((today - first).days / ((last - first).days or 1) * 100, 2)
    context = {
        "plan": item,
        "organisation": item.organisation,
        "first": first,
        "last": last,
        "bars": bars,
        "months": selectors.timeline_months(first, last, months),
        "undated": [a for a in activities if a.pk not in dated],
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
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_add(plan=item, by=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The consultation was recorded."))
            return redirect(f"{item.get_absolute_url()}#consultations")
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
    return redirect(_next_url(request, item.get_absolute_url()))


# Goals ------------------------------------------------------------------------------------------


def _goal_form_page(request, form, plan, goal=None):
    context = {"form": form, "plan": plan, "organisation": plan.organisation, "goal": goal}
    return render(request, "plans/goal_form.html", context)


@login_required
def goal_create(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    form = GoalForm(request.POST or None, instance=Goal(plan=item), plan=item)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_save(
                goal=form.instance,
                by=request.user,
                articles=form.cleaned_data["articles"],
                reference_goals=form.cleaned_data["reference_goals"],
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The goal “%(title)s” was added.") % {"title": goal.title})
            return redirect(f"{item.get_absolute_url()}#goals")
    return _goal_form_page(request, form, item)


@login_required
def goal_edit(request, org, plan, goal):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_goal_for_user(request.user, item, goal)
    form = GoalForm(request.POST or None, instance=copy(target), plan=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(
                goal=form.instance,
                by=request.user,
                articles=form.cleaned_data["articles"],
                reference_goals=form.cleaned_data["reference_goals"],
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(f"{item.get_absolute_url()}#goals")
    return _goal_form_page(request, form, item, target)


@login_required
def goal_delete(request, org, plan, goal):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_goal_for_user(request.user, item, goal)
    if request.method == "POST":
        services.goal_delete(goal=target, by=request.user)
        messages.success(request, _("The goal “%(title)s” was deleted.") % {"title": target.title})
        return redirect(f"{item.get_absolute_url()}#goals")
    context = {
        "plan": item,
        "organisation": item.organisation,
        "goal": target,
        "activities": target.activities.count(),
    }
    return render(request, "plans/goal_delete.html", context)


# Activities -------------------------------------------------------------------------------------


def activity_detail(request, org, plan, activity):
    item = selectors.get_plan_for_user(request.user, org, plan)
    target = selectors.get_activity_for_user(request.user, item, activity)
    internal = permissions.can_view_internal(request.user, item.organisation)
    context = {
        "plan": item,
        "organisation": item.organisation,
        "activity": target,
        "articles": list(target.articles.order_by("number")),
        "updates": list(target.updates.select_related("by")) if internal else [],
        "history": selectors.activity_history(target) if internal else [],
        "internal": internal,
        "can_edit": _may_edit(request, item.organisation),
        "progress_form": ProgressForm(
            initial={
                "status": target.status,
                "progress": target.progress,
                "lock_version": target.lock_version,
            }
        ),
        "today": timezone.localdate(),
    }
    return render(request, "plans/activity_detail.html", context)


def _activity_form_page(request, form, plan, activity=None, conflict=None):
    context = {
        "form": form,
        "plan": plan,
        "organisation": plan.organisation,
        "activity": activity,
        "conflict": conflict,
    }
    return render(request, "plans/activity_form.html", context)


@login_required
def activity_create(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    initial = {"goal": request.GET.get("goal")} if request.GET.get("goal") else None
    form = ActivityForm(
        request.POST or None, instance=Activity(plan=item), plan=item, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_save(
                activity=form.instance,
                by=request.user,
                articles=form.cleaned_data["articles"],
                note=form.cleaned_data["note"],
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The activity “%(title)s” was added.") % {"title": activity.title}
            )
            return redirect(activity)
    return _activity_form_page(request, form, item)


@login_required
def activity_edit(request, org, plan, activity):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_activity_for_user(request.user, item, activity)
    form = ActivityForm(request.POST or None, instance=copy(target), plan=item)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(
                activity=form.instance,
                by=request.user,
                articles=form.cleaned_data["articles"],
                note=form.cleaned_data["note"],
                expected_lock_version=form.expected_lock_version(),
            )
        except ConcurrentEditError as exc:
            add_service_error(form, exc)
            conflict = form.show_conflict(exc.current)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(target)
    return _activity_form_page(request, form, item, target, conflict)


@login_required
def activity_delete(request, org, plan, activity):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_activity_for_user(request.user, item, activity)
    if request.method == "POST":
        services.activity_delete(activity=target, by=request.user)
        messages.success(
            request, _("The activity “%(title)s” was deleted.") % {"title": target.title}
        )
        return redirect(item)
    context = {"plan": item, "organisation": item.organisation, "activity": target}
    return render(request, "plans/activity_delete.html", context)


@login_required
def activity_progress(request, org, plan, activity):
    """Change an activity's status and progress: a row of the plan page (htmx) or a plain form."""
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_activity_for_user(request.user, item, activity)
    form = ProgressForm(
        request.POST or None,
        initial={
            "status": target.status,
            "progress": target.progress,
            "lock_version": target.lock_version,
        },
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_set_progress(
                activity=target,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
                by=request.user,
                expected_lock_version=form.cleaned_data["lock_version"],
            )
        except ConcurrentEditError as exc:
            add_service_error(form, exc)
            target = exc.current
            # The same answers with the other person's lock: a second submit saves over their change.
            form.data = form.data.copy()
            form.data["lock_version"] = str(target.lock_version)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
            target.refresh_from_db()
        else:
            saved = True
            if not request.htmx:
                messages.success(
                    request,
                    _("“%(title)s” is now %(status)s, %(progress)s %%.")
                    % {
                        "title": target.title,
                        "status": target.get_status_display(),
                        "progress": target.progress,
                    },
                )
                return redirect(
                    f"{_next_url(request, item.get_absolute_url())}#activity-{target.pk}"
                )
    context = {
        "plan": item,
        "organisation": item.organisation,
        "activity": target,
        # After a save the row shows the stored values and the new lock version.
        "form": None if saved else form,
        "saved": saved,
        "can_edit": True,
        "today": timezone.localdate(),
        "next_url": _next_url(request, item.get_absolute_url()),
        "status_choices": _status_choices(),
    }
    if request.htmx:
        response = render(request, "plans/includes/activity_row.html", context)
        return trigger_client_event(response, "planChanged") if saved else response
    return render(request, "plans/activity_progress.html", context)


# Goal sets --------------------------------------------------------------------------------------


@login_required
def goal_sets(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    context = {
        "organisation": organisation,
        "goal_sets": selectors.goal_sets_of(organisation),
        "can_edit": _may_edit(request, organisation),
    }
    return render(request, "plans/goal_sets.html", context)


def _goal_set_form(request, organisation, goal_set):
    form = GoalSetForm(request.POST or None, instance=goal_set)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_set_save(
                goal_set=form.instance, goal_titles=form.goal_titles(), by=request.user
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The goals were saved."))
            return redirect("plans:goal-sets", org=organisation.slug)
    context = {"form": form, "organisation": organisation, "goal_set": goal_set}
    return render(request, "plans/goal_set_form.html", context)


@login_required
def goal_set_create(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    return _goal_set_form(request, organisation, GoalSet(owner=organisation))


@login_required
def goal_set_edit(request, org, goal_set):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    return _goal_set_form(
        request, organisation, selectors.get_goal_set_for_user(request.user, organisation, goal_set)
    )
