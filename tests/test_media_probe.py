"""An anonymous probe of every media and file URL returns 404 (issue 12).

Documents, an import preview and a logo are made the way the product makes them; then every
file under MEDIA_ROOT is asked for under MEDIA_URL, under the public media URL and through
path tricks, and every view that sends a file is asked for, anonymously and as an outsider.
Only the logo, which is public, is served, and only as an image.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equalocal.documents.models import Document
from equalocal.documents.services import document_upload
from equalocal.indicators.models import ImportBatch
from equalocal.indicators.services import import_preview
from tests.personas import tiny_png

pytestmark = pytest.mark.django_db

PROBES = ("anonymous", "outsider")


@pytest.fixture
def files(personas):
    """Org A's files as the product stores them: the personas' PDF, a text document uploaded
    through the service (and processed), and an unconfirmed import preview."""
    editor = personas.user("editor")
    document_upload(
        organisation=personas.org_a,
        file=SimpleUploadedFile("beslut.txt", "Beslut om jämställdhetsplan 2026.\n".encode()),
        filename="beslut.txt",
        by=editor,
    )
    code = personas.org_a.official_code
    preview = import_preview(
        organisation=personas.org_a,
        upload=SimpleUploadedFile(
            "figures.csv",
            f"indicator,organisation_code,period,gender,value\nA-1,{code},2024,women,50\n".encode(),
        ),
        filename="figures.csv",
        by=editor,
    )
    assert preview.status == ImportBatch.Status.PREVIEW and preview.file
    return personas


def _stored_names() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _probe_urls(name: str) -> list[str]:
    media = "/" + settings.MEDIA_URL.strip("/") + "/"
    public = "/" + settings.PUBLIC_MEDIA_URL.strip("/") + "/"
    up = "../" * 3
    return [
        media + name,
        public + name,
        public + up + name,
        public + "%2e%2e/" * 3 + name,
        "/static/" + name,
        "/static/" + up + "media/" + name,
    ]


def _client_as(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        client.force_login(user)
    return client


def _file_views(personas) -> list[str]:
    org = personas.org_a.slug
    urls = [
        reverse(
            "organisations:person-export", kwargs={"org": org, "person": personas.objects["person"]}
        ),
        reverse(
            "networks:matrix-export",
            kwargs={"org": personas.objects["network"], "group": personas.objects["group"]},
        ),
        reverse("exchange:indicators-export", kwargs={"org": org, "fmt": "csv"}),
        reverse(
            "library_org:registrants-csv", kwargs={"org": org, "event": personas.objects["event"]}
        ),
    ]
    network, group = personas.objects["network"], personas.objects["group"]
    for name in ("members-export", "dashboard-export"):
        urls.append(reverse(f"network_exchange:{name}", kwargs={"org": network, "fmt": "csv"}))
    urls.append(
        reverse(
            "network_exchange:meetings-export",
            kwargs={"org": network, "group": group, "fmt": "csv"},
        )
    )
    urls.append(
        reverse(
            "networks:meeting-ics",
            kwargs={"org": network, "group": group, "meeting": personas.objects["meeting"]},
        )
    )
    for document in Document.objects.filter(organisation=personas.org_a):
        urls.append(reverse("documents:file", kwargs={"org": org, "document": document.pk}))
        urls.append(
            reverse(
                "documents:page-image", kwargs={"org": org, "document": document.pk, "number": 1}
            )
        )
    return urls


def test_private_files_are_where_the_probe_looks(files):
    names = _stored_names()
    assert any(name.startswith("documents/") for name in names), names
    assert any(name.startswith("imports/") for name in names), names
    # No logo, nor any other public file, is kept with the private ones.
    assert not any(name.startswith("logos/") for name in names), names


@pytest.mark.parametrize("persona", PROBES)
def test_every_private_file_under_every_media_url_gives_404(client, files, persona):
    client = _client_as(client, files, persona)
    names = _stored_names()
    assert len(names) >= 3
    for name in names:
        for url in _probe_urls(name):
            response = client.get(url)
            assert response.status_code == 404, f"{persona} {url}: {response.status_code}"


@pytest.mark.parametrize("persona", PROBES)
def test_every_file_view_gives_404(client, files, persona):
    client = _client_as(client, files, persona)
    urls = _file_views(files)
    assert len(urls) >= 6
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, f"{persona} {url}: {response.status_code}"


def test_members_still_get_their_files(client, files):
    client.force_login(files.user("viewer"))
    for url in _file_views(files):
        if "/people/" in url or "/registrants" in url:
            continue  # admins only; the organiser's editors only
        if "/pages/" in url and f"/{files.objects['document']}/" not in url:
            continue  # a text document has no page images
        assert client.get(url).status_code == 200, url


def test_private_files_have_no_url(files):
    name = _stored_names()[0]
    with pytest.raises(ValueError, match="no URL"):
        default_storage.url(name)


def test_the_logo_is_public_and_sent_as_an_image(client, personas):
    logo = personas.org_a.logo
    assert logo.url.startswith(settings.PUBLIC_MEDIA_URL)
    response = client.get(logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == tiny_png()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logos/page.html", b"<html><script>alert(1)</script></html>"),
        (
            "logos/evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("logos/fake.png", b"not a png at all"),
    ],
)
def test_public_storage_serves_nothing_but_images(client, personas, name, content):
    stored = storages["public"].save(name, ContentFile(content))
    response = client.get(storages["public"].url(stored))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["logos", "logos/", "%00.png", "logos/%2e%2e/%2e%2e/x", "a" * 300])
def test_odd_public_media_names_give_404(client, personas, name):
    response = client.get(settings.PUBLIC_MEDIA_URL + name)
    assert response.status_code == 404


def test_the_organisation_page_shows_the_logo_from_public_media(client, personas):
    response = client.get(personas.org_a.get_absolute_url())
    assert f'src="{personas.org_a.logo.url}"' in response.text
