"""Documents through the API: members only, and only accepted extracted fields."""

import pytest

from tests.factories import DocumentFactory, ExtractedItemFactory


@pytest.mark.django_db
def test_only_accepted_items_with_their_corrections_are_shown(api_as, personas):
    document = DocumentFactory(organisation=personas.org_a, title="<b>Protokoll</b>")
    ExtractedItemFactory(document=document, data={"body": "KS"}, status="pending")
    accepted = ExtractedItemFactory(
        document=document,
        data={"body": "KS", "paragraph": "§ 6"},
        corrected={"paragraph": "§ 62"},
        status="accepted",
    )
    body = api_as("viewer").get(f"/organisations/org-a/documents/{document.pk}").json()
    assert body["title"] == "<b>Protokoll</b>"  # JSON, never rendered as HTML
    assert [item["id"] for item in body["accepted_items"]] == [accepted.pk]
    assert body["accepted_items"][0]["fields"]["paragraph"] == "§ 62"


@pytest.mark.django_db
def test_documents_are_private(api_as, personas):
    for persona in ("anonymous", "outsider", "peer"):
        assert api_as(persona).get("/organisations/org-a/documents").status_code == 404


@pytest.mark.django_db
def test_document_list_queries_do_not_grow(api_as, personas, django_assert_max_num_queries):
    DocumentFactory.create_batch(200, organisation=personas.org_a)
    with django_assert_max_num_queries(10):
        response = api_as("viewer").get("/organisations/org-a/documents", limit=200)
    assert len(response.json()["items"]) == 200
    kinds = api_as("viewer").get("/organisations/org-a/documents", kind="report").json()
    assert kinds["items"] == []
