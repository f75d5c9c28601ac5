"""Networks through the API: the members' view and the public view."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    BodyFactory,
    MeetingFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
)


def _network(personas):
    return personas.objects["network"]


@pytest.mark.django_db
def test_private_bodies_and_their_seats_are_for_members(api_as, personas):
    from equalocal.organisations.models import Organisation

    network = Organisation.objects.get(slug=_network(personas))
    hidden = BodyFactory(network=network, name="Styrgrupp", slug="styrgrupp", is_public=False)
    url = f"/networks/{network.slug}/bodies"
    public = [b["slug"] for b in api_as("anonymous").get(url).json()["items"]]
    assert "styrgrupp" not in public
    assert "styrgrupp" in [b["slug"] for b in api_as("peer").get(url).json()["items"]]
    seats = f"/networks/{network.slug}/bodies/{hidden.slug}/seats"
    assert api_as("anonymous").get(seats).status_code == 404
    assert api_as("outsider").get(seats).status_code == 404
    assert api_as("viewer").get(seats).status_code == 200


@pytest.mark.django_db
def test_representatives_are_named_only_where_visible(api_as, personas):
    from equalocal.networks.models import Body

    group = Body.objects.get(slug=personas.objects["group"])
    person = PersonFactory(organisation=personas.org_c, name="Per Persson", title="Strateg")
    SeatFactory(body=group, member=personas.org_c, person=person)
    url = f"/networks/{_network(personas)}/bodies/{group.slug}/seats"
    public = api_as("anonymous").get(url).json()["items"]
    held = next(s for s in public if s["member"] == "org-c")
    assert held["person"] is None and held["person_title"] == "Strateg"
    assert b"Per Persson" not in api_as("viewer").get(url).content
    peer = next(s for s in api_as("peer").get(url).json()["items"] if s["member"] == "org-c")
    assert peer["person"] == "Per Persson"


@pytest.mark.django_db
def test_memberships_history_for_members_current_for_others(api_as, personas):
    from equalocal.organisations.models import Organisation

    network = Organisation.objects.get(slug=_network(personas))
    left = OrganisationFactory(slug="kotka")
    NetworkMembershipFactory(
        network=network,
        member=left,
        joined_on=date(2010, 1, 1),
        left_on=date(2016, 6, 1),
        leave_reason="Budget",
    )
    url = f"/networks/{network.slug}/memberships"
    public = api_as("anonymous").get(url).json()["items"]
    assert "kotka" not in [m["member"] for m in public]
    assert all(m["leave_reason"] is None for m in public)
    inside = api_as("viewer").get(url).json()["items"]
    assert [m["leave_reason"] for m in inside if m["member"] == "kotka"] == ["Budget"]
    on_2015 = api_as("viewer").get(url, on="2015-01-01").json()["items"]
    assert [m["member"] for m in on_2015] == ["kotka"]


@pytest.mark.django_db
def test_meetings_public_view_shows_upcoming_without_minutes(api_as, personas):
    from equalocal.networks.models import Body

    group = Body.objects.get(slug=personas.objects["group"])
    MeetingFactory(body=group, date=timezone.localdate() - timedelta(days=30), minutes="Protokoll")
    upcoming = MeetingFactory(
        body=group, date=timezone.localdate() + timedelta(days=30), agenda="Dagordning"
    )
    url = f"/networks/{_network(personas)}/bodies/{group.slug}/meetings"
    public = api_as("anonymous").get(url, ordering="date").json()["items"]
    assert upcoming.pk in [m["id"] for m in public]
    assert all(m["date"] >= timezone.localdate().isoformat() for m in public)
    assert all(m["agenda"] is None and m["minutes"] is None for m in public)
    inside = api_as("viewer").get(url).json()["items"]
    assert "Protokoll" in [m["minutes"] for m in inside]


@pytest.mark.django_db
def test_unknown_or_non_network_slugs_give_404(api_as):
    assert api_as("anonymous").get("/networks/org-a/bodies").status_code == 404
    assert api_as("anonymous").get("/networks/nope/memberships").status_code == 404


@pytest.mark.django_db
def test_membership_list_queries_do_not_grow(api_as, personas, django_assert_max_num_queries):
    from equalocal.organisations.models import Organisation

    network = Organisation.objects.get(slug=_network(personas))
    for member in OrganisationFactory.create_batch(200):
        NetworkMembershipFactory(network=network, member=member, joined_on=date(2020, 1, 1))
    with django_assert_max_num_queries(10):
        response = api_as("viewer").get(f"/networks/{network.slug}/memberships", limit=200)
    assert len(response.json()["items"]) == 200


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bodies", "seats", "meetings"])
def test_body_lists_queries_do_not_grow(api_as, personas, django_assert_max_num_queries, kind):
    """Each body's parent and plan, each seat's member and representative, each meeting's
    host are read with the list, for the members' view (the larger one)."""
    from equalocal.networks.models import Body
    from equalocal.organisations.models import Organisation
    from tests.factories import ActionPlanFactory

    network = Organisation.objects.get(slug=_network(personas))
    group = Body.objects.get(slug=personas.objects["group"])
    if kind == "bodies":
        for number in range(200):
            plan = ActionPlanFactory(organisation=network, is_published=number % 2 == 0)
            BodyFactory(network=network, parent=group, plan=plan)
        url = f"/networks/{network.slug}/bodies"
    elif kind == "seats":
        for member in OrganisationFactory.create_batch(200):
            SeatFactory(body=group, person=PersonFactory(organisation=member))
        url = f"/networks/{network.slug}/bodies/{group.slug}/seats"
    else:
        hosts = OrganisationFactory.create_batch(5)
        for number in range(200):
            MeetingFactory(
                body=group, host=hosts[number % 5], date=date(2020, 1, 1) + timedelta(number)
            )
        url = f"/networks/{network.slug}/bodies/{group.slug}/meetings"
    # token, the network and its members, the viewer's roles, the body, the list, last use
    with django_assert_max_num_queries(12):
        response = api_as("viewer").get(url, limit=200)
    assert response.status_code == 200
    assert len(response.json()["items"]) >= 200
