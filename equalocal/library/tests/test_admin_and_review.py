"""Themes through the admin (which calls the services) and the review buttons on the page."""

import pytest
from django.urls import reverse

from equalocal.library.models import PracticeStatus, Theme
from equalocal.library.tests.factories import PracticeFactory, ThemeFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_staff_add_and_delete_a_theme_in_the_admin(client):
    sign_in(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:library_theme_add"),
        {"slug": "housing", "name_en": "Housing", "name_sv": "Bostäder", "order": 5},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(slug="housing")
    assert theme.name == "Housing"
    assert theme.history.count() == 1
    response = client.post(reverse("admin:library_theme_delete", args=[theme.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Theme.objects.filter(slug="housing").exists()


def test_theme_name_follows_the_language(client):
    ThemeFactory(slug="care", name_en="Care", name_sv="Omsorg")
    PracticeFactory(published=True, themes=[Theme.objects.get(slug="care")])
    page = client.get(reverse("library:index"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Omsorg" in page


def test_review_through_the_page(client):
    owner = OrganisationFactory()
    editor, admin = UserFactory(), UserFactory()
    MembershipFactory(user=editor, organisation=owner, role="editor")
    MembershipFactory(user=admin, organisation=owner, role="admin")
    practice = PracticeFactory(owner=owner)
    kwargs = {"org": owner.slug, "practice": practice.pk}
    client.force_login(editor)
    client.post(reverse("library_org:practice-submit", kwargs=kwargs))
    assert (
        client.post(
            reverse("library_org:practice-review", kwargs=kwargs), {"decision": "publish"}
        ).status_code
        == 403
    )
    client.force_login(admin)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Publish" in page
    client.post(reverse("library_org:practice-review", kwargs=kwargs), {"decision": "publish"})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_practice_of_another_organisation_is_404_on_our_pages(client):
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    editor = UserFactory()
    MembershipFactory(user=editor, organisation=ours, role="editor")
    MembershipFactory(user=editor, organisation=theirs, role="viewer")
    practice = PracticeFactory(owner=theirs)
    client.force_login(editor)
    url = reverse("library_org:practice-edit", kwargs={"org": ours.slug, "practice": practice.pk})
    assert client.get(url).status_code == 404


def test_publication_list_and_org_library_have_bounded_queries(
    client, django_assert_max_num_queries
):
    from equalocal.library.tests.factories import EventFactory, PublicationFactory

    owner = OrganisationFactory()
    viewer = UserFactory()
    MembershipFactory(user=viewer, organisation=owner, role="viewer")
    for _ in range(15):
        publication = PublicationFactory(owner=owner)
        PracticeFactory(owner=owner, publication=publication, published=True)
        EventFactory(organiser=owner)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("library:publications")).status_code == 200
    client.force_login(viewer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("library_org:index", kwargs={"org": owner.slug}))
    assert response.content.decode().count("<tr>") == 16


def test_home_page_leads_admins_to_practices_waiting_for_review(client):
    owner = OrganisationFactory()
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=owner, role="admin")
    PracticeFactory(owner=owner, status=PracticeStatus.IN_REVIEW)
    client.force_login(admin)
    page = client.get("/").content.decode()
    assert reverse("library_org:index", kwargs={"org": owner.slug}) in page
    assert "1 good practice waits for your review." in page
