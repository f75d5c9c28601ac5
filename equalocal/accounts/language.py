"""The language a signed-in person reads the site in: their account's (``User.language``).

Which language a request gets, first match wins:

1. the language cookie: an explicit choice in this browser. The switcher and the profile
   set it, and so does signing in, to the account's language;
2. for a session begun by signing in on the site, the account's language
   (``AccountLanguageMiddleware``), so it still applies when the cookie is gone (it lasts
   as long as the browser, the session longer); the cookie is set again;
3. ``Accept-Language``, then ``LANGUAGE_CODE`` (Django's ``LocaleMiddleware``).

Someone who is not signed in gets 1 and 3 only, whatever address they type on the sign-in
page: the language of an answer never says whether an account exists.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

# In the session: it was begun by signing in on the site, so the account's language applies.
ACCOUNT_LANGUAGE = "account_language"
# On the request: someone signed in during it (set by ``signed_in``, read by the middleware).
_SIGNED_IN_NOW = "_account_language_signed_in"


def account_language(user) -> str | None:
    """The account's language, when it is one the site speaks."""
    code = getattr(user, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else None


def chosen_language(request) -> str | None:
    """The language the cookie chooses, when it names one the site speaks."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code and code in dict(settings.LANGUAGES) and translation.check_for_language(code):
        return code
    return None


def set_language_cookie(response, language: str) -> None:
    """The cookie Django's switcher sets, with the same settings."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def signed_in(sender, request=None, user=None, **kwargs) -> None:
    """Note that someone signed in during this request (connected to ``user_logged_in``).

    The middleware then marks the session and sets the cookie on the answer. Only a request
    that passed through the middleware does this: a test's ``force_login`` makes a session
    without either.
    """
    if request is not None:
        setattr(request, _SIGNED_IN_NOW, True)


class AccountLanguageMiddleware:
    """Apply the account's language to a signed-in session without a language cookie, and
    set the cookie to the account's language when someone signs in.

    Placed after ``LocaleMiddleware`` (whose choice it replaces) and
    ``AuthenticationMiddleware`` (whose user it reads).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        restore = None
        if (
            chosen_language(request) is None
            and request.user.is_authenticated
            and request.session.get(ACCOUNT_LANGUAGE)
        ):
            restore = account_language(request.user)
            if restore:
                translation.activate(restore)
                request.LANGUAGE_CODE = restore
        response = self.get_response(request)
        if getattr(request, _SIGNED_IN_NOW, False) and request.user.is_authenticated:
            language = account_language(request.user)
            if language:
                request.session[ACCOUNT_LANGUAGE] = True
                set_language_cookie(response, language)
        elif restore and request.user.is_authenticated:
            set_language_cookie(response, restore)
        return response
