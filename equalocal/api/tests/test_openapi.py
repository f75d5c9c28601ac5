"""The committed OpenAPI document and the documentation page."""

import re

import pytest

from equalocal.api.schema import SNAPSHOT, openapi_text


def test_committed_openapi_document_is_current():
    assert SNAPSHOT.read_text(encoding="utf-8") == openapi_text(), (
        "The API changed: run `make api-schema` and commit equalocal/api/openapi.json."
    )


def test_every_operation_documents_the_error_object():
    import json

    schema = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "404", "422", "429"):
                assert status in operation["responses"], f"{method} {path} {status}"


@pytest.mark.django_db
def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "equalocal API"


@pytest.mark.django_db
def test_docs_page_uses_vendored_assets_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    external = re.findall(r"""(?:src|href)=["'](https?:)?//""", html)
    assert not external, "the docs page loads something from another host"
    assert "cdn" not in html.lower()
    assert 'lang="' in html
