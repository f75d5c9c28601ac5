"""A network coordinator's work through the API: asking organisations to join (they answer,
never the network), recording leavings, and seats; a member's admin changes its own seat."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from equalocal.api.services import api_token_create, api_token_revoke
from equalocal.api.tests.conftest import ApiClient
from equalocal.networks import services
from equalocal.networks.models import Body, NetworkMembership, Seat
from equalocal.organisations.models import NetworkSharing, Organisation, Role, SharingStatus
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(personas, api_as):
    """An editor of network N: its coordinator."""
    network = Organisation.objects.get(slug=personas.objects["network"])
    user = UserFactory(email="samordnare@natverk.example")
    MembershipFactory(user=user, organisation=network, role=Role.EDITOR)
    return api_as("editor", raw=api_token_create(user=user, name="samordning", can_write=True)[1])


def _network(personas) -> Organisation:
    return Organisation.objects.get(slug=personas.objects["network"])


def _url(personas, rest: str = "") -> str:
    return f"/networks/{personas.objects['network']}{rest}"


def test_a_coordinator_only_asks_and_the_member_answers(
    personas, coordinator, django_capture_on_commit_callbacks
):
    network = _network(personas)
    admin_b = personas.user("outsider")  # org B's admin is told

    with django_capture_on_commit_callbacks(execute=True):
        asked = coordinator.post(
            _url(personas, "/memberships"), {"member": "org-b", "note": "Hej!"}
        )

    assert asked.status_code == 201, asked.content
    body = asked.json()
    assert body["outcome"] == "requested" and body["membership"] is None
    assert (body["request"]["member"], body["request"]["status"]) == ("org-b", "pending")
    # Nothing is recorded before org B's admins accept, and the network sees nothing more.
    assert not NetworkMembership.objects.filter(network=network, member=personas.org_b).exists()
    assert [m.to for m in mail.outbox] == [[admin_b.email]]
    pending = coordinator.get(_url(personas, "/requests")).json()["items"]
    assert [r["member"] for r in pending] == ["org-b"]
    # Asking again while the request waits is refused.
    again = coordinator.post(_url(personas, "/memberships"), {"member": "org-b"})
    assert again.status_code == 422
    assert "has not answered" in again.json()["error"]["message"]

    # Org B's admin accepts on org B's own pages (the API offers the network no way to).
    sharing = NetworkSharing.objects.get(pk=body["request"]["id"])
    services.membership_answer(sharing=sharing, accept=True, by=admin_b)
    assert NetworkMembership.objects.filter(network=network, member=personas.org_b).exists()
    assert coordinator.get(_url(personas, "/requests")).json()["items"] == []

    placed = coordinator.post(
        _url(personas, "/memberships"),
        {"member": "org-b", "body": personas.objects["group"]},
    )
    assert placed.status_code == 201, placed.content
    assert placed.json()["outcome"] == "recorded"
    assert placed.json()["membership"]["body"] == personas.objects["group"]


def test_placing_an_organisation_that_never_accepted_only_asks_it(personas, coordinator):
    stranger = OrganisationFactory(slug="fremling")
    response = coordinator.post(
        _url(personas, "/memberships"), {"member": "fremling", "body": personas.objects["group"]}
    )
    assert response.status_code == 201
    assert response.json()["outcome"] == "requested"
    assert not NetworkMembership.objects.filter(member=stranger).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"member": "no-such-organisation"}, "member"),
        ({"member": "personas-network"}, "member"),
        ({"member": "org-b", "body": "no-such-group"}, "body"),
    ],
)
def test_unknown_members_and_groups_are_refused_on_their_field(personas, coordinator, data, field):
    response = coordinator.post(_url(personas, "/memberships"), data)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert not NetworkSharing.objects.filter(member=personas.org_b).exists()


def test_a_coordinator_records_a_leaving_that_ends_the_seats(personas, coordinator):
    membership = NetworkMembership.objects.get(pk=personas.objects["network_membership"])
    seat = Seat.objects.get(pk=personas.objects["seat"])
    today = timezone.localdate()
    url = _url(personas, f"/memberships/{membership.pk}/leave")

    response = coordinator.post(url, {"left_on": today.isoformat(), "reason": "Beslut i KS"})

    assert response.status_code == 200, response.content
    assert response.json()["left_on"] == today.isoformat()
    assert response.json()["leave_reason"] == "Beslut i KS"
    seat.refresh_from_db()
    assert seat.to_date == today
    # The consent ends with it: the network sees only what org A publishes.
    assert not NetworkSharing.objects.filter(
        network=membership.network, member=personas.org_a, status=SharingStatus.ACCEPTED
    ).exists()
    again = coordinator.post(url, {"left_on": today.isoformat()})
    assert again.status_code == 422
    assert "left_on" in again.json()["error"]["fields"]


def test_a_leaving_before_joining_is_refused(personas, coordinator):
    url = _url(personas, f"/memberships/{personas.objects['network_membership']}/leave")
    response = coordinator.post(url, {"left_on": "2020-01-01"})
    assert response.status_code == 422
    assert "left_on" in response.json()["error"]["fields"]


def test_a_membership_of_another_network_is_not_found(personas, coordinator):
    other = NetworkMembership.objects.get(network__slug="personas-national")
    response = coordinator.post(
        _url(personas, f"/memberships/{other.pk}/leave"), {"left_on": "2026-01-01"}
    )
    assert response.status_code == 404


def _seats(personas) -> str:
    return _url(personas, f"/bodies/{personas.objects['group']}/seats")


def test_a_coordinator_adds_a_seat_held_by_a_person_of_the_member(personas, coordinator):
    person = PersonFactory(organisation=personas.org_a, name="Anna Andersson")
    response = coordinator.post(
        _seats(personas),
        {"member": "org-a", "person": person.pk, "role": "coordinator", "share_of_time": 20},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["member"], body["role"], body["vacant"]) == ("org-a", "coordinator", False)
    seat = Seat.objects.get(pk=body["id"])
    assert seat.person == person and seat.share_of_time == 20
    assert seat.history.first().history_user.email == "samordnare@natverk.example"


def test_a_seat_is_for_a_member_and_a_person_of_that_member(personas, coordinator):
    stranger = PersonFactory(organisation=personas.org_b, name="Berit Bengtsson")
    wrong_person = coordinator.post(_seats(personas), {"member": "org-a", "person": stranger.pk})
    assert wrong_person.status_code == 422
    assert wrong_person.json()["error"]["fields"] == {
        "person": ["Choose a person of the member organisation."]
    }
    assert b"Berit" not in wrong_person.content
    not_member = coordinator.post(_seats(personas), {"member": "org-b"})
    assert not_member.status_code == 422
    assert "member" in not_member.json()["error"]["fields"]
    assert Seat.objects.count() == 1


def test_the_members_admin_changes_its_representative_but_not_the_role(personas, api_as):
    seat = Seat.objects.get(pk=personas.objects["seat"])
    person = PersonFactory(organisation=personas.org_a, name="Cecilia Carlsson")
    url = f"{_seats(personas)}/{seat.pk}"
    admin = api_as("admin")

    changed = admin.patch(url, {"lock_version": seat.lock_version, "person": person.pk})

    assert changed.status_code == 200, changed.content
    assert changed.json()["person"] == "Cecilia Carlsson"
    assert changed.json()["person_id"] == person.pk
    seat.refresh_from_db()
    assert seat.person == person
    role = admin.patch(url, {"lock_version": seat.lock_version, "role": "coordinator"})
    assert role.status_code == 403
    same_role = admin.patch(url, {"lock_version": seat.lock_version, "role": seat.role})
    assert same_role.status_code == 200
    assert api_as("editor").patch(url, {"lock_version": 2}).status_code == 403


def test_a_coordinator_changes_the_role_and_a_stale_lock_gives_409(personas, coordinator):
    seat = Seat.objects.get(pk=personas.objects["seat"])
    url = f"{_seats(personas)}/{seat.pk}"
    listed = coordinator.get(_seats(personas)).json()["items"]
    lock = next(item["lock_version"] for item in listed if item["id"] == seat.pk)
    first = coordinator.patch(url, {"lock_version": lock, "role": "secretary"})
    assert first.status_code == 200, first.content
    assert first.json()["lock_version"] == seat.lock_version + 1

    stale = coordinator.patch(url, {"lock_version": seat.lock_version, "role": "member"})

    assert stale.status_code == 409
    assert stale.json()["error"]["fields"] == {"lock_version": [str(seat.lock_version + 1)]}
    seat.refresh_from_db()
    assert seat.role == "secretary"


def test_a_null_person_leaves_the_seat_vacant(personas, coordinator):
    person = PersonFactory(organisation=personas.org_a)
    seat = Seat.objects.get(pk=personas.objects["seat"])
    seat.person = person
    seat.save()
    url = f"{_seats(personas)}/{seat.pk}"
    response = coordinator.patch(url, {"lock_version": seat.lock_version, "person": None})
    assert response.status_code == 200
    assert response.json()["vacant"] is True
    refused = coordinator.patch(url, {"lock_version": seat.lock_version + 1, "role": None})
    assert refused.status_code == 422


def test_seat_dates_are_checked(personas, coordinator):
    seat = Seat.objects.get(pk=personas.objects["seat"])
    url = f"{_seats(personas)}/{seat.pk}"
    response = coordinator.patch(
        url,
        {"lock_version": seat.lock_version, "from_date": "2026-05-01", "to_date": "2026-01-01"},
    )
    assert response.status_code == 422
    assert Seat.objects.get(pk=seat.pk).from_date is None


def test_seats_of_a_private_group_or_another_network_are_not_found(personas, coordinator):
    network = _network(personas)
    hidden = Body.objects.create(network=network, name="Styrgrupp", slug="styrgrupp")
    seat = Seat.objects.create(body=hidden, member=personas.org_a)
    outsider_token = api_token_create(user=personas.user("outsider"), name="x", can_write=True)[1]
    outsider = ApiClient(Client(), outsider_token)
    url = _url(personas, f"/bodies/styrgrupp/seats/{seat.pk}")
    assert outsider.patch(url, {"lock_version": 1, "person": None}).status_code == 404
    other_network_url = f"/networks/personas-national/bodies/styrgrupp/seats/{seat.pk}"
    assert coordinator.patch(other_network_url, {"lock_version": 1}).status_code == 404
    assert Seat.objects.get(pk=seat.pk).lock_version == 1


def test_revoked_and_read_only_tokens_cannot_coordinate(personas):
    network = _network(personas)
    user = UserFactory()
    MembershipFactory(user=user, organisation=network, role=Role.ADMIN)
    read_only = ApiClient(Client(), api_token_create(user=user, name="läsare")[1])
    assert read_only.post(_url(personas, "/memberships"), {"member": "org-b"}).status_code == 403
    token, raw = api_token_create(user=user, name="gammal", can_write=True)
    api_token_revoke(token=token)
    revoked = ApiClient(Client(), raw).post(_url(personas, "/memberships"), {"member": "org-b"})
    assert revoked.status_code == 401
    assert not NetworkSharing.objects.filter(member=personas.org_b).exists()


def test_the_requests_list_queries_do_not_grow(
    personas, coordinator, django_assert_max_num_queries
):
    from tests.factories import NetworkSharingFactory

    network = _network(personas)
    NetworkSharingFactory(network=network, status=SharingStatus.PENDING)
    with django_assert_max_num_queries(20) as few:
        coordinator.get(_url(personas, "/requests"))
    NetworkSharingFactory.create_batch(40, network=network, status=SharingStatus.PENDING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator.get(_url(personas, "/requests"))
    assert len(response.json()["items"]) == 41
