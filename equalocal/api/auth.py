"""Who is calling: a personal token (``Authorization: Bearer eql_…``) or nobody.

The API never uses the browser session: a token acts as its user with the user's roles, and
every object is then reached through the access gate as on the pages. A request without a
token is anonymous and sees only what organisations publish.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from . import throttling
from .errors import ApiError
from .services import api_token_authenticate


class Anonymous:
    """The caller of a public endpoint without a token (truthy, so ninja accepts it)."""

    can_write = False

    def __str__(self):
        return "anonymous"


class TokenAuth(HttpBearer):
    """Bearer token authentication; ``optional`` lets anonymous clients through (rate-limited)."""

    def __init__(self, *, optional: bool = False):
        super().__init__()
        self.optional = optional

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if not header:
            if not self.optional:
                raise ApiError(401, "not_authenticated", _("This needs a personal API token."))
            throttling.hit_anonymous(request)
            request.user = AnonymousUser()
            return Anonymous()
        throttling.check_failed_tokens(request)
        scheme, _sep, raw = header.partition(" ")
        token = None
        if scheme.lower() == "bearer" and raw.strip():
            token = api_token_authenticate(raw=raw.strip())
        if token is None:
            throttling.record_failed_token(request)
            raise ApiError(401, "invalid_token", _("The API token is wrong, revoked or malformed."))
        request.user = token.user
        language = getattr(token.user, "language", "")
        if "Accept-Language" not in request.headers and language in dict(settings.LANGUAGES):
            # No language asked for: the token's owner reads messages in their own.
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return token

    def authenticate(self, request, token):  # pragma: no cover - __call__ does the work
        return None


public = TokenAuth(optional=True)
private = TokenAuth()
