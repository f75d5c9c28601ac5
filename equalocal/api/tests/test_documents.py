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


# Review through the API ---------------------------------------------------------------------


def _items_url(document, rest=""):
    return f"/organisations/org-a/documents/{document.pk}/items{rest}"


@pytest.fixture
def document(personas):
    return DocumentFactory(organisation=personas.org_a, title="Protokoll KS", stage="review")


@pytest.mark.django_db
def test_members_list_items_to_review_with_their_locks(api_as, document):
    pending = ExtractedItemFactory(document=document)
    ExtractedItemFactory(document=document, status="rejected")
    api = api_as("viewer")
    every = api.get(_items_url(document)).json()["items"]
    assert len(every) == 2
    listed = api.get(_items_url(document), status="pending").json()["items"]
    assert [(i["id"], i["lock_version"]) for i in listed] == [(pending.pk, 1)]
    assert listed[0]["extracted"]["case_number"] == "KS 2024/108"
    for persona in ("anonymous", "outsider", "peer"):
        assert api_as(persona).get(_items_url(document)).status_code == 404


@pytest.mark.django_db
def test_accepting_with_corrections_adds_the_commitment_step(api_as, personas, document):
    from equalocal.charters.models import CommitmentStep

    item = ExtractedItemFactory(document=document)
    response = api_as("editor").post(
        _items_url(document, f"/{item.pk}/accept"),
        {"lock_version": 1, "corrections": {"paragraph": "§ 63", "decision_date": "2024-10-02"}},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted"
    assert body["corrected"] == {"paragraph": "§ 63", "decision_date": "2024-10-02"}
    assert body["fields"]["paragraph"] == "§ 63"
    step = CommitmentStep.objects.get(commitment__organisation=personas.org_a, paragraph="§ 63")
    assert str(step.date) == "2024-10-02"
    again = api_as("admin").post(_items_url(document, f"/{item.pk}/accept"), {"lock_version": 2})
    assert again.status_code == 422
    document.refresh_from_db()
    assert document.stage == "reviewed"


@pytest.mark.django_db
def test_a_stale_item_lock_gives_409_and_accepts_nothing(api_as, document):
    item = ExtractedItemFactory(document=document, lock_version=3)
    response = api_as("editor").post(
        _items_url(document, f"/{item.pk}/accept"), {"lock_version": 2}
    )
    assert response.status_code == 409
    assert response.json()["error"]["fields"] == {"lock_version": ["3"]}
    item.refresh_from_db()
    assert item.status == "pending"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("corrections", "field"),
    [
        ({"decision_date": "1 oktober"}, "decision_date"),
        ({"decision_type": "coup"}, "decision_type"),
        ({"colour": "red"}, "colour"),
        ({"paragraph": "§" * 2001}, "paragraph"),
    ],
)
def test_bad_corrections_are_refused_on_their_field(api_as, document, corrections, field):
    item = ExtractedItemFactory(document=document)
    response = api_as("editor").post(
        _items_url(document, f"/{item.pk}/accept"),
        {"lock_version": 1, "corrections": corrections},
    )
    assert response.status_code == 422, response.content
    assert field in response.json()["error"]["fields"]
    item.refresh_from_db()
    assert (item.status, item.corrected) == ("pending", {})


@pytest.mark.django_db
def test_a_decision_is_recorded_only_for_an_organisation_the_reviewer_may_choose(
    api_as, personas, document
):
    item = ExtractedItemFactory(document=document)
    response = api_as("editor").post(
        _items_url(document, f"/{item.pk}/accept"),
        {"lock_version": 1, "corrections": {"organisation_id": personas.org_b.pk}},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "organisation_id": ["Choose an organisation from the list."]
    }
    assert not personas.org_b.commitments.exists()


@pytest.mark.django_db
def test_an_activity_row_goes_into_a_plan_of_the_organisation_only(api_as, personas, document):
    from equalocal.plans.models import Activity
    from tests.factories import ActionPlanFactory

    row = ExtractedItemFactory(document=document, kind="action_row")
    theirs = ActionPlanFactory(organisation=personas.org_b)
    url = _items_url(document, f"/{row.pk}/accept")
    refused = api_as("editor").post(url, {"lock_version": 1, "plan": theirs.pk})
    assert refused.status_code == 422
    assert "plan" in refused.json()["error"]["fields"]
    plan_id = personas.objects["plan"]
    accepted = api_as("editor").post(url, {"lock_version": 1, "plan": plan_id})
    assert accepted.status_code == 200, accepted.content
    assert Activity.objects.filter(plan_id=plan_id, title=row.data["activity"]).exists()


@pytest.mark.django_db
def test_rejecting_an_item_changes_nothing_else(api_as, personas, document):
    item = ExtractedItemFactory(document=document)
    steps = personas.org_a.commitments.values_list("steps", flat=True).count()
    response = api_as("editor").post(
        _items_url(document, f"/{item.pk}/reject"), {"lock_version": 1}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert personas.org_a.commitments.values_list("steps", flat=True).count() == steps


@pytest.mark.django_db
def test_who_may_review(api_as, personas, document):
    from equalocal.api.services import api_token_create, api_token_revoke

    item = ExtractedItemFactory(document=document)
    url = _items_url(document, f"/{item.pk}/accept")
    assert api_as("viewer").post(url, {"lock_version": 1}).status_code == 403
    assert api_as("outsider").post(url, {"lock_version": 1}).status_code == 404
    assert api_as("anonymous").post(url, {"lock_version": 1}).status_code == 401
    token, raw = api_token_create(user=personas.user("editor"), name="gammal", can_write=True)
    api_token_revoke(token=token)
    assert api_as("editor", raw=raw).post(url, {"lock_version": 1}).status_code == 401
    item.refresh_from_db()
    assert item.status == "pending"


@pytest.mark.django_db
def test_renaming_a_document_uses_its_lock(api_as, document):
    url = f"/organisations/org-a/documents/{document.pk}"
    api = api_as("editor")
    renamed = api.patch(url, {"lock_version": document.lock_version, "title": "  KS  § 62 "})
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["title"] == "KS § 62"
    assert renamed.json()["lock_version"] == document.lock_version + 1
    stale = api.patch(url, {"lock_version": document.lock_version, "title": "Annat"})
    assert stale.status_code == 409
    blank = api.patch(url, {"lock_version": document.lock_version + 1, "title": "   "})
    assert blank.status_code == 422
    assert blank.json()["error"]["fields"] == {"title": ["Give the document a title."]}
    assert api_as("viewer").patch(url, {"lock_version": 2, "title": "X"}).status_code == 403
    document.refresh_from_db()
    assert document.title == "KS § 62"
