from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404


def staff_required(view):
    """Signed-in site staff only: others are sent to sign in, or get 403 once signed in."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def signed_in_or_404(view):
    """For views that send files: an anonymous visitor gets 404, as an outsider does.

    A redirect to sign in would tell a stranger that the file exists.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
