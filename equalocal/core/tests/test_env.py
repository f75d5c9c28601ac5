"""Typed readers for environment variables."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from equalocal.config import env


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    for name in [
        "EQ_TEST",
        "EQ_TEST_FILE",
        "EMAIL_BACKEND",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "EMAIL_PORT",
    ]:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "on", " On "])
def test_env_bool_reads_true_values(monkeypatch, value):
    monkeypatch.setenv("EQ_TEST", value)
    assert env.env_bool("EQ_TEST", False) is True


@pytest.mark.parametrize("value", ["0", "false", "No", "off", ""])
def test_env_bool_reads_false_values(monkeypatch, value):
    monkeypatch.setenv("EQ_TEST", value)
    assert env.env_bool("EQ_TEST", True) is False


def test_env_bool_uses_the_default_when_unset():
    assert env.env_bool("EQ_TEST", True) is True


def test_env_bool_with_a_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("EQ_TEST", "maybe")
    with pytest.raises(
        ImproperlyConfigured, match=r"^EQ_TEST='maybe' is not a boolean; use true or false\.$"
    ):
        env.env_bool("EQ_TEST", False)


def test_env_int_reads_numbers_and_names_the_variable_on_error(monkeypatch):
    monkeypatch.setenv("EQ_TEST", "42")
    assert env.env_int("EQ_TEST", 1) == 42
    monkeypatch.setenv("EQ_TEST", "")
    assert env.env_int("EQ_TEST", 7) == 7
    monkeypatch.setenv("EQ_TEST", "forty")
    with pytest.raises(ImproperlyConfigured, match="EQ_TEST='forty' is not a whole number"):
        env.env_int("EQ_TEST", 1)


def test_env_str_without_default_requires_a_value(monkeypatch):
    with pytest.raises(
        ImproperlyConfigured, match="EQ_TEST is not set; set EQ_TEST or EQ_TEST_FILE"
    ):
        env.env_str("EQ_TEST")
    monkeypatch.setenv("EQ_TEST", "")
    with pytest.raises(ImproperlyConfigured):
        env.env_str("EQ_TEST")
    assert env.env_str("EQ_TEST", "fallback") == "fallback"


def test_env_list_splits_on_commas_and_drops_empty_items(monkeypatch):
    assert env.env_list("EQ_TEST", ["a"]) == ["a"]
    monkeypatch.setenv("EQ_TEST", " example.org, ,www.example.org ,")
    assert env.env_list("EQ_TEST", []) == ["example.org", "www.example.org"]


def test_file_variant_is_read_and_stripped(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("  s3cret-value\n", encoding="utf-8")
    monkeypatch.setenv("EQ_TEST", "ignored")
    monkeypatch.setenv("EQ_TEST_FILE", str(secret))
    assert env.env_str("EQ_TEST") == "s3cret-value"


def test_file_variant_works_for_booleans_and_numbers(monkeypatch, tmp_path):
    (tmp_path / "flag").write_text("yes\n")
    monkeypatch.setenv("EQ_TEST_FILE", str(tmp_path / "flag"))
    assert env.env_bool("EQ_TEST", False) is True
    (tmp_path / "flag").write_text("25\n")
    assert env.env_int("EQ_TEST", 0) == 25


def test_unreadable_file_variant_names_the_variable_and_path(monkeypatch, tmp_path):
    missing = tmp_path / "missing"
    monkeypatch.setenv("EQ_TEST_FILE", str(missing))
    with pytest.raises(
        ImproperlyConfigured, match=r"EQ_TEST_FILE points at .*missing.*cannot be read"
    ):
        env.env_str("EQ_TEST")


def test_env_database_parses_sqlite_and_creates_its_folder(monkeypatch, tmp_path):
    path = tmp_path / "sub" / "db.sqlite3"
    monkeypatch.setenv("EQ_TEST", f"sqlite:///{path}")
    config = env.env_database("EQ_TEST", "sqlite:///:memory:")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(path)
    assert path.parent.is_dir()
    assert config["CONN_MAX_AGE"] == 0
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_env_database_parses_postgres(monkeypatch):
    monkeypatch.setenv("EQ_TEST", "postgres://eq:pw@db.example:5433/equalocal")
    config = env.env_database("EQ_TEST", "sqlite:///:memory:")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example",
        5433,
        "equalocal",
        "eq",
    )


@pytest.mark.parametrize(
    "url", ["mysql://u:p@host/db", "oracle://u:p@host/db", "spatialite:///x.db"]
)
def test_env_database_rejects_unsupported_databases(monkeypatch, url):
    monkeypatch.setenv("EQ_TEST", url)
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^EQ_TEST uses an unsupported database .*use sqlite:/// or postgres://",
    ):
        env.env_database("EQ_TEST", "sqlite:///:memory:")


@pytest.mark.parametrize("url", ["redis://localhost", "nonsense", "postgres://u:hunter2@h:port/db"])
def test_env_database_rejects_invalid_urls_naming_the_variable_but_not_the_password(
    monkeypatch, url
):
    monkeypatch.setenv("EQ_TEST", url)
    with pytest.raises(
        ImproperlyConfigured, match=r"^EQ_TEST is not a (valid )?database URL"
    ) as excinfo:
        env.env_database("EQ_TEST", "sqlite:///:memory:")
    assert "hunter2" not in str(excinfo.value)


def test_env_mailers_reads_smtp_options(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "587")
    monkeypatch.setenv("EMAIL_USE_TLS", "true")
    mailers = env.env_mailers("django.core.mail.backends.smtp.EmailBackend")
    options = mailers["default"]["OPTIONS"]
    assert (options["port"], options["use_tls"], options["use_ssl"]) == (587, True, False)


def test_env_mailers_refuses_tls_and_ssl_together(monkeypatch):
    monkeypatch.setenv("EMAIL_USE_TLS", "1")
    monkeypatch.setenv("EMAIL_USE_SSL", "1")
    with pytest.raises(ImproperlyConfigured, match="only one of EMAIL_USE_TLS and EMAIL_USE_SSL"):
        env.env_mailers("django.core.mail.backends.smtp.EmailBackend")


def test_env_mailers_has_no_smtp_options_for_other_backends(monkeypatch):
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    mailers = env.env_mailers("django.core.mail.backends.smtp.EmailBackend")
    assert mailers == {
        "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
    }
