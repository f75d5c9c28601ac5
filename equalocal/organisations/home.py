"""The home page and the organisation switcher: where a signed-in person starts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import permissions, selectors
from .middleware import SESSION_KEY


def home(request):
    organisation = request.organisation
    context = {"organisation": organisation}
    if organisation is not None:
        context["people"] = selectors.people_for_user(request.user, organisation)
        context["can_edit"] = permissions.can_edit(request.user, organisation)
    return render(request, "organisations/home.html", context)


@login_required
@require_POST
def switch_organisation(request):
    """Remember which of the user's organisations they work in now."""
    try:
        chosen = int(request.POST.get("organisation", ""))
    except ValueError:
        chosen = None
    organisation = selectors.current_organisation_for(request.user, chosen)
    if organisation is not None and organisation.pk == chosen:
        request.session[SESSION_KEY] = chosen
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "home:index"
    return redirect(next_url)
