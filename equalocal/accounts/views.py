from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from equalocal.core.errors import ApplicationError
from equalocal.core.forms import act, add_service_error, form_errors_as_messages
from equalocal.core.registry import provide
from equalocal.organisations import selectors as org_selectors
from equalocal.organisations.permissions import Action

from . import selectors, services, signin
from .forms import AcceptInvitationForm, CodeForm, InvitationForm, ProfileForm, SignInForm
from .language import set_language_cookie
from .models import Invitation


class SignInView(auth_views.LoginView):
    """E-mail address and password. Failures are counted per account and per address, and
    a lockout answers with the same page saying when to try again (``accounts.signin``).
    Someone with two-factor sign-in is asked for a code next (``sign_in_code``)."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not selectors.has_two_factor(user):
            return super().form_valid(form)
        signin.pending_start(self.request, user, next_url=self.get_success_url())
        return redirect("accounts:sign-in-code")


@never_cache
def sign_in_code(request):
    """The second step of signing in: a code from the authenticator app or a recovery code.

    It also serves a signed-in staff member whose session was not confirmed with a code."""
    user, next_url = signin.pending_user(request)
    if user is None:
        if request.user.is_authenticated:
            return redirect("home:index")
        messages.info(request, _("Sign in with your e-mail address and password first."))
        return redirect("accounts:login")
    if signin.is_locked_out(request, user):
        return signin.lockout_response(request, credentials={"username": user.email})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            signin.pending_finish(request, user, device)
            if device.persistent_id.startswith("otp_static"):
                left = selectors.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(count)d is left. "
                        "Make new ones on your two-factor page.",
                        "You signed in with a recovery code; %(count)d are left. "
                        "Make new ones on your two-factor page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        signin.code_failed(request, user)
        if signin.is_locked_out(request, user):
            return signin.lockout_response(request, credentials={"username": user.email})
        form.add_error(
            "code",
            _(
                "That code is not right. Type the six digits the app shows now (check that the "
                "phone's clock is right), or one of your recovery codes."
            ),
        )
    return render(request, "accounts/sign_in_code.html", {"form": form})


@login_required
def two_factor(request):
    """The account's two-factor page: whether it is on, recovery codes left, and the forms to
    set it up, make new recovery codes or turn it off."""
    user = request.user
    context = {
        "enabled": selectors.has_two_factor(user),
        "codes_left": selectors.recovery_codes_left(user),
        "renew_form": CodeForm(recovery=False, auto_id="renew_%s"),
        "disable_form": CodeForm(auto_id="disable_%s"),
        "required": user.is_staff,
    }
    return render(request, "accounts/two_factor.html", context)


@never_cache
@login_required
def two_factor_setup(request):
    """Set up the authenticator app: a QR code and the secret as text, confirmed with a code."""
    user = request.user
    device = services.two_factor_setup_start(user=user)
    form = CodeForm(request.POST or None, recovery=False)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_setup_confirm(
                user=user, code=form.cleaned_data["code"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            otp_login(request, device)
            request.session[signin.NEW_RECOVERY_CODES] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_with_next("accounts:recovery-codes", request))
    context = {
        "form": form,
        "qr_svg": signin.qr_svg(device.config_url),
        "secret": signin.secret_text(device),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
def recovery_codes(request):
    """The new recovery codes, shown once: a reload shows them no more."""
    codes = request.session.pop(signin.NEW_RECOVERY_CODES, None)
    context = {
        "codes": [f"{code[:4]}-{code[4:]}" for code in codes or []],
        "next": _safe_next(request),
    }
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@require_POST
def two_factor_recovery_renew(request):
    form = CodeForm(request.POST, recovery=False)
    if form.is_valid():
        try:
            codes = services.two_factor_recovery_codes_renew(
                user=request.user, code=form.cleaned_data["code"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            request.session[signin.NEW_RECOVERY_CODES] = codes
            return redirect("accounts:recovery-codes")
    else:
        form_errors_as_messages(request, form)
    return redirect("accounts:two-factor")


@login_required
@require_POST
def two_factor_disable(request):
    form = CodeForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.two_factor_disable(user=request.user, code=form.cleaned_data["code"]),
            success=_("Two-factor sign-in is off. You sign in with your password alone."),
        )
    else:
        form_errors_as_messages(request, form)
    return redirect("accounts:two-factor")


def _safe_next(request) -> str:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _with_next(name: str, request) -> str:
    target = _safe_next(request)
    return f"{reverse(name)}?{urlencode({'next': target})}" if target else reverse(name)


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
            messages.success(request, _welcome(request, invitation.organisation))
            return redirect("home:index")
    context = {"invitation": invitation, "form": form, "error": error}
    return render(request, "accounts/invitation.html", context)


def _welcome(request, organisation) -> str:
    """The welcome after accepting an invitation, saying what the home page shows: the
    organisation's first steps while some are left, and the way to My work."""
    my_work = format_html('<a href="{}">{}</a>', reverse("workspace:my-work"), _("My work"))
    if provide("first_steps_shown", request, organisation):
        text = _(
            "Welcome to %(org)s. Below are its first steps; what waits for you is in %(my_work)s."
        )
    else:
        text = _("Welcome to %(org)s. What waits for you is in %(my_work)s.")
    return mark_safe(  # noqa: S308 - the translation and the name are escaped, the link built
        conditional_escape(text)
        % {"org": conditional_escape(organisation.name), "my_work": my_work}
    )


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
        set_language_cookie(response, user.language)
        return response
    memberships = org_selectors.memberships_for_user(user)
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})


def set_language(request):
    """The language switcher (Django's ``set_language``: the cookie, then back to the page).
    For someone signed in, the choice is also their account's language, as in the profile:
    it follows them to their next sign-in, on any device, and to their e-mails."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language") if request.method == "POST" else None
    if (
        language
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and translation.check_for_language(language)
    ):
        services.user_set_language(user=request.user, language=language)
    return response


def admin_sign_in(request):
    """The Django admin's sign-in page sends people to the site's own."""
    return redirect_to_login(_safe_next(request) or reverse("admin:index"))
