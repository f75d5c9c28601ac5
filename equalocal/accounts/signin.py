"""Signing in: failed attempts counted per account and per address (django-axes), the
lockout page, and one log line for each failed attempt."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

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
