from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from equalocal.core.errors import ApplicationError
from equalocal.core.forms import act, add_service_error, form_errors_as_messages
from equalocal.organisations import selectors as org_selectors
from equalocal.organisations.permissions import Action

from . import selectors, services
from .forms import AcceptInvitationForm, InvitationForm, ProfileForm, SignInForm
from .models import Invitation


class SignInView(auth_views.LoginView):
    """E-mail address and password. Failures are counted per account and per address, and
    a lockout answers with the same page saying when to try again (``accounts.signin``)."""

    form_class = SignInForm
    redirect_authenticated_user = True


class ResetPasswordConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password through the e-mailed link also ends the account's lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.sign_in_failures_forget(user=form.user)
        return response


@login_required
@require_POST
def invitation_create(request, org):
    organisation = org_selectors.get_internal_organisation_for_user(
        request.user, org, action=Action.MANAGE
    )
    form = InvitationForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            ),
            success=lambda invitation: (
                ngettext(
                    "An invitation was sent to %(email)s. The link works for %(days)d day.",
                    "An invitation was sent to %(email)s. The link works for %(days)d days.",
                    _valid_days(invitation),
                )
                % {"email": invitation.email, "days": _valid_days(invitation)}
            ),
        )
    else:
        form_errors_as_messages(request, form)
    return redirect("organisations:members", org=org)


def _valid_days(invitation: Invitation) -> int:
    # Rounded: created_at is set a moment after expires_at was computed, so .days is one short.
    return round((invitation.expires_at - invitation.created_at).total_seconds() / 86400)


@login_required
@require_POST
def invitation_revoke(request, org, invitation):
    organisation = org_selectors.get_internal_organisation_for_user(
        request.user, org, action=Action.MANAGE
    )
    from django.shortcuts import get_object_or_404

    item = get_object_or_404(Invitation, pk=invitation, organisation=organisation)
    services.invitation_revoke(invitation=item, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": item.email}
    )
    return redirect("organisations:members", org=org)


def invitation_accept(request, token):
    invitation = selectors.get_invitation_by_token(token)
    signed_in = request.user.is_authenticated
    form = None if signed_in else AcceptInvitationForm(request.POST or None, email=invitation.email)
    error = None
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            if signed_in:
                user = services.invitation_accept(invitation=invitation, user=request.user)
            else:
                user = services.invitation_accept(
                    invitation=invitation,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        except ApplicationError as exc:
            if form is not None:
                add_service_error(form, exc)
            else:
                error = exc.message
        else:
            request.session["current_organisation"] = invitation.organisation_id
            messages.success(
                request,
                _("Welcome to %(org)s. Below are the first steps, and what waits for you.")
                % {"org": invitation.organisation.name},
            )
            # The home page shows the organisation's first-run checklist.
            return redirect("home:index")
    context = {"invitation": invitation, "form": form, "error": error}
    return render(request, "accounts/invitation.html", context)


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, **form.cleaned_data)
        translation.activate(user.language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        from django.conf import settings

        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    memberships = org_selectors.memberships_for_user(user)
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})
