"""Form helpers shared by the apps."""

from django.core.exceptions import ValidationError

from .errors import ApplicationError


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
