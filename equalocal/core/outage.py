"""When the database cannot be reached: a 503 page saying so, never a stack trace.

A view that meets a lost or refused connection gets this page from
:class:`DatabaseUnavailableMiddleware`; a middleware that meets one gets it from the 500
handler (``core.views.error_500``). Django closes a connection that failed at the end of
the request and checks a kept one before reusing it (``CONN_HEALTH_CHECKS``), so the first
request after the database is back works, without restarting anything.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request) -> HttpResponse:
    """The 503 page in the request's language, made without touching the database."""
    with translation.override(translation.get_language_from_request(request)):
        # No request in the context: the context processors read the database.
        html = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 (with ``Retry-After``) when a view fails because the database is gone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        return database_unavailable(request)
