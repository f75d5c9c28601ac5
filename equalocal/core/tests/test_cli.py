"""The ``equalocal`` console script: configuration mistakes give one clear line and exit 2."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "equalocal"
PREFIX = "equalocal: configuration error:"
GOOD_SECRET = "x" * 60


def run(tmp_path, **environ):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "SECRET_KEY", "DEBUG", "EMAIL_"))
    }
    env["EQUALOCAL_VAR_DIR"] = str(tmp_path)
    env.update(environ)
    return subprocess.run(
        [str(SCRIPT), "check"], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def assert_one_line_configuration_error(result, *fragments):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(PREFIX)
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_database_url_gives_one_line_and_exit_2(tmp_path):
    result = run(
        tmp_path,
        DJANGO_SETTINGS_MODULE="equalocal.config.settings.production",
        SECRET_KEY=GOOD_SECRET,
        DATABASE_URL="mysql://u:secret-pw@host/db",
    )
    assert_one_line_configuration_error(result, "DATABASE_URL uses an unsupported database (mysql)")
    assert "secret-pw" not in result.stderr


def test_production_without_secret_key_gives_one_line_and_exit_2(tmp_path):
    result = run(tmp_path, DJANGO_SETTINGS_MODULE="equalocal.config.settings.production")
    assert_one_line_configuration_error(result, "SECRET_KEY is not set")


def _load_production_settings(monkeypatch, tmp_path, **environ):
    """Execute the production settings module in-process with the given environment."""
    import runpy

    monkeypatch.setenv("EQUALOCAL_VAR_DIR", str(tmp_path))
    for name in ["SECRET_KEY", "SECRET_KEY_FILE", "SECURE_SSL_REDIRECT"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("equalocal.config.settings.production")


def test_production_settings_refuse_a_short_secret_key(monkeypatch, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        _load_production_settings(monkeypatch, tmp_path, SECRET_KEY="short")
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        _load_production_settings(monkeypatch, tmp_path, SECRET_KEY="insecure-" + "x" * 60)


def test_production_settings_name_a_bad_boolean(monkeypatch, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(
        ImproperlyConfigured, match="SECURE_SSL_REDIRECT='sometimes' is not a boolean"
    ):
        _load_production_settings(
            monkeypatch, tmp_path, SECRET_KEY=GOOD_SECRET, SECURE_SSL_REDIRECT="sometimes"
        )


def test_production_settings_read_the_secret_key_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text(GOOD_SECRET + "\n")
    settings = _load_production_settings(monkeypatch, tmp_path, SECRET_KEY_FILE=str(secret))
    assert settings["SECRET_KEY"] == GOOD_SECRET
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True
