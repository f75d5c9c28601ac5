"""Response headers every page gets: what the browser may use, and what it may keep."""

from django.conf import settings


def permissions_policy(policy: dict[str, list[str]]) -> str:
    """The ``Permissions-Policy`` header for ``{feature: [allowed origins]}``; [] denies all."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY``: the browser features no page of ours uses
    (camera, microphone, location, payment…) are switched off for us and anything we embed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class PrivateNoStoreMiddleware:
    """Every response to a signed-in user is ``Cache-Control: no-store``: internal pages,
    files and exports stay out of the browser's cache and any shared cache on the way, so
    the back button of a shared computer shows nothing after signing out.

    Responses a view marks ``public`` (logos) keep their caching: they hold nothing private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_public(response):
            mark_no_store(response)
        return response


def _is_public(response) -> bool:
    directives = {d.strip().lower() for d in response.get("Cache-Control", "").split(",")}
    return "public" in directives


def mark_no_store(response):
    """Keep ``response`` out of every cache (personal data, whoever asks for it)."""
    response["Cache-Control"] = "no-store"
    if "Expires" in response:
        del response["Expires"]
    return response
