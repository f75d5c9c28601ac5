import json
from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalocal.core.decorators import signed_in_or_404, staff_required
from equalocal.core.errors import ApplicationError
from equalocal.core.forms import act, add_service_error, submit
from equalocal.core.middleware import mark_no_store

from . import permissions, selectors, services
from .forms import (
    EraseForm,
    MembershipRoleForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonForm,
    PublishingForm,
)
from .models import Person
from .permissions import Action

PAGE_SIZE = 50


def organisation_list(request):
    form = OrganisationFilterForm(
        request.GET or None, country_codes=selectors.organisation_countries()
    )
    filters = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter (e.g. unknown country) is reported; the valid ones apply
        filters = form.cleaned_data
    organisations = selectors.organisation_list(
        search=filters.get("q", ""),
        country=filters.get("country", ""),
        kind=filters.get("kind", ""),
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    template = "organisations/list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def organisation_detail(request, org):
    organisation = selectors.get_organisation_for_user(request.user, org)
    internal = permissions.can_view_internal(request.user, organisation)
    context = {
        "organisation": organisation,
        "people": selectors.people_for_user(request.user, organisation),
        "children": organisation.children.order_by("name"),
        "internal": internal,
        "can_edit": permissions.can_edit(request.user, organisation),
        "can_manage": permissions.can_manage(request.user, organisation),
        "recent_changes": selectors.organisation_history(organisation, limit=5) if internal else [],
    }
    return render(request, "organisations/detail.html", context)


@staff_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None, staff=True)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {k: v for k, v in form.cleaned_data.items() if k != "logo" or v}
            organisation = services.organisation_create(by=request.user, **fields)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("%(name)s was created.") % {"name": organisation.name})
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, org):
    organisation = selectors.get_organisation_for_user(request.user, org, action=Action.MANAGE)
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=copy(organisation),
        staff=request.user.is_staff,
    )
    done = submit(
        request,
        form,
        lambda: services.organisation_update(organisation=form.instance, by=request.user),
        success=_("The changes were saved."),
    )
    return done.response or render(
        request, "organisations/form.html", {"form": form, "organisation": organisation}
    )


@login_required
def publishing_edit(request, org):
    """Choose what the organisation makes public."""
    organisation = selectors.get_internal_organisation_for_user(
        request.user, org, action=Action.MANAGE
    )
    form = PublishingForm(request.POST or None, instance=permissions.publishing_of(organisation))
    done = submit(
        request,
        form,
        lambda: services.publishing_update(
            organisation=organisation, by=request.user, **form.cleaned_data
        ),
        success=_("What is public was saved."),
        then=organisation,
    )
    return done.response or render(
        request, "organisations/publishing.html", {"form": form, "organisation": organisation}
    )


@login_required
def organisation_history(request, org):
    organisation = selectors.get_internal_organisation_for_user(request.user, org)
    changes = selectors.organisation_history(organisation, limit=500)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "organisations/history.html", {"organisation": organisation, "page": page}
    )


@login_required
def member_list(request, org):
    organisation = selectors.get_internal_organisation_for_user(request.user, org)
    can_manage = permissions.can_manage(request.user, organisation)
    context = {
        "organisation": organisation,
        "memberships": selectors.members_of(organisation),
        "can_manage": can_manage,
        "role_choices": MembershipRoleForm.base_fields["role"].choices,
    }
    return render(request, "organisations/members.html", context)


@login_required
@require_POST
def member_role(request, org, membership):
    item = selectors.get_membership_for_user(request.user, org, membership)
    form = MembershipRoleForm(request.POST)
    if form.is_valid():
        role = form.cleaned_data["role"]
        act(
            request,
            lambda: services.membership_set_role(
                organisation=item.organisation, user=item.user, role=role, by=request.user
            ),
            success=_("%(user)s is now %(role)s.")
            % {"user": item.user, "role": dict(form.fields["role"].choices)[role]},
        )
    else:
        messages.error(request, _("Choose one of the roles in the list."))
    return redirect("organisations:members", org=org)


@login_required
@require_POST
def member_remove(request, org, membership):
    item = selectors.get_membership_for_user(request.user, org, membership)
    act(
        request,
        lambda: services.membership_remove(membership=item, by=request.user),
        success=_("%(user)s was removed.") % {"user": item.user},
    )
    return redirect("organisations:members", org=org)


@login_required
def person_create(request, org):
    organisation = selectors.get_internal_organisation_for_user(
        request.user, org, action=Action.EDIT
    )
    form = PersonForm(request.POST or None, instance=Person(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        person = services.person_save(person=form.instance, by=request.user)
        messages.success(request, _("%(name)s was added.") % {"name": person.name})
        return redirect(organisation)
    return render(
        request, "organisations/person_form.html", {"form": form, "organisation": organisation}
    )


def person_detail(request, org, person):
    item = selectors.get_person_for_user(request.user, org, person)
    organisation = item.organisation
    context = {
        "person": item,
        "organisation": organisation,
        "can_edit": permissions.can_edit(request.user, organisation),
        "can_manage": permissions.can_manage(request.user, organisation),
        "history": item.history.select_related("history_user").order_by("-history_date")[:20]
        if permissions.can_view_internal(request.user, organisation)
        else [],
    }
    return render(request, "organisations/person_detail.html", context)


@login_required
def person_edit(request, org, person):
    item = selectors.get_person_for_user(request.user, org, person, action=Action.EDIT)
    form = PersonForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.person_save(person=form.instance, by=request.user)
        messages.success(request, _("The changes were saved."))
        return redirect(item)
    return render(
        request,
        "organisations/person_form.html",
        {"form": form, "organisation": item.organisation, "person": item},
    )


@login_required
def person_delete(request, org, person):
    item = selectors.get_person_for_user(request.user, org, person, action=Action.EDIT)
    if request.method == "POST":
        services.person_delete(person=item, by=request.user)
        messages.success(request, _("%(name)s was removed.") % {"name": item.name})
        return redirect(item.organisation)
    return render(request, "organisations/person_delete.html", {"person": item})


@signed_in_or_404
def person_export(request, org, person):
    item = selectors.get_person_for_user(request.user, org, person, action=Action.MANAGE)
    data = services.personal_data_export(person=item)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"personal-data-{slugify(item.name) or item.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return mark_no_store(response)


@login_required
def person_erase(request, org, person):
    item = selectors.get_person_for_user(request.user, org, person, action=Action.MANAGE)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.personal_data_erase(
            person=item, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The person's data was erased."))
        return redirect(item.organisation)
    return render(request, "organisations/person_erase.html", {"person": item, "form": form})
