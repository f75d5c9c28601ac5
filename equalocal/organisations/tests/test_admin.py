"""The Django admin's personal-data actions, used by site staff."""

import json

import pytest
from django.urls import reverse

from equalocal.organisations.models import ErasureRecord, Person
from tests.factories import PersonFactory, UserFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, db):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, staff)
    client.staff = staff
    return client


def _action(client, action, people):
    return client.post(
        reverse("admin:organisations_person_changelist"),
        {"action": action, "_selected_action": [person.pk for person in people], "index": 0},
    )


def test_admin_export_action_returns_every_selected_persons_data(staff_client):
    people = [PersonFactory(name="Ingrid Lundström"), PersonFactory(name="Henna Harinen")]
    response = _action(staff_client, "export_personal_data", people)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    data = json.loads(response.content)
    assert sorted(item["person"]["name"] for item in data) == ["Henna Harinen", "Ingrid Lundström"]
    assert all(item["history"] for item in data)


def test_admin_erase_action_erases_people_and_their_history(staff_client):
    erase = [PersonFactory(), PersonFactory()]
    keep = PersonFactory()
    pks = [person.pk for person in erase]
    response = _action(staff_client, "erase_personal_data", erase)
    assert response.status_code == 302
    assert not Person.objects.filter(pk__in=pks).exists()
    assert not Person.history.filter(id__in=pks).exists()
    assert Person.objects.filter(pk=keep.pk).exists()
    records = ErasureRecord.objects.all()
    assert len(records) == 2
    assert {(r.erased_by, r.reason) for r in records} == {(staff_client.staff, "Django admin")}
    page = staff_client.get(response.url)
    assert "Erased 2 people and their history." in page.content.decode()


def test_admin_actions_are_not_available_to_non_staff(client, db):
    person = PersonFactory()
    client.force_login(UserFactory())
    response = _action(client, "erase_personal_data", [person])
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    assert Person.objects.filter(pk=person.pk).exists()


def test_erasure_records_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:organisations_erasurerecord_add")).status_code == 403
    assert (
        staff_client.get(reverse("admin:organisations_erasurerecord_changelist")).status_code == 200
    )


@pytest.mark.parametrize(
    "name",
    [
        "organisations_organisation",
        "organisations_membership",
        "organisations_person",
        "accounts_user",
        "accounts_invitation",
    ],
)
def test_admin_changelists_render(staff_client, name):
    PersonFactory()
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
