"""A member organisation answers a network's request through the API, as on its networks
page: its admins accept or decline; the network that asked, its other members and everyone
else cannot answer for it."""

import pytest
from django.test import Client

from equalocal.api.services import api_token_create
from equalocal.api.tests.conftest import ApiClient
from equalocal.networks.models import NetworkMembership
from equalocal.organisations.models import NetworkSharing, Role, SharingStatus
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkSharingFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking(personas):
    """Network M asks org A to join; M has an admin, an editor and a viewer of its own, and
    org D is already a member of M."""
    network = NetworkFactory(name="Frågande nätverket", slug="asking-network")
    people = {}
    for role in (Role.ADMIN, Role.EDITOR, Role.VIEWER):
        people[role] = UserFactory(email=f"{role}@asking.example")
        MembershipFactory(user=people[role], organisation=network, role=role)
    fellow = OrganisationFactory(slug="org-d")
    NetworkMembershipFactory(network=network, member=fellow)
    people["fellow"] = UserFactory(email="admin@org-d.example")
    MembershipFactory(user=people["fellow"], organisation=fellow, role=Role.ADMIN)
    sharing = NetworkSharingFactory(
        network=network, member=personas.org_a, status=SharingStatus.PENDING, note="Välkomna!"
    )
    return network, sharing, people


def _as(user, *, can_write=True) -> ApiClient:
    return ApiClient(Client(), api_token_create(user=user, name="t", can_write=can_write)[1])


def _answer_url(sharing, slug="org-a") -> str:
    return f"/organisations/{slug}/network-requests/{sharing.pk}/answer"


def test_the_member_admin_accepts_and_chooses_what_the_network_sees(api_as, personas, asking):
    network, sharing, _people = asking
    admin = api_as("admin")

    waiting = admin.get("/organisations/org-a/network-requests").json()["items"]
    assert {(r["network"], r["note"]) for r in waiting} >= {("asking-network", "Välkomna!")}

    response = admin.post(
        _answer_url(sharing), {"answer": "accept", "shares": ["commitment", "figures"]}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["network"], body["status"]) == ("asking-network", "accepted")
    assert body["shares"] == ["commitment", "figures"]
    assert body["answered_at"] is not None
    sharing.refresh_from_db()
    assert sharing.answered_by == personas.user("admin")
    assert (sharing.figures, sharing.progress) == (True, False)
    assert NetworkMembership.objects.filter(network=network, member=personas.org_a).exists()
    remaining = admin.get("/organisations/org-a/network-requests").json()["items"]
    assert "asking-network" not in [r["network"] for r in remaining]


def test_declining_records_only_the_answer(api_as, personas, asking):
    network, sharing, _people = asking

    response = api_as("admin").post(_answer_url(sharing), {"answer": "decline"})

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["shares"]) == ("declined", [])
    assert not NetworkMembership.objects.filter(network=network, member=personas.org_a).exists()


@pytest.mark.parametrize("first", ["accept", "decline"])
def test_answering_an_answered_request_is_a_409_and_changes_nothing(
    api_as, personas, asking, first
):
    _network, sharing, _people = asking
    admin = api_as("admin")
    assert admin.post(_answer_url(sharing), {"answer": first}).status_code == 200
    answered = NetworkSharing.objects.get(pk=sharing.pk)

    again = admin.post(
        _answer_url(sharing),
        {"answer": "decline" if first == "accept" else "accept"},
        headers={"Accept-Language": "sv"},
    )

    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "state_conflict"
    assert error["message"] == "Förfrågan har redan besvarats."
    assert error["fields"] == {"status": [answered.status]}
    current = NetworkSharing.objects.get(pk=sharing.pk)
    assert (current.status, current.answered_at) == (answered.status, answered.answered_at)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.VIEWER])
def test_the_asking_network_cannot_answer_for_the_member(asking, role):
    """Its admins and coordinators are not org A's people: the request does not exist for
    them (404), as org A's networks page does not."""
    _network, sharing, people = asking
    network_user = _as(people[role])

    assert network_user.post(_answer_url(sharing), {"answer": "accept"}).status_code == 404
    assert network_user.get("/organisations/org-a/network-requests").status_code == 404
    assert NetworkSharing.objects.get(pk=sharing.pk).status == SharingStatus.PENDING


def test_another_member_of_the_asking_network_gets_404(asking):
    _network, sharing, people = asking

    response = _as(people["fellow"]).post(_answer_url(sharing), {"answer": "accept"})

    assert response.status_code == 404
    assert NetworkSharing.objects.get(pk=sharing.pk).status == SharingStatus.PENDING


@pytest.mark.parametrize(
    ("persona", "status"),
    [("editor", 403), ("viewer", 403), ("outsider", 404), ("peer", 404), ("anonymous", 401)],
)
def test_only_the_member_organisations_admins_answer(api_as, asking, persona, status):
    _network, sharing, _people = asking

    response = api_as(persona).post(_answer_url(sharing), {"answer": "accept"})

    assert response.status_code == status
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert NetworkSharing.objects.get(pk=sharing.pk).status == SharingStatus.PENDING


def test_a_read_only_token_of_the_admin_gets_403(personas, asking):
    _network, sharing, _people = asking

    response = _as(personas.user("admin"), can_write=False).post(
        _answer_url(sharing), {"answer": "accept"}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert NetworkSharing.objects.get(pk=sharing.pk).status == SharingStatus.PENDING


def test_another_organisations_request_is_404_under_this_slug(api_as, personas):
    """Org B's request is not reached through org A's address, even by org A's admin."""
    to_b = NetworkSharingFactory(member=personas.org_b, status=SharingStatus.PENDING)

    response = api_as("admin").post(_answer_url(to_b), {"answer": "accept"})

    assert response.status_code == 404
    assert NetworkSharing.objects.get(pk=to_b.pk).status == SharingStatus.PENDING


def test_shares_must_be_known_kinds(api_as, asking):
    _network, sharing, _people = asking

    response = api_as("admin").post(_answer_url(sharing), {"answer": "accept", "shares": ["all"]})

    assert response.status_code == 422
    assert "shares.0" in response.json()["error"]["fields"]
    assert NetworkSharing.objects.get(pk=sharing.pk).status == SharingStatus.PENDING


def test_the_requests_list_queries_do_not_grow(api_as, personas, django_assert_max_num_queries):
    viewer = api_as("viewer")
    with django_assert_max_num_queries(20) as few:
        viewer.get("/organisations/org-a/network-requests")
    NetworkSharingFactory.create_batch(30, member=personas.org_a, status=SharingStatus.PENDING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = viewer.get("/organisations/org-a/network-requests")
    assert len(response.json()["items"]) == 31
