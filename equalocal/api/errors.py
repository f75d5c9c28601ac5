"""One shape for every error the API returns: ``{"error": {"code", "message", "fields"}}``.

``message`` is in the language the client asks for (Accept-Language); ``fields`` maps an
input field to its messages when the input was refused.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from equalocal.core.errors import ApplicationError, ConcurrentEditError, StateConflictError
from equalocal.core.outage import RETRY_AFTER_SECONDS

from .throttling import RateLimited

logger = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def _field_name(loc) -> str:
    # ninja reports ("body", "payload", "title") or ("query", "limit"): keep the field's part.
    parts = [str(part) for part in loc[1:] if part not in ("payload",)] or [str(loc[0])]
    return ".".join(parts)


def _validation_fields(errors) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc", ("body",))), []).append(error.get("msg", ""))
    return fields


def _current_version(current) -> dict[str, list[str]]:
    """What a client sends back to win the next save: the lock_version, or for records without
    one (figures) the time of their last change; nothing when the record is gone."""
    lock_version = getattr(current, "lock_version", None)
    if lock_version is not None:
        return {"lock_version": [str(lock_version)]}
    updated_at = getattr(current, "updated_at", None)
    if updated_at is not None:
        return {"updated_at": [updated_at.isoformat()]}
    return {}


def install(api) -> None:
    """Register the handlers on the NinjaAPI ``api``."""

    def respond(request, status, payload, headers=None):
        response = api.create_response(request, payload, status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return respond(request, exc.status, body(exc.code, exc.message, exc.fields), headers)

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc: RateLimited):
        message = _("Too many requests; try again in %(seconds)s seconds.") % {
            "seconds": exc.retry_after
        }
        return respond(
            request, 429, body("rate_limited", message), {"Retry-After": str(exc.retry_after)}
        )

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc: NinjaValidationError):
        return respond(
            request,
            422,
            body("invalid_input", _("The input is not valid."), _validation_fields(exc.errors)),
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, body("not_found", _("Not found.")))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, body("forbidden", _("Your role does not allow this here.")))

    @api.exception_handler(ConcurrentEditError)
    def conflict(request, exc: ConcurrentEditError):
        return respond(
            request,
            409,
            body(
                "conflict",
                _(
                    "Someone else saved this in the meantime; read it again and send your "
                    "change with its current lock_version."
                ),
                _current_version(exc.current),
            ),
        )

    @api.exception_handler(StateConflictError)
    def state_conflict(request, exc: StateConflictError):
        return respond(request, 409, body("state_conflict", exc.message, {"status": [exc.state]}))

    @api.exception_handler(ApplicationError)
    def refused(request, exc: ApplicationError):
        fields = {exc.field: [exc.message]} if exc.field else {}
        return respond(request, 422, body("invalid", exc.message, fields))

    @api.exception_handler(DjangoValidationError)
    def invalid(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            fields = {
                ("non_field" if name == "__all__" else name): [str(m) for m in messages]
                for name, messages in exc.message_dict.items()
            }
        else:
            fields = {"non_field": [str(m) for m in exc.messages]}
        return respond(request, 422, body("invalid", _("The input is not valid."), fields))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        codes = {400: "bad_request", 401: "not_authenticated", 405: "method_not_allowed"}
        code = codes.get(exc.status_code, "error")
        message = _("The request could not be read.") if exc.status_code == 400 else str(exc)
        return respond(request, exc.status_code, body(code, message))

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request, exc):
        logger.error("API: database unavailable: %s", exc, exc_info=exc)
        message = _("The database cannot be reached just now; try again shortly.")
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return respond(request, 503, body("unavailable", message), headers)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error", exc_info=exc)
        return respond(request, 500, body("server_error", _("Something went wrong on our side.")))


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


# Documented on every operation: what any of them may answer besides success.
ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422, 429), ErrorOut)
