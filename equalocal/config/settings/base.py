"""Settings shared by every environment; all behaviour comes from environment variables."""

from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from equalocal.config.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_mailers,
    env_proxy_ssl_header,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("EQUALOCAL_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_countries",
    "simple_history",
    "django_tasks_db",
    # Before the accounts app: its failed-sign-in receiver runs first, so the log line
    # written by accounts knows whether the attempt locked the account.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "equalocal.core",
    "equalocal.accounts",
    "equalocal.organisations",
    "equalocal.charters",
    "equalocal.plans",
    "equalocal.networks",
    "equalocal.indicators",
    "equalocal.documents",
    "equalocal.library",
    "equalocal.workspace",
    "equalocal.exchange",
    "equalocal.reports",
    "equalocal.api",
    # Serves the API documentation's Swagger UI from its own static files, not a CDN.
    "ninja",
    "equalocal.public",
    "equalocal.scale",
    # After our apps: its registration/*.html templates would otherwise hide the accounts app's.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files the same way in every mode (local adds the finders and autorefresh).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After LocaleMiddleware and the user: a signed-in person's own language (accounts.language).
    "equalocal.accounts.language.AccountLanguageMiddleware",
    "equalocal.core.security_log.DenialLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "equalocal.accounts.middleware.SessionTimeoutMiddleware",
    "equalocal.accounts.middleware.StaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "equalocal.organisations.middleware.CurrentOrganisationMiddleware",
    "equalocal.core.middleware.PrivateNoStoreMiddleware",
    "equalocal.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last: turns a locked-out sign-in into the sign-in page saying when to try again.
    "axes.middleware.AxesMiddleware",
    # Innermost, so it sees a view's exception first: a lost database gives a 503 page.
    "equalocal.core.outage.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "equalocal.config.urls"
WSGI_APPLICATION = "equalocal.config.wsgi.application"
ASGI_APPLICATION = "equalocal.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "equalocal.core.context_processors.shell",
                "equalocal.organisations.context_processors.memberships",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'equalocal.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses a sign-in while the account or the address is locked out; signs nobody in.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "home:index"
# Shown on every form that sets a password, with the other rules, in the user's language.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
# REST API rate limits (per client address): anonymous requests per minute, and failed token
# attempts per 15 minutes before the address is refused for the rest of that window.
API_ANONYMOUS_PER_MINUTE = env_int("API_ANONYMOUS_PER_MINUTE", 60)
API_FAILED_TOKENS_PER_15_MINUTES = env_int("API_FAILED_TOKENS_PER_15_MINUTES", 10)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("sv", _("Swedish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Set by the switcher, the profile and signing in (accounts.language); it lasts as long as the
# browser, and a signed-in session gets the account's language back without it.
LANGUAGE_COOKIE_SAMESITE = "Lax"
FORMAT_MODULE_PATH = ["equalocal.config.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Private files (documents, import files): the default storage, which no URL reaches; they are
# served only by views that check access (core/storage.py). Nothing serves MEDIA_URL.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Public media (organisation logos): their own root and URL, served as images only.
PUBLIC_MEDIA_URL = "/public-media/"
PUBLIC_MEDIA_ROOT = Path(env_str("PUBLIC_MEDIA_ROOT", str(VAR_DIR / "public-media")))
STORAGES = {
    "default": {"BACKEND": "equalocal.core.storage.PrivateStorage"},
    "public": {"BACKEND": "equalocal.core.storage.PublicMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LOGO_MAX_BYTES = env_int("LOGO_MAX_BYTES", 2 * 1024 * 1024)
LOGO_MAX_PIXELS = env_int("LOGO_MAX_PIXELS", 16_000_000)

# Documents: uploads over the size limit are refused before they are read whole.
DOCUMENTS_MAX_UPLOAD_BYTES = env_int("DOCUMENTS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# Indicator import files (CSV, XLSX, Kolada JSON).
IMPORTS_MAX_UPLOAD_BYTES = env_int("IMPORTS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DOCUMENTS_MAX_PAGES = env_int("DOCUMENTS_MAX_PAGES", 2000)
DOCUMENTS_MAX_PIXELS = env_int("DOCUMENTS_MAX_PIXELS", 100_000_000)
# A document whose worker has shown no sign of life for this long is taken over by another.
DOCUMENTS_STALE_AFTER_MINUTES = env_int("DOCUMENTS_STALE_AFTER_MINUTES", 10)
# A report whose worker has said nothing for this long is generated again by another worker.
REPORTS_STALE_AFTER_SECONDS = env_int("REPORTS_STALE_AFTER_SECONDS", 600)
# An import of figures whose worker has said nothing for this long is run again by another.
IMPORTS_STALE_AFTER_SECONDS = env_int("IMPORTS_STALE_AFTER_SECONDS", 600)

MAILERS = env_mailers("django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "equalocal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
COUNTRIES_FIRST = ["SE", "FI", "NO", "DK", "EE", "LV", "LT", "PL", "DE"]

SESSION_COOKIE_HTTPONLY = True
# A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS
# after signing in whatever happens (accounts.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 120))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_ABSOLUTE_HOURS", 12))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy: scripts, styles, images and fonts from our own origin only; no
# inline scripts or styles (templates keep none: tests/test_headers.py). The admin's one
# <style> carries the request's nonce. Files we send (documents, logos) set a stricter one.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Browser features no page uses, switched off (core/middleware.py).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Behind a proxy that terminates TLS, name the header it sets, e.g.
# SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"; without it, no header is trusted.
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")

# Sign-in throttling (django-axes): after SIGNIN_FAILURE_LIMIT wrong passwords or codes for
# one account, or from one address, sign-in is refused for SIGNIN_LOCKOUT_MINUTES. Failures
# during a lockout do not extend it, so it always ends. The address is the client's, found
# behind TRUSTED_PROXY_COUNT reverse proxies (each adding to X-Forwarded-For).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "equalocal.accounts.signin.attempted_username"
AXES_CLIENT_IP_CALLABLE = "equalocal.core.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "equalocal.accounts.signin.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
AXES_DISABLE_ACCESS_LOG = True  # failures are kept while they count; successes are not stored
AXES_VERBOSE = False

# Two-factor sign-in (django-otp): an authenticator app (TOTP) with recovery codes; every
# user may turn it on, staff must (accounts.middleware.StaffTwoFactorMiddleware).
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "equalocal")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# How long the code step waits after the password was accepted.
TWO_FACTOR_PENDING_SECONDS = 300

# One line per security event (equalocal.core.security_log): Django's own request logger
# keeps only server errors, the development server's access line is left out for a request
# logged there, axes's chatter stays out, CSRF refusals are logged by the same middleware as
# every other 403, and a worker logs its tasks, not each PDF's layout steps.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "skip_logged_requests": {"()": "equalocal.core.security_log.SkipLoggedRequests"},
    },
    "formatters": {
        # Django's own (django.utils.log.DEFAULT_LOGGING), with the filter added below.
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["skip_logged_requests"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "django.security.csrf": {"level": "ERROR"},
        "axes": {"level": "ERROR"},
        # WeasyPrint's layout steps ("Step 5 - Creating layout - Page 2") and font notices.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
