"""The ``equalocal`` console script: Django's manage.py under a friendlier name.

``equalocal run`` serves the app, ``equalocal demo`` loads demo data,
``equalocal createadmin`` creates a staff account; every other Django command
(``migrate``, ``check``, …) works as well.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "run": "runapp",
    "evaluate-extraction": "evaluate_extraction",
    "scale-data": "scale_data",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    _load_dotenv()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalocal.config.settings.local")
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    argv[0] = "equalocal"

    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        # One clear line instead of a traceback: this is a configuration mistake.
        sys.stderr.write(f"equalocal: configuration error: {exc}\n")
        raise SystemExit(2) from None

    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(argv)
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(f"equalocal: cannot use the database: {first_line}\n")
        raise SystemExit(2) from None


def _load_dotenv() -> None:
    """Read ``.env`` from the working directory; real environment variables win."""
    from pathlib import Path

    from dotenv import load_dotenv

    env_file = Path.cwd() / ".env"
    if env_file.is_file():
        load_dotenv(env_file, override=False)


if __name__ == "__main__":
    main()
