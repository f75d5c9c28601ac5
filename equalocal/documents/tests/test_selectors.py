"""The documents' access helpers and reads: scoping by organisation and role, query bounds."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from equalocal.documents import selectors
from equalocal.documents.models import Document, ItemStatus
from equalocal.documents.services import item_accept
from equalocal.organisations.permissions import Action
from equalocal.plans.models import ActionPlan, Activity
from tests.factories import DocumentFactory, ExtractedItemFactory, PageFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    Action.VIEW: {"viewer", "editor", "admin", "staff"},
    Action.EDIT: {"editor", "admin", "staff"},
    Action.MANAGE: {"admin", "staff"},
}


@pytest.mark.parametrize("action", [Action.VIEW, Action.EDIT, Action.MANAGE])
@pytest.mark.parametrize("persona", ["anonymous", "viewer", "editor", "admin", "outsider", "staff"])
def test_get_document_for_user_by_persona(personas, persona, action):
    from django.contrib.auth.models import AnonymousUser

    user = personas.user(persona) or AnonymousUser()
    pk = personas.objects["document"]
    if persona in ALLOWED[action]:
        assert selectors.get_document_for_user(user, "org-a", pk, action=action).pk == pk
    elif persona in ("anonymous", "outsider"):
        with pytest.raises(Http404):
            selectors.get_document_for_user(user, "org-a", pk, action=action)
    else:
        with pytest.raises(PermissionDenied):
            selectors.get_document_for_user(user, "org-a", pk, action=action)


def test_document_is_not_found_under_another_organisation(personas):
    with pytest.raises(Http404):
        selectors.get_document_for_user(
            personas.user("staff"), personas.org_b.slug, personas.objects["document"]
        )


def test_get_item_for_user_needs_the_item_to_belong_to_the_document(personas):
    editor = personas.user("editor")
    document = personas.objects["document"]
    item = selectors.get_item_for_user(editor, "org-a", document, personas.objects["item"])
    assert item.document.organisation == personas.org_a
    other = ExtractedItemFactory(document=DocumentFactory(organisation=personas.org_a))
    with pytest.raises(Http404):
        selectors.get_item_for_user(editor, "org-a", document, other.pk)
    with pytest.raises(PermissionDenied):
        selectors.get_item_for_user(personas.user("viewer"), "org-a", document, item.pk)


@pytest.mark.parametrize("count", [5, 200])
def test_document_list_runs_two_queries_whatever_the_size(
    personas, django_assert_num_queries, count
):
    for document in DocumentFactory.create_batch(count, organisation=personas.org_a):
        ExtractedItemFactory(document=document)
        ExtractedItemFactory(document=document, status=ItemStatus.REJECTED)
    with django_assert_num_queries(2):
        page = selectors.document_list(organisation=personas.org_a)
        rows = list(page)
        for document in rows:
            document.stored_file.size, document.uploaded_by, document.pending_count  # noqa: B018
    assert len(rows) == min(count + 1, selectors.LIST_PAGE_SIZE)
    assert page.paginator.count == count + 1
    new = [document for document in rows if document.pk != personas.objects["document"]]
    assert all(document.pending_count == 1 for document in new)


def test_document_list_filters(personas):
    plan = DocumentFactory(
        organisation=personas.org_a, title="Verksamhetsplan 2014", kind="action_plan", language="sv"
    )
    DocumentFactory(organisation=personas.org_a, title="Report", kind="report", language="en")
    DocumentFactory(organisation=personas.org_b, title="Verksamhetsplan B", kind="action_plan")
    found = selectors.document_list(organisation=personas.org_a, kind="action_plan")
    assert [document.pk for document in found] == [plan.pk]
    found = selectors.document_list(organisation=personas.org_a, q="verksamhets")
    assert [document.pk for document in found] == [plan.pk]
    found = selectors.document_list(organisation=personas.org_a, language="en")
    assert [document.title for document in found] == ["Report"]
    assert selectors.document_list(organisation=personas.org_a, stage="failed").paginator.count == 0
    assert selectors.document_languages(personas.org_a) == ["en", "sv"]


def test_detail_context_groups_items_by_kind(personas):
    document = Document.objects.get(pk=personas.objects["document"])
    detail = selectors.document_detail_context(document)
    assert [item.kind for item in detail.decisions] == ["decision"]
    assert [item.kind for item in detail.action_rows] == ["action_row"]
    assert detail.pending_count == 2
    assert detail.confident_pending_count == 2
    assert [page.number for page in detail.pages] == [1]


def test_review_context_shows_the_first_page_or_the_one_asked_for(personas):
    document = Document.objects.get(pk=personas.objects["document"])
    PageFactory(document=document, number=2, text="Sida två")
    assert selectors.review_context(document).page.number == 1
    assert selectors.review_context(document, 2).page.text == "Sida två"
    with pytest.raises(Http404):
        selectors.review_context(document, 3)


def test_provenance_lists_the_items_an_object_came_from_in_one_query(
    personas, django_assert_num_queries
):
    document = Document.objects.get(pk=personas.objects["document"])
    row = document.items.get(kind="action_row")
    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    item_accept(item=row, by=personas.user("editor"), plan=plan)
    activity = Activity.objects.get(pk=row.target_id)
    with django_assert_num_queries(1):
        sources = selectors.provenance_for(activity)
        assert sources[0].document.organisation.slug == "org-a"
    assert [source.pk for source in sources] == [row.pk]
    assert sources[0].page == 1
    other = Activity.objects.get(pk=personas.objects["activity"])
    assert selectors.provenance_for(other) == []
    assert [s.pk for s in selectors.provenance_for(other, activity)] == [row.pk]


def test_searchable_organisations_are_the_users_own(personas):
    assert selectors.searchable_organisations(personas.user("viewer")) == [personas.org_a]
    assert selectors.searchable_organisations(personas.user("outsider")) == [personas.org_b]
    assert personas.org_a in selectors.searchable_organisations(personas.user("staff"))
