"""One line per security event: failed sign-ins, lockouts and access denials.

Each line names the user (id, or ``anonymous``), the client's address, the path and the
reason, and nothing else: no traceback, no second line from Django's own ``django.request``
logger (the settings keep that one for server errors).
"""

from __future__ import annotations

import json
import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .addresses import client_address

logger = logging.getLogger("equalocal.security")

# Responses the middleware logs when nothing more specific logged the request before.
DENIED = {403: "forbidden", 404: "not found", 429: "too many requests"}


def log_security_event(request, event: str, reason: str, *, user=None) -> None:
    """Log ``event`` for ``request`` as one line, at most once per request.

    ``user`` is the account concerned when it is not the signed-in one (a failed sign-in
    names the account it tried).
    """
    if getattr(request, "_security_logged", False):
        return
    request._security_logged = True
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


class DenialLogMiddleware:
    """Log every 403, 404 and 429 answer as one line, with the reason the gate gave."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in DENIED:
            reason = getattr(request, "_denial_reason", "") or DENIED[status]
            log_security_event(request, "denied", f"{status} {reason}")
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, (Http404, PermissionDenied)):
            return
        if exception.args and isinstance(exception.args[0], str):
            request._denial_reason = exception.args[0]
