"""Local development: debug on, e-mail printed to the console."""

from equalocal.config.env import env_bool, env_mailers

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
MAILERS = env_mailers("django.core.mail.backends.console.EmailBackend")
