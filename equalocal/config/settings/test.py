"""Tests: fast hashing, immediate tasks, in-memory e-mail, media in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="equalocal-test-media-"))
LOGGING = {  # quiet: no handlers (caplog sees the records)
    **LOGGING,  # noqa: F405
    "handlers": {},
    "root": {"level": "WARNING"},
    "loggers": {**LOGGING["loggers"], "django.server": {"level": "INFO"}},  # noqa: F405
}
PUBLIC_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="equalocal-test-public-media-"))

# Static files as in local mode: WhiteNoise reads the source folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
