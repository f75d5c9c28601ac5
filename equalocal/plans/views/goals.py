"""Goals of a plan, and the organisation's sets of higher-level goals."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from equalocal.core.forms import submit
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_internal_organisation_for_user

from .. import selectors, services
from ..forms import GoalForm, GoalSetForm
from ..models import Goal, GoalSet
from .common import may_edit


def _goal_form_page(request, form, plan, goal=None):
    context = {"form": form, "plan": plan, "organisation": plan.organisation, "goal": goal}
    return render(request, "plans/goal_form.html", context)


def _save_goal(request, form):
    return services.goal_save(
        goal=form.instance,
        by=request.user,
        articles=form.cleaned_data["articles"],
        reference_goals=form.cleaned_data["reference_goals"],
    )


@login_required
def goal_create(request, org, plan):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    form = GoalForm(request.POST or None, instance=Goal(plan=item), plan=item)
    done = submit(
        request,
        form,
        lambda: _save_goal(request, form),
        success=lambda goal: _("The goal “%(title)s” was added.") % {"title": goal.title},
        then=f"{item.get_absolute_url()}#goals",
    )
    return done.response or _goal_form_page(request, form, item)


@login_required
def goal_edit(request, org, plan, goal):
    item = selectors.get_plan_for_user(request.user, org, plan, action=Action.EDIT)
    target = selectors.get_goal_for_user(request.user, item, goal)
    form = GoalForm(request.POST or None, instance=copy(target), plan=item)
    done = submit(
        request,
        form,
        lambda: _save_goal(request, form),
        success=_("The changes were saved."),
        then=f"{item.get_absolute_url()}#goals",
    )
    return done.response or _goal_form_page(request, form, item, target)


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


# Goal sets --------------------------------------------------------------------------------------


@login_required
def goal_sets(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    context = {
        "organisation": organisation,
        "goal_sets": selectors.goal_sets_of(organisation),
        "can_edit": may_edit(request, organisation),
    }
    return render(request, "plans/goal_sets.html", context)


def _goal_set_form(request, organisation, goal_set):
    form = GoalSetForm(request.POST or None, instance=goal_set)
    done = submit(
        request,
        form,
        lambda: services.goal_set_save(
            goal_set=form.instance, goal_titles=form.goal_titles(), by=request.user
        ),
        success=_("The goals were saved."),
        then=reverse("plans:goal-sets", kwargs={"org": organisation.slug}),
    )
    if done.response:
        return done.response
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
