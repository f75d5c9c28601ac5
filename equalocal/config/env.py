"""Typed readers for environment variables.

Every setting that changes behaviour is read here, so a wrong value stops
start-up with one clear message instead of surfacing later as odd behaviour.
Each reader also accepts ``NAME_FILE`` pointing at a file holding the value
(Docker and systemd secrets).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE points at {file_name!r}, which cannot be read: {exc.strerror}."
            ) from exc
    return os.environ.get(name)


def env_str(name: str, default: str | object = _MISSING) -> str:
    """Return a string variable; without a default, a missing value is an error."""
    value = _raw(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"{name} is not set; set {name} or {name}_FILE.")
        return default  # type: ignore[return-value]
    return value


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable (1/0, true/false, yes/no, on/off)."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false.")


def env_int(name: str, default: int) -> int:
    """Return an integer variable."""
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list variable, stripped, without empty items."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """Return Django's ``SECURE_PROXY_SSL_HEADER`` from ``Header-Name: value``, or None.

    Only set it behind a proxy that always sets (or strips) that header: otherwise anyone
    could claim to be on HTTPS.
    """
    value = _raw(name)
    if value is None or not value.strip():
        return None
    header, separator, expected = value.partition(":")
    header, expected = header.strip(), expected.strip()
    if not separator or not header or not expected or " " in header:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a header and its value; "
            "use for example X-Forwarded-Proto: https."
        )
    meta = header.upper().replace("-", "_")
    return (meta if meta.startswith("HTTP_") else f"HTTP_{meta}", expected)


def env_database(name: str, default: str) -> dict:
    """Parse a database URL (sqlite:///path or postgres://user@host/db) into Django's form."""
    import dj_database_url

    url = env_str(name, default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        # The URL may hold a password, so it is not repeated in the message.
        raise ImproperlyConfigured(
            f"{name} is not a database URL; use sqlite:///path/to/file.sqlite3 "
            "or postgres://user:password@host:5432/name."
        ) from exc
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            f"{name} uses an unsupported database ({url.split(':', 1)[0]}); "
            "use sqlite:/// or postgres://."
        )
    if engine == "django.db.backends.sqlite3":
        name = config.get("NAME") or ""
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers work while the task worker writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


def env_mailers(default_backend: str, default_options: dict | None = None) -> dict:
    """The default mailer from EMAIL_BACKEND and, for SMTP, EMAIL_HOST and friends."""
    backend = env_str("EMAIL_BACKEND", default_backend)
    options = dict(default_options or {}) if backend == default_backend else {}
    if backend == "django.core.mail.backends.smtp.EmailBackend":
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        }
        if options["use_tls"] and options["use_ssl"]:
            raise ImproperlyConfigured("Set only one of EMAIL_USE_TLS and EMAIL_USE_SSL.")
    return {"default": {"BACKEND": backend, "OPTIONS": options}}
