"""Form helpers shared by the apps: service errors onto forms, and the form-view skeleton."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from .errors import ApplicationError, ConcurrentEditError
from .values import format_value, instance_value


class DateInput(forms.DateInput):
    """A native date picker, with the value in the ISO form the picker needs."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


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


def act(request, call: Callable[[], Any], *, success: str | Callable[[Any], str]) -> bool:
    """A button's action without a form page: call the service, say how it went.

    The outcome is shown as a message on the page the view redirects to; a refusal
    (ApplicationError) gives its message as an error. Returns whether it succeeded.
    """
    try:
        result = call()
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def form_errors_as_messages(request, form) -> None:
    """A small form posted from another page (a row's button): its errors become messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@dataclass(frozen=True)
class Conflict:
    """What a form shows after a concurrent edit: who saved first, and the values that differ.

    ``rows`` are (label, your value, their value); the include ``includes/conflict.html``
    shows it.
    """

    rows: list[tuple[str, str, str]]
    saved_by: Any = None
    saved_at: Any = None


class LockedFormMixin:
    """A hidden ``lock_version`` for optimistic locking, and the comparison shown on a conflict.

    The form declares ``lock_version = forms.IntegerField(widget=forms.HiddenInput, ...)`` and
    the fields to compare in ``compared``.
    """

    compared: list[str] = []

    def _init_lock(self):
        self.fields["lock_version"].initial = self.instance.lock_version

    def expected_lock_version(self):
        return self.cleaned_data.get("lock_version")

    def show_conflict(self, current) -> Conflict:
        """Offer the current version's lock, so the next save wins; list what differs."""
        self.data = self.data.copy()
        self.data["lock_version"] = str(current.lock_version)
        rows = []
        for name in self.compared:
            field = self.instance._meta.get_field(name)
            if field.many_to_many:
                yours = format_value(type(self.instance), name, self.cleaned_data.get(name) or [])
            else:
                yours = instance_value(self.instance, name)
            theirs = instance_value(current, name)
            if yours != theirs:
                rows.append((self[name].label, yours, theirs))
        history = getattr(current, "history", None)
        latest = history.order_by("-history_date").first() if history is not None else None
        return Conflict(
            rows=rows,
            saved_by=latest.history_user if latest else None,
            saved_at=latest.history_date if latest else getattr(current, "updated_at", None),
        )
