"""Settings of the worker processes that tests start: the test settings with the real
database-backed queue, and media, mail and the stale periods from the environment."""

import os
from pathlib import Path

from equalocal.config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = Path(os.environ["EQUALOCAL_TEST_MEDIA"])
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(MEDIA_ROOT.parent / "mail")},
    }
}
