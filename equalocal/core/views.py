import sys

from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    Http404,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .outage import DATABASE_ERRORS, database_unavailable
from .storage import image_content_type, public_storage


def accessibility(request):
    return render(request, "core/accessibility.html")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # A middleware that lost the database (the session, the current organisation) ends here.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    # Rendered without context processors: the database may be what failed.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_path": request.path}))


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the SVG icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


#: Public media change rarely and carry no personal data: browsers may keep them a day.
PUBLIC_MEDIA_MAX_AGE = 24 * 3600


@require_safe
def public_media(request, name):
    """A file of the public storage (a logo), sent only if its bytes are a PNG, JPEG, GIF or
    WebP image, with the content type those bytes say; anything else is not found."""
    storage = public_storage()
    try:
        handle = storage.open(name, "rb")
    except (OSError, ValueError, SuspiciousFileOperation):
        # Missing, a folder, outside the root, or not a name at all (a null byte).
        raise Http404 from None
    content_type = image_content_type(handle.read(16))
    if content_type is None:
        handle.close()
        raise Http404
    handle.seek(0)
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, public=True, max_age=PUBLIC_MEDIA_MAX_AGE)
    return response
