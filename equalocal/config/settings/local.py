"""Local development: e-mails written to files under var/mail/, one line each on the console."""

from equalocal.config.env import env_bool, env_mailers

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
MAILERS = env_mailers(
    "equalocal.core.mail.FolderEmailBackend",
    {"file_path": str(VAR_DIR / "mail")},  # noqa: F405
)
