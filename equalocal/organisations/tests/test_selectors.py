"""Reads and access helpers for organisations, members and people."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from equalocal.organisations import permissions, selectors, services
from equalocal.organisations.models import OrganisationKind
from equalocal.organisations.permissions import Action
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    return {
        "umea": OrganisationFactory(
            name="Umeå kommun", slug="umea", country="SE", official_code="2480"
        ),
        "region": OrganisationFactory(
            name="Region Västerbotten",
            slug="region-vasterbotten",
            country="SE",
            kind=OrganisationKind.REGION,
            official_code="0024",
        ),
        "helsinki": OrganisationFactory(
            name="Helsinki", slug="helsinki", country="FI", official_code="091"
        ),
        "ubc": OrganisationFactory(
            name="Union of the Baltic Cities",
            slug="ubc",
            country="PL",
            kind=OrganisationKind.NETWORK,
            official_code="",
        ),
    }


def _names(queryset):
    return [organisation.name for organisation in queryset]


# organisation_list


def test_organisation_list_is_ordered_by_name(directory):
    assert _names(selectors.organisation_list()) == [
        "Helsinki",
        "Region Västerbotten",
        "Umeå kommun",
        "Union of the Baltic Cities",
    ]


def test_organisation_list_searches_the_name_case_insensitively(directory):
    assert _names(selectors.organisation_list(search="umeå")) == ["Umeå kommun"]


def test_organisation_list_searches_the_exact_official_code(directory):
    assert _names(selectors.organisation_list(search="0024")) == ["Region Västerbotten"]
    assert _names(selectors.organisation_list(search="002")) == []


def test_organisation_list_searches_the_slug(directory):
    assert _names(selectors.organisation_list(search="vasterbotten")) == ["Region Västerbotten"]


def test_organisation_list_filters_by_country(directory):
    assert _names(selectors.organisation_list(country="SE")) == [
        "Region Västerbotten",
        "Umeå kommun",
    ]
    assert _names(selectors.organisation_list(country="FI")) == ["Helsinki"]
    assert _names(selectors.organisation_list(country="NO")) == []


def test_organisation_list_filters_by_kind(directory):
    assert _names(selectors.organisation_list(kind=OrganisationKind.NETWORK)) == [
        "Union of the Baltic Cities"
    ]


def test_organisation_list_combines_search_country_and_kind(directory):
    found = selectors.organisation_list(
        search="e", country="SE", kind=OrganisationKind.MUNICIPALITY
    )
    assert _names(found) == ["Umeå kommun"]


def test_organisation_list_counts_people(directory):
    PersonFactory.create_batch(2, organisation=directory["umea"])
    counts = {o.slug: o.people_count for o in selectors.organisation_list()}
    assert counts["umea"] == 2
    assert counts["helsinki"] == 0


def test_organisation_countries_lists_each_country_once(directory):
    assert selectors.organisation_countries() == ["FI", "PL", "SE"]


# people_for_user


def test_people_for_user_hides_details_of_non_public_people_from_outsiders(personas):
    PersonFactory(organisation=personas.org_a, is_public_contact=True, name="Public Paula")
    views = selectors.people_for_user(personas.user("outsider"), personas.org_a)
    shown = {view.person.name: view.show_details for view in views}
    assert shown["Public Paula"] is True
    assert sum(shown.values()) == 1


def test_people_for_user_hides_details_from_anonymous(personas):
    views = selectors.people_for_user(AnonymousUser(), personas.org_a)
    assert views and not any(view.show_details for view in views)


@pytest.mark.parametrize("persona", ["viewer", "editor", "admin", "staff"])
def test_people_for_user_shows_details_to_members_and_staff(personas, persona):
    views = selectors.people_for_user(personas.user(persona), personas.org_a)
    assert views and all(view.show_details for view in views)


# access helpers


def test_get_organisation_for_user_raises_404_for_unknown_slug(personas):
    with pytest.raises(Http404):
        selectors.get_organisation_for_user(personas.user("admin"), "nope")


def test_get_organisation_for_user_allows_everyone_to_view(personas):
    assert selectors.get_organisation_for_user(AnonymousUser(), "org-a") == personas.org_a


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("viewer", False), ("editor", False), ("admin", True), ("outsider", False), ("staff", True)],
)
def test_get_organisation_for_user_manage_is_for_admins_and_staff(personas, persona, allowed):
    user = personas.user(persona)
    if allowed:
        assert selectors.get_organisation_for_user(user, "org-a", action=Action.MANAGE)
    else:
        with pytest.raises(PermissionDenied):
            selectors.get_organisation_for_user(user, "org-a", action=Action.MANAGE)


def test_internal_pages_give_404_to_outsiders_and_403_to_members_below_the_action(personas):
    with pytest.raises(Http404):
        selectors.get_internal_organisation_for_user(personas.user("outsider"), "org-a")
    with pytest.raises(PermissionDenied):
        selectors.get_internal_organisation_for_user(
            personas.user("viewer"), "org-a", action=Action.EDIT
        )
    assert (
        selectors.get_internal_organisation_for_user(
            personas.user("editor"), "org-a", action=Action.EDIT
        )
        == personas.org_a
    )


def test_private_person_is_404_for_outsiders_but_public_person_is_visible(personas):
    private = personas.objects["person"]
    public = PersonFactory(organisation=personas.org_a, is_public_contact=True).pk
    outsider = personas.user("outsider")
    with pytest.raises(Http404):
        selectors.get_person_for_user(outsider, "org-a", private)
    assert selectors.get_person_for_user(outsider, "org-a", public).pk == public
    with pytest.raises(PermissionDenied):
        selectors.get_person_for_user(outsider, "org-a", public, action=Action.EDIT)


def test_person_must_belong_to_the_organisation_in_the_url(personas):
    person = personas.objects["person"]
    with pytest.raises(Http404):
        selectors.get_person_for_user(personas.user("staff"), "org-b", person)


def test_membership_of_another_organisation_is_404(personas):
    other = personas.org_b.memberships.get().pk
    with pytest.raises(Http404):
        selectors.get_membership_for_user(personas.user("admin"), "org-a", other)


# current organisation


def test_current_organisation_is_the_chosen_one_if_member_else_the_first(personas):
    user = UserFactory()
    MembershipFactory(user=user, organisation=personas.org_b)
    MembershipFactory(user=user, organisation=personas.org_a)
    assert selectors.current_organisation_for(user, personas.org_b.pk) == personas.org_b
    # Alphabetical first when nothing (or something foreign) is chosen.
    assert selectors.current_organisation_for(user, None) == personas.org_a
    foreign = OrganisationFactory()
    assert selectors.current_organisation_for(user, foreign.pk) == personas.org_a


def test_current_organisation_is_none_for_users_without_membership(db):
    assert selectors.current_organisation_for(UserFactory(), None) is None
    assert selectors.current_organisation_for(AnonymousUser(), None) is None


def test_memberships_for_user_are_cached_on_the_user(personas, django_assert_num_queries):
    user = personas.user("admin")
    with django_assert_num_queries(1):
        selectors.memberships_for_user(user)
        selectors.memberships_for_user(user)
        permissions.can_manage(user, personas.org_a)


# permissions


@pytest.mark.parametrize(
    ("persona", "internal", "edit", "manage"),
    [
        ("viewer", True, False, False),
        ("editor", True, True, False),
        ("admin", True, True, True),
        ("outsider", False, False, False),
        ("staff", True, True, True),
    ],
)
def test_role_rights_are_cumulative(personas, persona, internal, edit, manage):
    user = personas.user(persona)
    assert permissions.can_view_internal(user, personas.org_a) is internal
    assert permissions.can_edit(user, personas.org_a) is edit
    assert permissions.can_manage(user, personas.org_a) is manage


def test_anonymous_has_no_rights(personas):
    anonymous = AnonymousUser()
    assert permissions.role_in(anonymous, personas.org_a) is None
    assert not permissions.can_view_internal(anonymous, personas.org_a)


# audit trail


def test_organisation_history_lists_field_changes_with_author_newest_first(personas):
    admin = personas.user("admin")
    services.organisation_update(organisation=personas.org_a, by=admin, name="Org A renamed")
    changes = selectors.organisation_history(personas.org_a)
    newest = changes[0]
    assert newest.kind == "~"
    assert newest.who == admin
    assert ("name", "Org A kommun", "Org A renamed") in newest.fields
    assert [c.when for c in changes] == sorted((c.when for c in changes), reverse=True)


def test_organisation_history_covers_people_and_memberships_but_not_other_orgs(personas):
    labels = {change.model_label for change in selectors.organisation_history(personas.org_a)}
    assert labels == {"organisation", "person", "membership"}
    member_labels = {
        change.object_label
        for change in selectors.organisation_history(personas.org_a)
        if change.model_label == "membership"
    }
    assert "admin@org-b.example" not in member_labels
    assert "admin@org-a.example" in member_labels


def test_organisation_history_respects_the_limit(personas):
    assert len(selectors.organisation_history(personas.org_a, limit=2)) == 2
