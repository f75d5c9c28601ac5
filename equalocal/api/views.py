"""The settings pages for personal API tokens (create, list, revoke)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalocal.core.errors import ApplicationError
from equalocal.core.forms import add_service_error

from . import selectors, services
from .forms import TokenCreateForm


@login_required
def tokens(request):
    """The user's tokens and a form for a new one; a new token's secret is shown once, on the
    page that answers the form, and never again."""
    form = TokenCreateForm(request.POST or None)
    created = raw = None
    if request.method == "POST" and form.is_valid():
        try:
            created, raw = services.api_token_create(user=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            form = TokenCreateForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": selectors.tokens_of(request.user),
            "created": created,
            "raw_token": raw,
            "api_root": request.build_absolute_uri(reverse("api-v1:api-root")),
        },
    )
    if raw:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, api_token):
    item = selectors.get_token_for_user(request.user, api_token)
    services.api_token_revoke(token=item)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": item.name})
    return redirect("api_tokens:list")
