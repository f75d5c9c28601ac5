"""Form helpers shared by the apps: service errors onto forms, and the form-view skeleton."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from .errors import ApplicationError, ConcurrentEditError


def add_service_error(form, exc: ApplicationError | ValidationError) -> None:
    """Put a service's error on the form: on its field when it names one, else on the form."""
    if isinstance(exc, ApplicationError):
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@dataclass
class Submission:
    """What became of a submitted form: a redirect to send, or the page to show again.

    ``conflict`` holds what the form shows of someone else's newer save (optimistic
    locking), when the service refused to overwrite it.
    """

    response: HttpResponse | None = None
    conflict: Any = None


def submit(
    request,
    form,
    save: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    then: Any | Callable[[Any], Any] = None,
) -> Submission:
    """The form-view skeleton: on a valid POST, call the service, say so and redirect.

    ``save()`` calls the service and returns what it saved; ``success`` is the message (or
    builds it from the result); ``then`` is where to go (a URL, a model, or a function of
    the result; the result itself by default). A service error lands on the form; a
    concurrent edit also fills ``conflict`` through ``form.show_conflict`` when the form
    has one. On GET, an invalid form or a refusal, ``response`` is None: render the page.
    """
    if request.method != "POST" or not form.is_valid():
        return Submission()
    try:
        result = save()
    except ConcurrentEditError as exc:
        add_service_error(form, exc)
        show = getattr(form, "show_conflict", None)
        return Submission(conflict=show(exc.current) if show else None)
    except (ApplicationError, ValidationError) as exc:
        add_service_error(form, exc)
        return Submission()
    messages.success(request, success(result) if callable(success) else success)
    target = then(result) if callable(then) else (then if then is not None else result)
    return Submission(response=redirect(target))
