from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from equalocal.organisations import selectors as org_selectors

from .middleware import SESSION_KEY


def home(request):
    organisation = request.organisation
    context = {"organisation": organisation}
    if organisation is not None:
        context["people"] = org_selectors.people_for_user(request.user, organisation)
    return render(request, "core/home.html", context)


def accessibility(request):
    return render(request, "core/accessibility.html")


@login_required
@require_POST
def switch_organisation(request):
    """Remember which of the user's organisations they work in now."""
    try:
        chosen = int(request.POST.get("organisation", ""))
    except ValueError:
        chosen = None
    organisation = org_selectors.current_organisation_for(request.user, chosen)
    if organisation is not None and organisation.pk == chosen:
        request.session[SESSION_KEY] = chosen
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "core:home"
    return redirect(next_url)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without context processors: the database may be what failed.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_path": request.path}))
