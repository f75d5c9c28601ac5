"""Local development: e-mails written to files under var/mail/ with one line each on the console;
otherwise served as in production.

DEBUG is off unless ``DEBUG=true`` is set, so ``make run`` shows the product's own 404, 403
and 500 pages. Static files come from WhiteNoise as in production, read from the source
folders (no collectstatic) and picked up when they change.
"""

from equalocal.config.env import env_bool, env_mailers

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", False)
MAILERS = env_mailers(
    "equalocal.core.mail.FolderEmailBackend",
    {"file_path": str(VAR_DIR / "mail")},  # noqa: F405
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
