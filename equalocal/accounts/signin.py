"""Signing in: failed attempts counted per account and per address (django-axes), the
lockout page, one log line for each failed attempt, and the code step of two-factor
sign-in (django-otp)."""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Q
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django_otp import login as otp_login

from equalocal.core.addresses import client_address
from equalocal.core.security_log import log_security_event


def attempted_username(request, credentials: dict | None) -> str | None:
    """The account an attempt names, in lower case: ``Vera@`` and ``vera@`` count together."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") if source else None
    return username.strip().lower() if username else None


def locked_until(request, username: str | None):
    """When the lockout of this account or address ends: its latest failure plus the
    cool-off time."""
    from axes.models import AccessAttempt

    matching = Q(ip_address=client_address(request))
    if username:
        matching |= Q(username=username)
    latest = AccessAttempt.objects.filter(matching).aggregate(latest=Max("attempt_time"))
    return (latest["latest"] or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, with status 429, saying when sign-in works again."""
    from .forms import SignInForm

    username = attempted_username(request, credentials)
    until = locked_until(request, username)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    form = SignInForm(request, initial={"username": username or ""})
    context = {
        "form": form,
        "locked_until": until,
        "locked_minutes": minutes,
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    """One line per failed sign-in (connected to ``user_login_failed`` after axes's handler,
    which has counted the attempt by then)."""
    if request is None:
        return
    recorded = getattr(request, "axes_failures_since_start", None)
    locked = getattr(request, "axes_locked_out", False)
    reason = kwargs.get("reason") or "wrong password"
    if recorded is None and locked:
        reason = "locked out"
    elif locked:
        reason = f"{reason}; locked out after {recorded} failures"
    username = attempted_username(request, credentials)
    user = None
    if username:
        user = get_user_model().objects.filter(email__iexact=username).first()
    log_security_event(request, "sign-in failed", reason, user=user)


# The code step of two-factor sign-in ------------------------------------------------------------

PENDING = "two_factor_pending"
NEW_RECOVERY_CODES = "two_factor_new_recovery_codes"


def pending_start(request, user, *, next_url: str) -> None:
    """The password was right and the user has two-factor sign-in: remember who, for the code
    step, without signing in yet."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": time.time(),
        "next": next_url,
    }


def pending_user(request):
    """Who the code step is for, and where to go next: the user whose password was just
    accepted, or a signed-in user with a device whose session has no code yet (staff are
    sent here). ``(None, None)`` when there is nobody."""
    pending = request.session.get(PENDING)
    if pending and time.time() - pending["at"] <= settings.TWO_FACTOR_PENDING_SECONDS:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
        if user is not None:
            return user, pending["next"]
    if pending:
        del request.session[PENDING]
    user = request.user
    if user.is_authenticated and not user.is_verified():
        from .selectors import has_two_factor

        if has_two_factor(user):
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = resolve_url(settings.LOGIN_REDIRECT_URL)
            return user, target
    return None, None


def pending_finish(request, user, device) -> None:
    """The code was right: sign the user in (if the password step was this session's) and
    mark the session as confirmed with ``device``."""
    pending = request.session.pop(PENDING, None)
    if not request.user.is_authenticated:
        login(request, user, backend=pending["backend"])
    otp_login(request, device)


def code_failed(request, user) -> None:
    """A wrong code counts as a failed sign-in of the account: logged, and towards its
    lockout."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.email}, request=request, reason="wrong code"
    )
    if getattr(request, "axes_locked_out", False):
        request.session.pop(PENDING, None)


def is_locked_out(request, user) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return not AxesProxyHandler.is_allowed(request, {"username": user.email})


def qr_svg(url: str) -> str:
    """The set-up link as a QR code, an inline SVG (no image request, nothing from outside)."""
    title = gettext("QR code for your authenticator app")
    return segno.make(url, error="m").svg_inline(scale=4, border=4, light="#fff", title=title)


def secret_text(device) -> str:
    """The device's secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
