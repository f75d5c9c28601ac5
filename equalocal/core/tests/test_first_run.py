"""What a newcomer sees under `make run`: e-mails as files with one line each, links that
follow the address the server was started on, a favicon."""

import io
import os

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command

from equalocal.config.env import env_mailers
from equalocal.core.mail import FolderEmailBackend


def test_each_email_becomes_a_file_and_one_line_with_a_link(tmp_path):
    out = io.StringIO()
    backend = FolderEmailBackend(file_path=str(tmp_path / "mail"), stream=out)
    message = EmailMultiAlternatives(
        "Daily reminder", "Text body", "a@example.org", ["b@example.org"]
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    plain = EmailMultiAlternatives("Invitation", "Only text", "a@example.org", ["c@example.org"])

    assert backend.send_messages([message, plain]) == 2

    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("e-mail to b@example.org: Daily reminder → file://")
    assert lines[0].endswith(".html")
    assert lines[1].endswith(".eml")
    emls = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(emls) == 2
    assert b"Subject: Daily reminder" in b"".join(path.read_bytes() for path in emls)
    assert "Content-Transfer-Encoding" not in out.getvalue()


def test_local_settings_write_mail_to_the_var_folder(monkeypatch):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    mailers = env_mailers("equalocal.core.mail.FolderEmailBackend", {"file_path": "/x/var/mail"})
    assert mailers["default"] == {
        "BACKEND": "equalocal.core.mail.FolderEmailBackend",
        "OPTIONS": {"file_path": "/x/var/mail"},
    }
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    other = env_mailers("equalocal.core.mail.FolderEmailBackend", {"file_path": "/x/var/mail"})
    assert other["default"]["OPTIONS"] == {}


@pytest.mark.django_db
def test_links_in_emails_follow_the_address_the_server_was_started_on(monkeypatch, settings):
    monkeypatch.delenv("SITE_URL", raising=False)
    started = []
    monkeypatch.setattr(
        "equalocal.core.management.commands.runapp.call_command",
        lambda name, *args, **kwargs: started.append((name, args)),
    )
    call_command("runapp", "127.0.0.1:8200", "--no-demo", stdout=io.StringIO())
    assert settings.SITE_URL == "http://127.0.0.1:8200"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8200"
    assert ("runserver", ("127.0.0.1:8200",)) in started
    monkeypatch.delenv("SITE_URL")


@pytest.mark.django_db
def test_a_configured_site_url_wins(monkeypatch, settings):
    monkeypatch.setenv("SITE_URL", "https://equalocal.example.org")
    settings.SITE_URL = "https://equalocal.example.org"
    monkeypatch.setattr(
        "equalocal.core.management.commands.runapp.call_command", lambda *a, **k: None
    )
    call_command("runapp", "127.0.0.1:8200", "--no-demo", stdout=io.StringIO())
    assert settings.SITE_URL == "https://equalocal.example.org"


@pytest.mark.django_db
def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()
