"""The member's side of networks: answer a network's request, choose what to share, leave.

These pages belong to the member organisation (``/organisations/<org>/networks/``); the
access gate is that organisation's, so a network's coordinators cannot reach them.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalocal.core.forms import act, form_errors_as_messages
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_internal_organisation_for_user

from . import selectors, services
from .forms import NetworkLeaveForm, SharingForm


@login_required
def sharing_list(request, org):
    """The networks the organisation works in (where the main navigation's "Network" leads
    when there are several), networks' requests waiting for an answer, current memberships
    and what they see."""
    organisation = get_internal_organisation_for_user(request.user, org)
    can_manage = permissions.can_manage(request.user, organisation)
    rows = [
        (sharing, SharingForm(sharing=sharing, prefix=f"s{sharing.pk}"))
        for sharing in selectors.sharing_of(organisation)
    ]
    context = {
        "organisation": organisation,
        "networks": selectors.networks_of(organisation, today=timezone.localdate()),
        "rows": rows,
        "can_manage": can_manage,
        "publishing": permissions.publishing_of(organisation),
        "leave_form": NetworkLeaveForm(),
    }
    return render(request, "networks/sharing.html", context)


def _back(org):
    return redirect("memberships:index", org=org)


@login_required
@require_POST
def sharing_answer(request, org, sharing):
    item = selectors.get_sharing_for_user(request.user, org, sharing)
    form = SharingForm(request.POST, sharing=item, prefix=f"s{item.pk}")
    accept = request.POST.get("answer") == "accept"
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return _back(org)
    act(
        request,
        lambda: services.membership_answer(
            sharing=item, accept=accept, by=request.user, shares=form.cleaned_data["shares"]
        ),
        success=(
            _("%(org)s is now a member of %(network)s.")
            if accept
            else _("The request from %(network)s was declined.")
        )
        % {"org": item.member.name, "network": item.network.name},
    )
    return _back(org)


@login_required
@require_POST
def sharing_update(request, org, sharing):
    item = selectors.get_sharing_for_user(request.user, org, sharing)
    form = SharingForm(request.POST, sharing=item, prefix=f"s{item.pk}")
    if form.is_valid():
        act(
            request,
            lambda: services.sharing_update(
                sharing=item, shares=form.cleaned_data["shares"], by=request.user
            ),
            success=_("%(network)s now sees what you chose.") % {"network": item.network.name},
        )
    else:
        form_errors_as_messages(request, form)
    return _back(org)


@login_required
@require_POST
def sharing_leave(request, org, sharing):
    item = selectors.get_sharing_for_user(request.user, org, sharing, action=Action.MANAGE)
    form = NetworkLeaveForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.network_leave(
                sharing=item,
                by=request.user,
                left_on=timezone.localdate(),
                reason=form.cleaned_data["reason"],
            ),
            success=_("%(org)s has left %(network)s; the network no longer sees what you shared.")
            % {"org": item.member.name, "network": item.network.name},
        )
    else:
        form_errors_as_messages(request, form)
    return _back(org)
