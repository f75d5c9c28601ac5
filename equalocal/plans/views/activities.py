"""Activities of a plan: their page, form, deletion and the inline progress update."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.core.forms import add_service_error, submit
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action

from .. import selectors, services
from ..forms import ActivityForm, ProgressForm
from ..models import Activity
from .common import may_edit, next_url, status_choices


def activity_detail(request, org, plan, activity):
    item = selectors.get_plan_for_user(request.user, org, plan)
    target = selectors.get_activity_for_user(request.user, item, activity)
    internal = permissions.can_view_internal(request.user, item.organisation)
    context = {
        "plan": item,
        "organisation": item.organisation,
        "activity": target,
        "progress_visible": selectors.progress_visible(request.user, item.organisation),
        "articles": list(target.articles.order_by("number")),
        "updates": list(target.updates.select_related("by")) if internal else [],
        "history": selectors.activity_history(target) if internal else [],
        "internal": internal,
        "can_edit": may_edit(request, item.organisation),
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


def _saved(request, activity, message: str) -> str:
    """The success message; with a warning beside it when the dates leave the plan's period."""
    if activity.outside_plan_period():
        messages.warning(
            request,
            _(
                "The activity's dates fall outside the plan's period (%(start)s – %(end)s). "
                "That is allowed; check that the dates are right."
            )
            % {
                "start": date_format(activity.plan.period_start, "SHORT_DATE_FORMAT")
                if activity.plan.period_start
                else "…",
                "end": date_format(activity.plan.period_end, "SHORT_DATE_FORMAT")
                if activity.plan.period_end
                else "…",
            },
        )
    return message


def _save_activity(request, form, **extra):
    return services.activity_save(
        activity=form.instance,
        by=request.user,
        articles=form.cleaned_data["articles"],
        note=form.cleaned_data["note"],
        **extra,
    )


@login_required
def activity_create(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    initial = {"goal": request.GET.get("goal")} if request.GET.get("goal") else None
    form = ActivityForm(
        request.POST or None, instance=Activity(plan=item), plan=item, initial=initial
    )
    done = submit(
        request,
        form,
        lambda: _save_activity(request, form),
        success=lambda activity: _saved(
            request, activity, _("The activity “%(title)s” was added.") % {"title": activity.title}
        ),
    )
    return done.response or _activity_form_page(request, form, item)


@login_required
def activity_edit(request, org, plan, activity):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_activity_for_user(request.user, item, activity)
    form = ActivityForm(request.POST or None, instance=copy(target), plan=item)
    done = submit(
        request,
        form,
        lambda: _save_activity(request, form, expected_lock_version=form.expected_lock_version()),
        success=lambda activity: _saved(request, activity, _("The changes were saved.")),
        then=target,
    )
    return done.response or _activity_form_page(request, form, item, target, done.conflict)


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
    """Change an activity's status and progress: a row of the plan page (htmx) or a plain form.

    A saved change tells the plan page (``planChanged``) to refresh its progress figures.
    """
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
                    f"{next_url(request, item.get_absolute_url())}#activity-{target.pk}"
                )
    context = {
        "plan": item,
        "organisation": item.organisation,
        "activity": target,
        # After a save the row shows the stored values and the new lock version.
        "form": None if saved else form,
        "saved": saved,
        "can_edit": True,
        # Editors of the organisation: its members see its progress.
        "progress_visible": True,
        "today": timezone.localdate(),
        "next_url": next_url(request, item.get_absolute_url()),
        "status_choices": status_choices(),
    }
    if request.htmx:
        response = render(request, "plans/includes/activity_row.html", context)
        return trigger_client_event(response, "planChanged") if saved else response
    return render(request, "plans/activity_progress.html", context)
