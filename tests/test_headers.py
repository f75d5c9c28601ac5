"""Security headers: Content-Security-Policy without inline code, Permissions-Policy,
no-store for everything a signed-in person sees, and the proxy header only when configured."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import reverse

import equalocal
from equalocal.config.env import env_proxy_ssl_header
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_pages_send_a_content_security_policy_without_inline_code(client, personas):
    client.force_login(personas.user("admin"))
    for url in ("/", personas.org_a.get_absolute_url(), reverse("accounts:login")):
        response = client.get(url, follow=True)
        policy = _policy(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert "style-src" in policy


def test_error_pages_send_the_policy_too(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert _policy(response)["script-src"] == ["'self'"]


def test_the_admin_nonces_are_the_ones_the_policy_names(client, personas):
    sign_in(client, personas.user("staff"))
    response = client.get("/admin/organisations/organisation/")
    assert response.status_code == 200
    nonces = set(re.findall(r'nonce="([^"]+)"', response.text))
    assert nonces, "the admin marks its styles and scripts with the request's nonce"
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in _policy(response)["style-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_downloads_keep_their_own_stricter_policy(client, personas):
    client.force_login(personas.user("viewer"))
    url = reverse(
        "documents:file", kwargs={"org": "org-a", "document": personas.objects["document"]}
    )
    assert client.get(url)["Content-Security-Policy"] == "sandbox"


def test_permissions_policy_switches_off_unused_features(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


def test_anonymous_public_pages_may_be_cached(client, personas):
    response = client.get(personas.org_a.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("persona", ["viewer", "outsider", "staff"])
def test_every_response_to_a_signed_in_person_is_no_store(client, personas, persona):
    client.force_login(personas.user(persona))
    for url in (
        "/",
        personas.org_a.get_absolute_url(),
        reverse("plans:list", kwargs={"org": "org-a"}),
        "/no/such/page/",
    ):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url


def test_personal_data_export_is_no_store(client, personas):
    client.force_login(personas.user("admin"))
    url = reverse(
        "organisations:person-export", kwargs={"org": "org-a", "person": personas.objects["person"]}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_personal_data_export_from_the_django_admin_is_no_store(client, personas):
    sign_in(client, personas.user("staff"))
    response = client.post(
        "/admin/organisations/person/",
        {"action": "export_personal_data", "_selected_action": [personas.objects["person"]]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"


def test_logos_stay_cacheable_for_signed_in_people(client, personas):
    client.force_login(personas.user("viewer"))
    response = client.get(personas.org_a.logo.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


# Templates -------------------------------------------------------------------------------------

# A <script> with a body runs inline, unless it only holds data (JSON the page reads).
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>\s*\S",
    re.IGNORECASE,
)
# Laid out by WeasyPrint into a PDF, never sent to a browser: its page rules stay with it.
PDF_ONLY = {"reports/document.html"}
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _our_templates() -> list[Path]:
    # The package's own folders: a clone named "equalocal" holds the virtualenv's too.
    package = Path(equalocal.__file__).resolve().parent
    dirs = list(engines["django"].engine.dirs) + [
        path for path in get_app_template_dirs("templates") if Path(path).is_relative_to(package)
    ]
    return sorted({path for root in dirs for path in Path(root).rglob("*.html")})


def test_the_template_scan_finds_our_templates():
    names = {path.name for path in _our_templates()}
    assert {"base.html", "404.html", "detail.html", "members.html"} <= names


@pytest.mark.parametrize("path", _our_templates(), ids=lambda path: path.name)
def test_no_template_has_inline_styles_or_scripts(path):
    text = path.read_text(encoding="utf-8")
    if any(path.as_posix().endswith(name) for name in PDF_ONLY):
        assert not INLINE_SCRIPT.search(text), f"{path}: an inline <script>"
        return
    assert "style=" not in text, f"{path}: a style attribute; use a class in equalocal.css"
    assert "<style" not in text, f"{path}: a <style> block; move it to equalocal.css"
    assert not INLINE_SCRIPT.search(text), f"{path}: an inline <script>; use a static file"
    assert not INLINE_HANDLER.search(text), f"{path}: an inline event handler"
    assert "javascript:" not in text.lower(), f"{path}: a javascript: address"


# Proxy header ----------------------------------------------------------------------------------


def test_no_proxy_header_is_trusted_unless_configured(monkeypatch):
    monkeypatch.delenv("SECURE_PROXY_SSL_HEADER", raising=False)
    assert env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER") is None


def test_the_configured_proxy_header_is_trusted(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https")
    assert env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER") == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("value", ["X-Forwarded-Proto", "X Forwarded: https", ": https"])
def test_a_malformed_proxy_header_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", value)
    with pytest.raises(ImproperlyConfigured, match="X-Forwarded-Proto: https"):
        env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
