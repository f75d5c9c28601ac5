"""One line per security event: failed sign-ins, lockouts, access denials and pages not found.

Each line names the user (id, or ``anonymous``), the client's address, the path and the
reason, and nothing else: no traceback, no second line from Django's own ``django.request``
logger (the settings keep that one for server errors), and no access line from the
development server's ``django.server`` logger (:class:`SkipLoggedRequests`).

A 404 is a denial when an access gate refused (its reason starts with ``gate:``); any other
404 (a wrong address, an object that does not exist) is logged as ``not found``.
"""

from __future__ import annotations

import json
import logging
import threading

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .addresses import client_address

logger = logging.getLogger("equalocal.security")

# Responses the middleware logs when nothing more specific logged the request before.
DENIED = {403: "forbidden", 404: "not found", 429: "too many requests"}
# How an access gate's reason begins (organisations.permissions.require).
GATE = "gate:"

# Whether this thread's current request was logged here: the development server writes its
# access line for the request in the thread that served it, after the response.
_served = threading.local()


def log_security_event(request, event: str, reason: str, *, user=None) -> None:
    """Log ``event`` for ``request`` as one line, at most once per request.

    ``user`` is the account concerned when it is not the signed-in one (a failed sign-in
    names the account it tried).
    """
    if getattr(request, "_security_logged", False):
        return
    request._security_logged = True
    _served.logged = True
    if user is None:
        user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else "anonymous"
    # JSON strings: a path or reason holding a line break cannot forge a second line.
    logger.warning(
        "%s user=%s address=%s path=%s reason=%s",
        event,
        user_id,
        client_address(request) or "unknown",
        json.dumps(request.path),
        json.dumps(reason, ensure_ascii=False),
    )


class SkipLoggedRequests(logging.Filter):
    """Leave out the development server's access line of a request logged here already."""

    def filter(self, record: logging.LogRecord) -> bool:
        logged = getattr(_served, "logged", False)
        _served.logged = False
        return not logged


class DenialLogMiddleware:
    """Log every 403, 404 and 429 answer as one line: a denial with the reason the gate
    gave, or a page not found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _served.logged = False
        response = self.get_response(request)
        status = response.status_code
        if status not in DENIED:
            return response
        reason = getattr(request, "_denial_reason", "")
        if status == 404 and not reason.startswith(GATE):
            log_security_event(request, "not found", f"{status} {DENIED[status]}")
        else:
            log_security_event(request, "denied", f"{status} {reason or DENIED[status]}")
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, (Http404, PermissionDenied)):
            return
        if exception.args and isinstance(exception.args[0], str):
            request._denial_reason = exception.args[0]
