"""Services for organisations, memberships and people, against the real database."""

import pytest
from django.core.exceptions import ValidationError

from equalocal.core.errors import ApplicationError
from equalocal.organisations import services
from equalocal.organisations.models import (
    ErasureRecord,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _create(**overrides):
    fields = {
        "name": "Umeå kommun",
        "kind": OrganisationKind.MUNICIPALITY,
        "country": "SE",
        "official_code": "2480",
    }
    fields.update(overrides)
    return services.organisation_create(**fields)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# organisation_create / organisation_update


def test_organisation_create_makes_a_unique_slug_from_the_name():
    first = _create(name="Umeå kommun", official_code="2480")
    second = _create(name="Umeå kommun", official_code="2481")
    assert first.slug == "umea-kommun"
    assert second.slug == "umea-kommun-2"


def test_organisation_create_transliterates_polish_l_in_the_slug():
    organisation = _create(name="Słupsk", country="PL", official_code="")
    assert organisation.slug == "slupsk"


def test_organisation_create_makes_a_non_staff_creator_its_admin():
    user = UserFactory()
    organisation = _create(by=user)
    membership = Membership.objects.get(organisation=organisation, user=user)
    assert membership.role == Role.ADMIN
    assert organisation.history.get().history_user == user


def test_organisation_create_by_staff_does_not_add_a_membership():
    staff = UserFactory(is_staff=True)
    organisation = _create(by=staff)
    assert not organisation.memberships.exists()


@pytest.mark.parametrize("code", ["248", "24800", "24a0", "abcd"])
def test_swedish_municipality_code_must_have_four_digits(code):
    with pytest.raises(ValidationError) as excinfo:
        _create(official_code=code)
    assert "four digits" in _errors(excinfo)["official_code"][0]
    assert not Organisation.objects.filter(name="Umeå kommun").exists()


@pytest.mark.parametrize("kind", [OrganisationKind.REGION, OrganisationKind.COUNTY_COUNCIL])
@pytest.mark.parametrize("code", ["24", "0124", "2480", "00245", "00ab"])
def test_swedish_region_code_must_be_00_and_two_digits(kind, code):
    with pytest.raises(ValidationError) as excinfo:
        _create(name="Region Västerbotten", kind=kind, official_code=code)
    assert "00 and the county code" in _errors(excinfo)["official_code"][0]


def test_swedish_region_code_with_00_prefix_is_accepted():
    region = _create(name="Region Västerbotten", kind=OrganisationKind.REGION, official_code="0024")
    assert region.official_code == "0024"


def test_code_format_rules_apply_only_to_sweden():
    helsinki = _create(name="Helsinki", country="FI", official_code="091")
    assert helsinki.pk is not None


def test_organisation_without_official_code_is_valid_in_sweden():
    assert _create(name="SKR", kind=OrganisationKind.NATIONAL_ASSOCIATION, official_code="").pk


def test_duplicate_official_code_in_same_country_is_rejected_naming_the_other_organisation():
    _create(name="Umeå kommun", official_code="2480")
    with pytest.raises(ValidationError) as excinfo:
        _create(name="Copy of Umeå", official_code="2480")
    message = _errors(excinfo)["official_code"][0]
    assert "Umeå kommun" in message
    assert "2480" in message
    assert Organisation.objects.filter(official_code="2480").count() == 1


def test_same_official_code_in_another_country_is_accepted():
    _create(name="Umeå kommun", country="SE", official_code="2480")
    other = _create(name="Somewhere", country="NO", official_code="2480")
    assert other.pk is not None


def test_several_organisations_without_code_in_the_same_country_are_fine():
    _create(name="Network one", kind=OrganisationKind.NETWORK, official_code="")
    _create(name="Network two", kind=OrganisationKind.NETWORK, official_code="")
    assert Organisation.objects.filter(official_code="").count() == 2


def test_organisation_update_changes_fields_and_records_the_author():
    organisation = _create()
    user = UserFactory()
    services.organisation_update(organisation=organisation, by=user, name="Umeå kommun (new)")
    organisation.refresh_from_db()
    assert organisation.name == "Umeå kommun (new)"
    latest = organisation.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == user


def test_organisation_update_keeping_its_own_code_is_not_a_duplicate():
    organisation = _create()
    services.organisation_update(organisation=organisation, description="Hello")
    assert Organisation.objects.get(pk=organisation.pk).description == "Hello"


def test_organisation_update_to_a_code_used_elsewhere_is_rejected_naming_the_other():
    _create(name="Umeå kommun", official_code="2480")
    vannas = _create(name="Vännäs kommun", official_code="2460")
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_update(organisation=vannas, official_code="2480")
    assert "Umeå kommun" in _errors(excinfo)["official_code"][0]
    assert Organisation.objects.get(pk=vannas.pk).official_code == "2460"


def test_organisation_update_validates_the_swedish_code_format():
    organisation = _create()
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_update(organisation=organisation, official_code="12")
    assert "official_code" in _errors(excinfo)


def test_organisation_cannot_be_part_of_itself():
    organisation = _create()
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_update(organisation=organisation, parent=organisation)
    assert "parent" in _errors(excinfo)


# memberships


def test_membership_set_role_creates_a_membership():
    organisation, user = OrganisationFactory(), UserFactory()
    membership = services.membership_set_role(
        organisation=organisation, user=user, role=Role.EDITOR
    )
    assert membership.role == Role.EDITOR
    assert Membership.objects.filter(organisation=organisation, user=user).count() == 1


def test_membership_set_role_changes_an_existing_role_without_duplicating():
    membership = MembershipFactory(role=Role.VIEWER)
    services.membership_set_role(
        organisation=membership.organisation, user=membership.user, role=Role.ADMIN
    )
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    assert Membership.objects.filter(organisation=membership.organisation).count() == 1


def test_membership_set_role_rejects_an_unknown_role():
    organisation, user = OrganisationFactory(), UserFactory()
    with pytest.raises(ApplicationError) as excinfo:
        services.membership_set_role(organisation=organisation, user=user, role="owner")
    assert excinfo.value.field == "role"
    assert "owner" in excinfo.value.message


def test_demoting_the_last_admin_is_refused_with_a_clear_message():
    membership = MembershipFactory(role=Role.ADMIN, organisation__name="Ragunda kommun")
    with pytest.raises(ApplicationError) as excinfo:
        services.membership_set_role(
            organisation=membership.organisation, user=membership.user, role=Role.VIEWER
        )
    assert excinfo.value.message == (
        "Ragunda kommun needs at least one admin; make someone else admin first."
    )
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_demoting_an_admin_is_allowed_when_another_admin_remains():
    first = MembershipFactory(role=Role.ADMIN)
    MembershipFactory(role=Role.ADMIN, organisation=first.organisation)
    services.membership_set_role(organisation=first.organisation, user=first.user, role=Role.EDITOR)
    first.refresh_from_db()
    assert first.role == Role.EDITOR


def test_admins_of_other_organisations_do_not_count_as_another_admin():
    membership = MembershipFactory(role=Role.ADMIN)
    MembershipFactory(role=Role.ADMIN)  # admin elsewhere
    with pytest.raises(ApplicationError):
        services.membership_remove(membership=membership)


def test_removing_the_last_admin_is_refused():
    membership = MembershipFactory(role=Role.ADMIN, organisation__name="Ragunda kommun")
    with pytest.raises(ApplicationError) as excinfo:
        services.membership_remove(membership=membership)
    assert "Ragunda kommun needs at least one admin" in excinfo.value.message
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_non_admin_member_works_and_is_attributed():
    admin = MembershipFactory(role=Role.ADMIN)
    viewer = MembershipFactory(role=Role.VIEWER, organisation=admin.organisation)
    pk = viewer.pk
    services.membership_remove(membership=viewer, by=admin.user)
    assert not Membership.objects.filter(pk=pk).exists()
    deleted = Membership.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == admin.user


def test_removing_an_admin_is_allowed_when_another_admin_remains():
    first = MembershipFactory(role=Role.ADMIN)
    MembershipFactory(role=Role.ADMIN, organisation=first.organisation)
    pk = first.pk
    services.membership_remove(membership=first)
    assert not Membership.objects.filter(pk=pk).exists()


# people


def test_person_save_validates_the_email():
    person = Person(organisation=OrganisationFactory(), name="Ingrid", email="not-an-email")
    with pytest.raises(ValidationError) as excinfo:
        services.person_save(person=person)
    assert "email" in excinfo.value.message_dict


def test_person_save_records_the_author_in_history():
    user = UserFactory()
    person = services.person_save(
        person=Person(organisation=OrganisationFactory(), name="Ingrid"), by=user
    )
    assert person.history.get().history_user == user


def test_person_delete_keeps_an_attributed_deletion_in_history():
    user = UserFactory()
    person = PersonFactory()
    pk = person.pk
    services.person_delete(person=person, by=user)
    assert not Person.objects.filter(pk=pk).exists()
    assert Person.history.get(id=pk, history_type="-").history_user == user


# personal data


def test_personal_data_export_contains_the_person_and_their_history():
    person = PersonFactory(
        name="Ingrid Lundström", email="ingrid@vannas.se", phone="0935-141 31", title="Konsult"
    )
    person.title = "Personalkonsulent"
    services.person_save(person=person)
    data = services.personal_data_export(person=person)
    assert data["person"]["name"] == "Ingrid Lundström"
    assert data["person"]["email"] == "ingrid@vannas.se"
    assert data["person"]["phone"] == "0935-141 31"
    assert data["person"]["title"] == "Personalkonsulent"
    assert data["person"]["organisation"] == person.organisation.name
    assert [record["title"] for record in data["history"]] == ["Konsult", "Personalkonsulent"]
    assert [record["change"] for record in data["history"]] == ["Created", "Changed"]
    assert data["user_account"] is None
    assert data["exported_at"]


def test_personal_data_export_includes_the_linked_user_account_and_memberships():
    membership = MembershipFactory(role=Role.EDITOR, user__first_name="Ingrid")
    person = PersonFactory(organisation=membership.organisation, user=membership.user)
    account = services.personal_data_export(person=person)["user_account"]
    assert account["email"] == membership.user.email
    assert account["first_name"] == "Ingrid"
    assert account["last_login"] is None
    assert account["memberships"] == [
        {"organisation": membership.organisation.name, "role": "editor"}
    ]


def test_personal_data_export_is_json_serialisable():
    import json

    person = PersonFactory()
    json.dumps(services.personal_data_export(person=person))


def test_personal_data_erase_deletes_the_person_and_all_historical_rows():
    user = UserFactory()
    person = PersonFactory(name="Ingrid Lundström", email="ingrid@vannas.se")
    person.phone = "0935-141 31"
    services.person_save(person=person)
    pk, organisation = person.pk, person.organisation
    assert Person.history.filter(id=pk).count() == 2

    record = services.personal_data_erase(person=person, by=user, reason="Request 2024-05-01")

    assert not Person.objects.filter(pk=pk).exists()
    assert not Person.history.filter(id=pk).exists()
    assert not Person.history.filter(email="ingrid@vannas.se").exists()
    assert record.organisation == organisation
    assert record.erased_by == user
    assert record.reason == "Request 2024-05-01"
    assert ErasureRecord.objects.count() == 1


def test_erasure_record_holds_no_personal_data():
    person = PersonFactory(name="Ingrid Lundström", email="ingrid@vannas.se", phone="0935-141 31")
    record = services.personal_data_erase(person=person)
    text = " ".join(str(value) for value in [record.subject, record.reason, str(record)])
    for personal in ["Ingrid", "Lundström", "ingrid@vannas.se", "0935"]:
        assert personal not in text


def test_personal_data_erase_leaves_other_people_and_their_history_alone():
    keep = PersonFactory()
    erase = PersonFactory(organisation=keep.organisation)
    services.personal_data_erase(person=erase)
    assert Person.objects.filter(pk=keep.pk).exists()
    assert Person.history.filter(id=keep.pk).count() == 1


def test_personal_data_erase_leaves_the_user_account_alone():
    user = UserFactory()
    person = PersonFactory(user=user)
    services.personal_data_erase(person=person)
    user.refresh_from_db()
    assert user.pk is not None


def test_personal_data_erase_truncates_a_long_reason():
    record = services.personal_data_erase(person=PersonFactory(), reason="x" * 500)
    assert len(record.reason) == 300
