"""No organisation reaches another's data without its consent (issue 12, vulnerability 1).

Every path from one organisation to another's data, as the probe took it and as a network
would: the organisation form, enrolment, the network dashboard, member scorecards published
to anonymous visitors, imports that would write a member's figures, group pages and the
matrix export, documents search. The rules live in one place, the access gate
(``organisations.permissions``); these tests go through the pages and services.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from equalocal.indicators.imports import import_file
from equalocal.indicators.models import FigureProposal, Measurement
from equalocal.networks import services as network_services
from equalocal.networks.models import NetworkMembership
from equalocal.organisations import permissions
from equalocal.organisations.models import NetworkSharing, OrganisationKind, Role, Shared
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    ScorecardFactory,
    ScorecardItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Umeåregionen (a network with an editor), Umeå (a consenting member with a private draft
    plan and private figures), Ragunda (not a member), each with an admin."""

    class World:
        pass

    w = World()
    w.network = NetworkFactory(name="Umeåregionen", slug="umearegionen")
    w.umea = OrganisationFactory(name="Umeå kommun", slug="umea", official_code="2480")
    w.ragunda = OrganisationFactory(name="Ragunda kommun", slug="ragunda", official_code="2303")
    w.coordinator = UserFactory(email="editor@umearegionen.example")
    MembershipFactory(user=w.coordinator, organisation=w.network, role=Role.EDITOR)
    w.umea_admin = UserFactory(email="admin@umea.example")
    MembershipFactory(user=w.umea_admin, organisation=w.umea, role=Role.ADMIN)
    w.ragunda_admin = UserFactory(email="admin@ragunda.example")
    MembershipFactory(user=w.ragunda_admin, organisation=w.ragunda, role=Role.ADMIN)
    for organisation in (w.umea, w.ragunda):
        CommitmentFactory(organisation=organisation, status="recommended")
        plan = ActionPlanFactory(organisation=organisation, title="Utkast", status="draft")
        ActivityFactory(plan=plan, title="Privat aktivitet", progress=40, status="in_progress")
    sharing = network_services.membership_request(
        network=w.network, member=w.umea, by=w.coordinator
    )
    network_services.membership_answer(sharing=sharing, accept=True, by=w.umea_admin)
    w.indicator = IndicatorFactory(code="EQ1", title_en="Andel", owner=w.network)
    for organisation, value in ((w.umea, 61), (w.ragunda, 55)):
        MeasurementFactory(
            indicator=w.indicator,
            organisation=organisation,
            period="2024",
            gender="women",
            value=value,
        )
    return w


def dashboard_rows(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("networks:dashboard", kwargs={"org": "umearegionen"}))
    return {row.organisation.slug: row for row in response.context["rows"]}


def test_an_admin_cannot_make_their_organisation_a_network(client, world):
    client.force_login(world.ragunda_admin)
    client.post(
        reverse("organisations:edit", kwargs={"org": "ragunda"}),
        {"name": "Ragunda kommun", "country": "SE", "kind": OrganisationKind.NETWORK},
    )
    world.ragunda.refresh_from_db()
    assert world.ragunda.kind == OrganisationKind.MUNICIPALITY


def test_enrolling_an_organisation_is_a_request_with_no_rights(client, world):
    client.force_login(world.coordinator)
    client.post(
        reverse("networks:member-join", kwargs={"org": "umearegionen"}),
        {"member": world.ragunda.pk},
    )
    assert NetworkSharing.objects.get(network=world.network, member=world.ragunda).status == (
        "pending"
    )
    assert not NetworkMembership.objects.filter(member=world.ragunda).exists()
    assert "ragunda" not in dashboard_rows(client, world)
    assert not permissions.network_can_see(world.network, world.ragunda, Shared.PROGRESS)
    # Ragunda's admin declines: still nothing.
    sharing = NetworkSharing.objects.get(network=world.network, member=world.ragunda)
    client.force_login(world.ragunda_admin)
    client.post(
        reverse("memberships:answer", kwargs={"org": "ragunda", "sharing": sharing.pk}),
        {"answer": "decline"},
    )
    sharing.refresh_from_db()
    assert sharing.status == "declined"
    assert "ragunda" not in dashboard_rows(client, world)


def test_a_network_cannot_answer_for_its_member(client, world):
    """Accepting is the member's admins' act; the coordinator gets 404 on those pages."""
    sharing = network_services.membership_request(
        network=world.network, member=world.ragunda, by=world.coordinator
    )
    client.force_login(world.coordinator)
    url = reverse("memberships:answer", kwargs={"org": "ragunda", "sharing": sharing.pk})
    assert client.post(url, {"answer": "accept"}).status_code == 404
    sharing.refresh_from_db()
    assert sharing.status == "pending"


def test_the_dashboard_shows_a_members_plan_progress_only_when_shared(client, world):
    row = dashboard_rows(client, world)["umea"]
    assert row.commitment is not None  # shared by default
    assert row.plan is None and row.progress is None and not row.shares_progress
    html = client.get(reverse("networks:dashboard", kwargs={"org": "umearegionen"})).content
    assert b"not shared" in html and b"Privat aktivitet" not in html
    sharing = NetworkSharing.objects.get(network=world.network, member=world.umea)
    network_services.sharing_update(
        sharing=sharing, shares=[Shared.COMMITMENT, Shared.PROGRESS], by=world.umea_admin
    )
    assert dashboard_rows(client, world)["umea"].progress == 40


def test_leaving_ends_the_networks_access_at_once_and_keeps_the_history(client, world):
    sharing = NetworkSharing.objects.get(network=world.network, member=world.umea)
    network_services.sharing_update(sharing=sharing, shares=list(Shared), by=world.umea_admin)
    client.force_login(world.umea_admin)
    client.post(
        reverse("memberships:leave", kwargs={"org": "umea", "sharing": sharing.pk}),
        {"reason": "Beslut i kommunstyrelsen"},
    )
    # A member on the day it leaves, but from that moment seen as the public sees it.
    row = dashboard_rows(client, world).get("umea")
    assert row is None or (row.plan is None and not row.shares_progress)
    assert not permissions.network_can_see(world.network, world.umea, Shared.PROGRESS)
    assert not permissions.network_can_see(world.network, world.umea, Shared.CONTACTS)
    [row] = NetworkMembership.objects.filter(network=world.network, member=world.umea)
    assert row.left_on is not None and row.leave_reason == "Beslut i kommunstyrelsen"


def _shows_61(html: str) -> bool:
    """Whether Umeå's figure stands on the page as a number (not inside a random token)."""
    return re.search(r"(?<![\w.])61(?!\w)", html) is not None


def test_a_published_member_scorecard_shows_only_public_figures(client, world):
    scorecard = ScorecardFactory(
        owner=world.network, title="Jämför", compare_members=True, is_published=True
    )
    ScorecardItemFactory(scorecard=scorecard, indicator=world.indicator)
    url = reverse("indicators:scorecard", kwargs={"org": "umearegionen", "scorecard": scorecard.pk})
    anonymous = client.get(url).content.decode()
    assert not _shows_61(anonymous) and "not shared" in anonymous
    # Inside the network: not shared either, until Umeå shares its figures.
    client.force_login(world.coordinator)
    assert not _shows_61(client.get(url).content.decode())
    sharing = NetworkSharing.objects.get(network=world.network, member=world.umea)
    network_services.sharing_update(
        sharing=sharing, shares=[Shared.COMMITMENT, Shared.FIGURES], by=world.umea_admin
    )
    assert _shows_61(client.get(url).content.decode())
    client.logout()
    assert not _shows_61(client.get(url).content.decode())
    from equalocal.organisations.services import publishing_update

    publishing_update(organisation=world.umea, by=world.umea_admin, figures=True)
    assert _shows_61(client.get(url).content.decode())


def test_a_network_import_never_writes_a_members_figures(world, tmp_path):
    csv = tmp_path / "figures.csv"
    csv.write_text(
        "indicator,organisation_code,period,gender,value\n"
        "EQ1,2480,2024,women,0\nEQ1,2480,2024,men,100\nEQ1,2303,2024,women,0\n"
    )
    batch = import_file(path_or_file=csv, organisation=world.network, by=world.coordinator)
    stored = dict(Measurement.objects.values_list("organisation__slug", "value"))
    assert stored == {"umea": 61, "ragunda": 55}
    assert batch.rows_proposed == 2
    assert batch.errors and "2303" in batch.errors[0]["message"]  # not a member: refused
    [proposal] = FigureProposal.objects.all()
    assert proposal.organisation == world.umea


def test_documents_search_never_reaches_another_organisation(client, world):
    from equalocal.documents.selectors import searchable_organisations

    assert searchable_organisations(world.coordinator) == [world.network]
    assert world.umea not in searchable_organisations(world.coordinator)


def test_the_member_chooses_and_the_network_sees_exactly_that(world):
    sharing = NetworkSharing.objects.get(network=world.network, member=world.umea)
    for chosen in ([], [Shared.CONTACTS], [Shared.PROGRESS, Shared.FIGURES]):
        network_services.sharing_update(sharing=sharing, shares=chosen, by=world.umea_admin)
        visible = permissions.network_visibility(world.network, [world.umea.pk])[world.umea.pk]
        # The commitment status is public by default (Publishing.commitment).
        assert visible == frozenset(chosen) | {Shared.COMMITMENT}
    assert permissions.network_visibility(world.network, [world.ragunda.pk])[
        world.ragunda.pk
    ] == frozenset({Shared.COMMITMENT})


def test_consent_is_recorded_with_who_answered(world):
    sharing = NetworkSharing.objects.get(network=world.network, member=world.umea)
    assert sharing.answered_by == world.umea_admin and sharing.requested_by == world.coordinator
    assert sharing.joined_on == date.today() or sharing.joined_on is not None
