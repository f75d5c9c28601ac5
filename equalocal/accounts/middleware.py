"""What every signed-in request passes through: the session's idle and absolute timeouts,
and two-factor sign-in for staff."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, ngettext
from django_htmx.http import HttpResponseClientRedirect

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# Activity is written to the session at most once a minute, not on every request.
LAST_SEEN_STEP = 60


def session_start(sender, request=None, **kwargs) -> None:
    """Start the session's clocks (connected to ``user_logged_in``)."""
    if request is None:
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    """Sign out a session idle longer than ``SESSION_IDLE_TIMEOUT`` or older than
    ``SESSION_ABSOLUTE_TIMEOUT``, and send the person to sign in, saying why, with the page
    they were on to come back to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expired(request)
            if expired:
                return self._sign_out(request, expired)
        return self.get_response(request)

    def _expired(self, request) -> str | None:
        session = request.session
        now = time.time()
        started = session.get(SIGNED_IN_AT)
        if started is None:
            # A session from before the clocks: they start now.
            session[SIGNED_IN_AT] = session[LAST_SEEN] = now
            return None
        if now - started > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
            return "absolute"
        seen = session.get(LAST_SEEN, started)
        if now - seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
            return "idle"
        if now - seen > LAST_SEEN_STEP:
            session[LAST_SEEN] = now
        return None

    def _sign_out(self, request, expired: str):
        back = _page_to_come_back_to(request)
        logout(request)
        if expired == "idle":
            minutes = round(settings.SESSION_IDLE_TIMEOUT.total_seconds() / 60)
            text = ngettext(
                "You were signed out after %(minutes)d minute without activity. "
                "Sign in again to continue where you were.",
                "You were signed out after %(minutes)d minutes without activity. "
                "Sign in again to continue where you were.",
                minutes,
            ) % {"minutes": minutes}
        else:
            hours = round(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() / 3600)
            text = ngettext(
                "You were signed out because you signed in more than %(hours)d hour ago. "
                "Sign in again to continue where you were.",
                "You were signed out because you signed in more than %(hours)d hours ago. "
                "Sign in again to continue where you were.",
                hours,
            ) % {"hours": hours}
        messages.info(request, text)
        response = redirect_to_login(back) if back else redirect(settings.LOGIN_URL)
        if request.htmx:
            return HttpResponseClientRedirect(response.url)
        return response


def _page_to_come_back_to(request) -> str | None:
    """The page itself for a GET; for a form sent, the page it was sent from."""
    if request.method in ("GET", "HEAD") and not request.htmx:
        return request.get_full_path()
    referer = request.htmx.current_url if request.htmx else request.META.get("HTTP_REFERER")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


# Where a staff member without a confirmed code may still go.
TWO_FACTOR_OPEN = {
    "accounts:two-factor",
    "accounts:two-factor-setup",
    "accounts:recovery-codes",
    "accounts:sign-in-code",
    "accounts:logout",
    "set_language",
}


class StaffTwoFactorMiddleware:
    """Staff reach no page, the admin included, before their session is confirmed with a
    code: without a device they are sent to set one up, with one to type its code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return None
        if request.resolver_match.view_name in TWO_FACTOR_OPEN:
            return None
        from .selectors import has_two_factor

        back = _page_to_come_back_to(request) or ""
        query = f"?{urlencode({'next': back})}" if back else ""
        if has_two_factor(user):
            target = reverse("accounts:sign-in-code") + query
        else:
            messages.info(
                request,
                gettext(
                    "Staff accounts sign in with a code from an authenticator app as well as "
                    "the password. Set it up to continue."
                ),
            )
            target = reverse("accounts:two-factor-setup") + query
        if request.htmx:
            return HttpResponseClientRedirect(target)
        return redirect(target)
