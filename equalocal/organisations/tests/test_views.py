"""Organisation, member and people pages through the test client."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from equalocal.organisations.models import (
    ErasureRecord,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

# Measured: 3 queries anonymous, 6 signed in (session, user, memberships); detail up to 11,
# one of them the reports section.
LIST_MAX_QUERIES = 7
DETAIL_MAX_QUERIES = 12
HISTORY_MAX_QUERIES = 9


def client_for(client, user):
    if user is not None:
        sign_in(client, user)
    return client


def swedish(client, how):
    """Make the client ask for Swedish, by cookie or by Accept-Language header."""
    if how == "cookie":
        from django.conf import settings

        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
        return {}
    return {"HTTP_ACCEPT_LANGUAGE": "sv"}


def organisation_post(organisation, **overrides):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "country": str(organisation.country),
        "official_code": organisation.official_code,
        "parent": organisation.parent_id or "",
        "website": organisation.website,
        "description": organisation.description,
    }
    data.update(overrides)
    return data


def _bulk_organisations(count):
    parent = OrganisationFactory(
        name="Region Västerbotten", kind=OrganisationKind.REGION, official_code="0024"
    )
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Kommun {n:03d}",
            slug=f"bulk-{n}",
            kind=OrganisationKind.MUNICIPALITY,
            country=["SE", "FI", "NO"][n % 3],
            official_code=f"{5000 + n}",
            parent=parent,
        )
        for n in range(count - 1)
    )


# list


@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("persona", ["anonymous", "admin"])
def test_organisation_list_uses_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries, count, persona
):
    _bulk_organisations(count)
    client_for(client, personas.user(persona))
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(reverse("organisations:list"))
    assert response.status_code == 200
    existing = Organisation.objects.count() - count  # the personas' organisations
    assert len(response.context["page"].object_list) == min(count + existing, 50)


def test_organisation_list_filtered_and_paged_uses_a_bounded_number_of_queries(
    client, db, django_assert_max_num_queries
):
    _bulk_organisations(200)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(
            reverse("organisations:list"), {"country": "SE", "q": "kommun", "page": 2}
        )
    assert response.status_code == 200
    assert response.context["page"].number == 2


def test_organisation_list_searches_and_filters_through_the_query_string(client, db):
    OrganisationFactory(name="Umeå kommun", country="SE")
    OrganisationFactory(name="Helsinki", country="FI")
    OrganisationFactory(
        name="Union of the Baltic Cities", country="PL", kind=OrganisationKind.NETWORK
    )
    url = reverse("organisations:list")

    def names(**params):
        return [o.name for o in client.get(url, params).context["page"].object_list]

    assert names(q="umeå") == ["Umeå kommun"]
    assert names(country="FI") == ["Helsinki"]
    assert names(kind=OrganisationKind.NETWORK) == ["Union of the Baltic Cities"]
    assert names(country="SE", kind=OrganisationKind.NETWORK) == []
    assert (
        "No organisation matches these filters." in client.get(url, {"q": "zzz"}).content.decode()
    )


def test_organisation_list_with_an_unknown_country_shows_the_error(client, db):
    OrganisationFactory(country="SE")
    response = client.get(reverse("organisations:list"), {"country": "XX"})
    assert response.status_code == 200
    assert "“XX” is not a country we know." in response.content.decode()


def test_organisation_list_answers_htmx_with_the_results_only(client, db):
    OrganisationFactory(name="Umeå kommun")
    response = client.get(reverse("organisations:list"), {"q": "Umeå"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 organisation" in html
    assert "Umeå kommun" in html
    assert "<html" not in html


# detail


@pytest.mark.parametrize("people", [2, 30])
@pytest.mark.parametrize("persona", ["anonymous", "admin"])
def test_organisation_detail_uses_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries, people, persona
):
    PersonFactory.create_batch(people, organisation=personas.org_a)
    OrganisationFactory.create_batch(3, parent=personas.org_a)
    for person in personas.org_a.people.all()[:5]:
        person.title = "Changed"
        person.save()
    client_for(client, personas.user(persona))
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        response = client.get(reverse("organisations:detail", kwargs={"org": "org-a"}))
    assert response.status_code == 200


@pytest.mark.parametrize("changes", [1, 20])
def test_history_page_uses_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries, changes
):
    person = PersonFactory(organisation=personas.org_a)
    for n in range(changes):
        person.title = f"Title {n}"
        person.save()
    client.force_login(personas.user("admin"))
    with django_assert_max_num_queries(HISTORY_MAX_QUERIES):
        response = client.get(reverse("organisations:history", kwargs={"org": "org-a"}))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_contact_details_are_hidden_from_outsiders_and_anonymous(client, personas, persona):
    PersonFactory(
        organisation=personas.org_a,
        name="Secret Sara",
        email="sara@org-a.example",
        phone="0935-141 31",
    )
    client_for(client, personas.user(persona))
    html = client.get(reverse("organisations:detail", kwargs={"org": "org-a"})).content.decode()
    assert "Secret Sara" not in html
    assert "sara@org-a.example" not in html
    assert "0935-141 31" not in html
    assert "name and contact details are shown to members of the organisation" in html


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_public_contacts_are_shown_to_everyone(client, personas, persona):
    PersonFactory(
        organisation=personas.org_a,
        name="Public Paula",
        email="paula@org-a.example",
        phone="0935-141 32",
        is_public_contact=True,
    )
    client_for(client, personas.user(persona))
    html = client.get(reverse("organisations:detail", kwargs={"org": "org-a"})).content.decode()
    assert "Public Paula" in html
    assert "paula@org-a.example" in html
    assert "0935-141 32" in html


@pytest.mark.parametrize("persona", ["viewer", "staff"])
def test_contact_details_are_shown_to_members_and_staff(client, personas, persona):
    PersonFactory(
        organisation=personas.org_a,
        name="Secret Sara",
        email="sara@org-a.example",
        phone="0935-141 31",
    )
    client_for(client, personas.user(persona))
    html = client.get(reverse("organisations:detail", kwargs={"org": "org-a"})).content.decode()
    assert "sara@org-a.example" in html
    assert "0935-141 31" in html


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_private_person_page_is_not_found_for_outsiders(client, personas, persona):
    person = PersonFactory(organisation=personas.org_a, email="sara@org-a.example")
    client_for(client, personas.user(persona))
    response = client.get(person.get_absolute_url())
    assert response.status_code == 404
    assert "sara@org-a.example" not in response.content.decode()


def test_public_person_page_hides_history_and_data_actions_from_outsiders(client, personas):
    person = PersonFactory(organisation=personas.org_a, is_public_contact=True)
    client_for(client, personas.user("outsider"))
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert response.context["history"] == []
    assert "Export personal data" not in response.content.decode()


def test_recent_changes_are_only_shown_to_members(client, personas):
    url = reverse("organisations:detail", kwargs={"org": "org-a"})
    assert client.get(url).context["recent_changes"] == []
    client.force_login(personas.user("viewer"))
    assert client.get(url).context["recent_changes"]


def test_a_networks_page_links_its_network_pages_to_its_own_people_only(client, personas):
    network = OrganisationFactory(kind="network", slug="net-z", name="Net Z")
    MembershipFactory(organisation=network, user=personas.user("viewer"))
    url = reverse("organisations:detail", kwargs={"org": network.slug})
    overview = reverse("networks:overview", kwargs={"org": network.slug})
    client.force_login(personas.user("outsider"))
    assert f'href="{overview}"' not in client.get(url).text  # it would answer 404
    client.force_login(personas.user("viewer"))
    assert f'href="{overview}"' in client.get(url).text


# edit and create


def test_admin_edit_saves_and_records_the_author(client, personas):
    admin = personas.user("admin")
    client.force_login(admin)
    url = reverse("organisations:edit", kwargs={"org": "org-a"})
    response = client.post(url, organisation_post(personas.org_a, name="Org A renamed"))
    assert response.status_code == 302
    personas.org_a.refresh_from_db()
    assert personas.org_a.name == "Org A renamed"
    assert personas.org_a.history.latest().history_user == admin


def test_history_page_shows_who_changed_which_field(client, personas):
    admin = personas.user("admin")
    admin.first_name, admin.last_name = "Alva", "Admin"
    admin.save()
    client.force_login(admin)
    client.post(
        reverse("organisations:edit", kwargs={"org": "org-a"}),
        organisation_post(personas.org_a, name="Org A renamed", description="New text"),
    )
    html = client.get(reverse("organisations:history", kwargs={"org": "org-a"})).content.decode()
    assert 'class="diff-old">Org A kommun</span>' in html
    assert 'class="diff-new">Org A renamed</span>' in html
    assert 'class="diff-new">New text</span>' in html
    assert "Alva Admin" in html


def test_person_changes_through_views_are_attributed(client, personas):
    editor = personas.user("editor")
    client.force_login(editor)
    response = client.post(
        reverse("organisations:person-create", kwargs={"org": "org-a"}),
        {"name": "New Person", "title": "Strateg", "email": "new@org-a.example", "phone": ""},
    )
    assert response.status_code == 302
    person = Person.objects.get(name="New Person")
    client.post(
        reverse("organisations:person-edit", kwargs={"org": "org-a", "person": person.pk}),
        {"name": "New Person", "title": "Chef", "email": "new@org-a.example", "phone": ""},
    )
    assert [(r.history_type, r.history_user) for r in person.history.order_by("history_date")] == [
        ("+", editor),
        ("~", editor),
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XX", "“XX” is not a country we know. Choose a country from the list."),
        ("official_code", "12", "A Swedish municipality code has four digits, e.g. 2480."),
        ("website", "not a url", "Enter a valid URL."),
    ],
)
def test_edit_form_with_bad_input_shows_a_specific_message(client, personas, field, value, message):
    # The official code is staff's to set; staff edit it in the same form.
    sign_in(client, personas.user("staff" if field == "official_code" else "admin"))
    response = client.post(
        reverse("organisations:edit", kwargs={"org": "org-a"}),
        organisation_post(personas.org_a, **{field: value}),
    )
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert Organisation.objects.get(pk=personas.org_a.pk).name == "Org A kommun"


def test_edit_form_with_a_duplicate_code_names_the_other_organisation(client, personas):
    sign_in(client, personas.user("staff"))
    code = personas.org_b.official_code
    response = client.post(
        reverse("organisations:edit", kwargs={"org": "org-a"}),
        organisation_post(personas.org_a, official_code=code),
    )
    assert response.status_code == 200
    assert (
        f"Org B kommun already has the official code {code} in this country."
        in response.content.decode()
    )
    assert Organisation.objects.get(pk=personas.org_a.pk).official_code != code


@pytest.mark.parametrize(
    ("field", "value", "how"),
    [
        ("country", "XX", "cookie"),
        ("official_code", "12", "header"),
        ("official_code", "org_b", "cookie"),
        ("official_code", "org_b", "header"),
    ],
)
def test_edit_form_with_bad_input_in_swedish_is_a_form_error_not_a_crash(
    client, personas, how, field, value
):
    if value == "org_b":
        value = personas.org_b.official_code
    sign_in(client, personas.user("staff" if field == "official_code" else "admin"))
    response = client.post(
        reverse("organisations:edit", kwargs={"org": "org-a"}),
        organisation_post(personas.org_a, **{field: value}),
        **swedish(client, how),
    )
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()
    assert field in response.context["form"].errors


def test_person_form_with_an_invalid_email_shows_a_specific_message(client, personas):
    client.force_login(personas.user("editor"))
    response = client.post(
        reverse("organisations:person-create", kwargs={"org": "org-a"}),
        {"name": "New Person", "email": "new-at-org-a"},
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Person.objects.filter(name="New Person").exists()


@pytest.mark.parametrize("how", ["cookie", "header"])
def test_person_form_with_an_invalid_email_in_swedish_is_a_form_error(client, personas, how):
    client.force_login(personas.user("editor"))
    response = client.post(
        reverse("organisations:person-create", kwargs={"org": "org-a"}),
        {"name": "New Person", "email": "new-at-org-a"},
        **swedish(client, how),
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_staff_creates_an_organisation(client, personas):
    staff = personas.user("staff")
    sign_in(client, staff)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "Vännäs kommun",
            "kind": OrganisationKind.MUNICIPALITY,
            "country": "SE",
            "official_code": "2460",
        },
    )
    organisation = Organisation.objects.get(name="Vännäs kommun")
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert organisation.slug == "vannas-kommun"
    assert organisation.history.get().history_user == staff


def test_create_with_a_duplicate_code_shows_the_field_message(client, personas):
    sign_in(client, personas.user("staff"))
    code = personas.org_a.official_code
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "Copy",
            "kind": OrganisationKind.MUNICIPALITY,
            "country": "SE",
            "official_code": code,
        },
    )
    assert response.status_code == 200
    assert (
        f"Org A kommun already has the official code {code} in this country."
        in response.content.decode()
    )
    assert not Organisation.objects.filter(name="Copy").exists()


# members


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_demoting_the_last_admin_through_the_view_shows_the_message(client, personas):
    admin = personas.user("admin")
    client.force_login(admin)
    membership = personas.org_a.memberships.get(user=admin)
    response = client.post(
        reverse("organisations:member-role", kwargs={"org": "org-a", "membership": membership.pk}),
        {"role": Role.VIEWER},
        follow=True,
    )
    assert response.status_code == 200
    assert _messages(response) == [
        "Org A kommun needs at least one admin; make someone else admin first."
    ]
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_removing_the_last_admin_through_the_view_shows_the_message(client, personas):
    sign_in(client, personas.user("staff"))
    membership = personas.org_a.memberships.get(role=Role.ADMIN)
    response = client.post(
        reverse(
            "organisations:member-remove", kwargs={"org": "org-a", "membership": membership.pk}
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert "Org A kommun needs at least one admin; make someone else admin first." in _messages(
        response
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_changes_a_role_and_removes_a_member(client, personas):
    client.force_login(personas.user("admin"))
    viewer = personas.org_a.memberships.get(user=personas.user("viewer"))
    response = client.post(
        reverse("organisations:member-role", kwargs={"org": "org-a", "membership": viewer.pk}),
        {"role": Role.EDITOR},
        follow=True,
    )
    viewer.refresh_from_db()
    assert viewer.role == Role.EDITOR
    assert any("is now Editor" in message for message in _messages(response))
    response = client.post(
        reverse("organisations:member-remove", kwargs={"org": "org-a", "membership": viewer.pk}),
        follow=True,
    )
    assert not Membership.objects.filter(pk=viewer.pk).exists()
    assert any("was removed" in message for message in _messages(response))


def test_unknown_role_through_the_view_shows_a_message(client, personas):
    client.force_login(personas.user("admin"))
    viewer = personas.org_a.memberships.get(user=personas.user("viewer"))
    response = client.post(
        reverse("organisations:member-role", kwargs={"org": "org-a", "membership": viewer.pk}),
        {"role": "owner"},
        follow=True,
    )
    assert _messages(response) == ["Choose one of the roles in the list."]
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER


def test_admin_of_another_organisation_cannot_change_roles(client, personas):
    client.force_login(personas.user("outsider"))
    viewer = personas.org_a.memberships.get(user=personas.user("viewer"))
    response = client.post(
        reverse("organisations:member-role", kwargs={"org": "org-a", "membership": viewer.pk}),
        {"role": Role.ADMIN},
    )
    assert response.status_code == 404
    # Using their own organisation's slug does not help either.
    response = client.post(
        reverse("organisations:member-role", kwargs={"org": "org-b", "membership": viewer.pk}),
        {"role": Role.ADMIN},
    )
    assert response.status_code == 404
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER


def test_members_page_shows_open_invitations_to_admins_only(client, personas):
    from equalocal.accounts.models import Invitation

    email = Invitation.objects.get(pk=personas.objects["invitation"]).email
    url = reverse("organisations:members", kwargs={"org": "org-a"})
    client.force_login(personas.user("viewer"))
    page = client.get(url).content.decode()
    assert email not in page
    assert "Open invitations" not in page
    client.force_login(personas.user("admin"))
    page = client.get(url).content.decode()
    assert "Open invitations" in page
    assert email in page


# personal data


def test_export_view_returns_the_persons_data_as_a_json_attachment(client, personas):
    person = PersonFactory(
        organisation=personas.org_a, name="Ingrid Lundström", email="ingrid@vannas.se"
    )
    client.force_login(personas.user("admin"))
    response = client.get(
        reverse("organisations:person-export", kwargs={"org": "org-a", "person": person.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="personal-data-ingrid-lundstrom.json"'
    )
    data = json.loads(response.content)
    assert data["person"]["email"] == "ingrid@vannas.se"
    assert len(data["history"]) == 1


def test_editors_cannot_export_personal_data(client, personas):
    client.force_login(personas.user("editor"))
    url = reverse(
        "organisations:person-export", kwargs={"org": "org-a", "person": personas.objects["person"]}
    )
    assert client.get(url).status_code == 403


def test_erase_view_requires_confirmation(client, personas):
    person_pk = personas.objects["person"]
    client.force_login(personas.user("admin"))
    response = client.post(
        reverse("organisations:person-erase", kwargs={"org": "org-a", "person": person_pk}),
        {"reason": ""},
    )
    assert response.status_code == 200
    assert "Tick the box to confirm the erasure." in response.content.decode()
    assert Person.objects.filter(pk=person_pk).exists()


def test_erase_view_erases_the_person_and_history_and_keeps_a_record(client, personas):
    person_pk = personas.objects["person"]
    admin = personas.user("admin")
    client.force_login(admin)
    response = client.post(
        reverse("organisations:person-erase", kwargs={"org": "org-a", "person": person_pk}),
        {"reason": "Request of 1 May", "confirm": "on"},
    )
    assert response.status_code == 302
    assert response.url == personas.org_a.get_absolute_url()
    assert not Person.objects.filter(pk=person_pk).exists()
    assert not Person.history.filter(id=person_pk).exists()
    record = ErasureRecord.objects.get()
    assert (record.organisation, record.erased_by, record.reason) == (
        personas.org_a,
        admin,
        "Request of 1 May",
    )


def test_person_delete_view_keeps_the_history(client, personas):
    person_pk = personas.objects["person"]
    client.force_login(personas.user("editor"))
    response = client.post(
        reverse("organisations:person-delete", kwargs={"org": "org-a", "person": person_pk})
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person_pk).exists()
    assert Person.history.get(id=person_pk, history_type="-").history_user == personas.user(
        "editor"
    )


def test_a_member_of_two_organisations_sees_only_the_right_people(client, db):
    user = UserFactory()
    first, second = MembershipFactory(user=user).organisation, OrganisationFactory()
    PersonFactory(organisation=second, email="hidden@second.example")
    sign_in(client, user)
    html = client.get(second.get_absolute_url()).content.decode()
    assert "hidden@second.example" not in html
    assert client.get(first.get_absolute_url()).status_code == 200


def test_organisation_list_keeps_the_valid_filters_when_one_is_unknown(client, db):
    OrganisationFactory(name="Umeå kommun", country="SE")
    OrganisationFactory(name="Helsinki", country="FI")
    response = client.get(reverse("organisations:list"), {"q": "umeå", "country": "XX"})
    assert response.status_code == 200
    assert [o.name for o in response.context["page"].object_list] == ["Umeå kommun"]


def test_an_admin_cannot_change_the_kind_parent_or_code_of_their_organisation(client, personas):
    """Vulnerability 1, step 1: the Ragunda admin set Ragunda's kind to network."""
    client.force_login(personas.user("admin"))
    url = reverse("organisations:edit", kwargs={"org": "org-a"})
    page = client.get(url).content.decode()
    assert 'name="kind"' not in page and 'name="parent"' not in page
    assert 'name="official_code"' not in page
    before = Organisation.objects.get(pk=personas.org_a.pk)
    response = client.post(
        url,
        organisation_post(
            personas.org_a,
            kind=OrganisationKind.NETWORK,
            official_code="9999",
            parent=personas.org_b.pk,
            name="Org A kommun (renamed)",
        ),
    )
    assert response.status_code == 302
    after = Organisation.objects.get(pk=personas.org_a.pk)
    assert after.name == "Org A kommun (renamed)"
    assert (after.kind, after.official_code, after.parent_id) == (
        before.kind,
        before.official_code,
        before.parent_id,
    )


def test_the_update_service_refuses_structure_changes_by_non_staff(personas):
    from equalocal.core.errors import ApplicationError
    from equalocal.organisations.services import organisation_update

    organisation = Organisation.objects.get(pk=personas.org_a.pk)
    with pytest.raises(ApplicationError, match="Only site staff"):
        organisation_update(
            organisation=organisation, by=personas.user("admin"), kind=OrganisationKind.NETWORK
        )
    organisation_update(
        organisation=organisation, by=personas.user("staff"), kind=OrganisationKind.NETWORK
    )
    assert Organisation.objects.get(pk=organisation.pk).kind == OrganisationKind.NETWORK
